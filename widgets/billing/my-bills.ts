import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { dayName, money, periodName } from '../../domain/billing/receipt-document.ts';
import type {
  ElectricityView,
  MovementView,
  OwnerAccountView,
  ReceiptSummary,
} from '../../domain/billing/views.ts';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import type { Page } from '../../domain/common/page.ts';
import type { ApiError } from '../core/api.ts';
import { saveFile } from '../core/download.ts';
import { MuElement } from '../core/element.ts';
import { formatDate } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { openLink } from '../core/navigate.ts';
import { pageSizeOf, renderPager } from '../core/pager.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { disclosureStyles } from '../core/styles.ts';
import { myAccounts, myMovements, myReceipts, receiptPdf } from './client.ts';
import { type BillingMessageKey, billingMessages, LANGUAGE_NAMES } from './messages.ts';
import { billingStyles } from './styles.ts';

/**
 * A resident's own bills: their electricity block when there is one, each account (their share
 * of an apartment) with its personal account number, what is owed or paid ahead, what is overdue
 * and its penalties, the monthly receipts with their PDF in uz/ru/en and a way to pay each
 * through a payment provider (<mu-receipt-pay>), and the history of charges, payments and
 * corrections. Only the caller's own: the API answers nothing else to a resident.
 *
 * @element mu-my-bills
 * @attr page-size - Receipts and movements per page (default 12).
 * @attr receipt-id - A receipt to point out (a link in its mail): marked current and scrolled to.
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when something cannot be loaded.
 *
 * @csspart card - The outer box. @csspart electricity - The electricity block's notice.
 * @csspart accounts, account, balance, overdue, penalties, penalty - The accounts and their debts.
 * @csspart receipts, receipt, standing, pdf-button - The receipts; standing: how one stands now
 *   (`data-status` due, part-paid, paid or none). @csspart history, movement - The history.
 * @csspart pager, status, error, retry-button - Paging, loading and errors.
 */
export class MuMyBills extends MuElement {
  static override properties: PropertyDeclarations = {
    pageSize: { attribute: 'page-size', type: Number },
    receiptId: { attribute: 'receipt-id' },
    _receiptsPage: { state: true },
    _historyPage: { state: true },
    _downloadError: { state: true },
  };

  declare pageSize: number;
  declare receiptId: string | undefined;
  declare _receiptsPage: number;
  declare _historyPage: number;
  declare _downloadError: ApiError | null;

  #accounts = new KeyedLoader<{ items: OwnerAccountView[]; electricity: ElectricityView }>(
    this,
    this.reportError,
  );
  #receipts = new KeyedLoader<Page<ReceiptSummary>>(this, this.reportError);
  #history = new KeyedLoader<Page<MovementView>>(this, this.reportError);

  constructor() {
    super();
    this.pageSize = 12;
    this._receiptsPage = 1;
    this._historyPage = 1;
    this._downloadError = null;
  }

  #pointedAt: string | null = null;

  /** The receipt a link names comes into view once, when it first appears in the list. */
  protected override updated(): void {
    const id = this.receiptId ?? null;
    if (!id || id === this.#pointedAt) return;
    const row = this.renderRoot.querySelector(`li[data-receipt-id="${CSS.escape(id)}"]`);
    if (!row) return;
    this.#pointedAt = id;
    row.scrollIntoView({ block: 'nearest' });
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const size = pageSizeOf(this.pageSize, 12);
    const o = { apiBase, token, lang };
    this.#accounts.sync(JSON.stringify([apiBase, token]), token, (signal) => myAccounts({ ...o, signal }));
    const rp = this._receiptsPage;
    this.#receipts.sync(JSON.stringify([apiBase, token, rp, size]), token, (signal) =>
      myReceipts(rp, size, { ...o, signal }),
    );
    const hp = this._historyPage;
    this.#history.sync(JSON.stringify([apiBase, token, hp, size]), token, (signal) =>
      myMovements(hp, size, { ...o, signal }),
    );
  }

  #t = (key: BillingMessageKey, params?: Record<string, string | number>): string =>
    translate(billingMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    return html`<section part="card" class="card" aria-labelledby="title">
      <h2 id="title">${this.#t('myBillsTitle')}</h2>
      ${this.#accounts.value ? this.#electricity(this.#accounts.value.electricity) : nothing}
      <h3>${this.#t('accounts')}</h3>
      ${renderLoaded(lang, this.#accounts, (a) =>
        a.items.length === 0
          ? html`<p part="status" class="muted">${this.#t('noAccounts')}</p>`
          : html`<ul part="accounts" class="rows">${a.items.map((x) => this.#account(x))}</ul>`,
      )}
      <h3>${this.#t('receipts')}</h3>
      ${renderLoaded(lang, this.#receipts, (list) =>
        list.items.length === 0
          ? html`<p part="status" class="muted">${this.#t('noReceipts')}</p>`
          : html`<ul part="receipts" class="rows">${list.items.map((r) => this.#receipt(r))}</ul>
              ${renderPager(list, { previous: this.#t('previous'), next: this.#t('next') }, (d) => {
                this._receiptsPage += d;
              })}`,
      )}
      ${this._downloadError ? html`<p part="error" class="error" role="alert">${this.#t('downloadFailed')}</p>` : nothing}
      <h3>${this.#t('history')}</h3>
      ${renderLoaded(lang, this.#history, (list) =>
        list.items.length === 0
          ? html`<p part="status" class="muted">${this.#t('noHistory')}</p>`
          : html`<ul part="history" class="rows">${list.items.map((m) => this.#movement(m))}</ul>
              ${renderPager(list, { previous: this.#t('previous'), next: this.#t('next') }, (d) => {
                this._historyPage += d;
              })}`,
      )}
    </section>`;
  }

  /** What is owed, paid ahead or settled, in words as well as colour. */
  #balance(balance: number): TemplateResult {
    const lang = this.settings.lang;
    if (balance > 0) return html`<span class="amount owed">${this.#t('owe')}: ${money(lang, balance)}</span>`;
    if (balance < 0)
      return html`<span class="amount advance">${this.#t('advance')}: ${money(lang, -balance)}</span>`;
    return html`<span class="amount">${this.#t('settled')}</span>`;
  }

  /** Only when there is something to say: a block now, or one lifted. */
  #electricity(e: ElectricityView): TemplateResult | typeof nothing {
    if (e.status === 'blocked')
      return html`<p part="electricity" class="notice blocked" role="status" data-status="blocked">
        ${this.#t('electricityBlocked', { date: dayName(e.blockedOn ?? '') })}
      </p>`;
    if (e.status === 'lifted' && e.liftedAt)
      return html`<p part="electricity" class="notice lifted" role="status" data-status="lifted">
        ${this.#t('electricityLifted', { date: formatDate(e.liftedAt) })}
      </p>`;
    return nothing;
  }

  #account(a: OwnerAccountView): TemplateResult {
    const lang = this.settings.lang;
    const s = a.standing;
    return html`<li part="account" data-account=${a.personalAccount ?? ''}>
      <span class="grow">
        ${this.#t('apartment', { number: a.apartmentNumber, address: a.address })}
        <span class="muted small">· ${this.#t('share', { share: a.share })}</span><br />
        <span class="muted small">${this.#t('personalAccount')}: ${a.personalAccount}</span>
        ${
          s.overdue > 0
            ? html`<br /><span part="overdue" class="owed small"
                  >${this.#t('overdue', { amount: money(lang, s.overdue) })}
                  ${this.#t('overdueMonths', { months: s.overduePeriods.map((p) => periodName(lang, p)).join(', ') })}</span
                >`
            : nothing
        }
        ${
          s.penaltyDue > 0
            ? html`<br /><span class="small">${this.#t('penaltyDue', { amount: money(lang, s.penaltyDue) })}</span>`
            : nothing
        }
        ${
          s.penalties.length > 0
            ? html`<details part="penalties">
                <summary class="small">${this.#t('penalties')}</summary>
                <ul class="small">
                  ${s.penalties.map(
                    (p) => html`<li part="penalty" data-period=${p.period}>
                      ${this.#t('penaltyLine', { month: periodName(lang, p.period), days: p.daysLate, amount: money(lang, p.amount) })}${
                        p.capped
                          ? html` · ${this.#t('penaltyCapped')}`
                          : p.growing
                            ? html` · ${this.#t('penaltyGrowing')}`
                            : nothing
                      }
                    </li>`,
                  )}
                </ul>
              </details>`
            : nothing
        }
      </span>
      <span part="balance">${this.#balance(a.balance)}</span>
    </li>`;
  }

  #receipt(r: ReceiptSummary): TemplateResult {
    const lang = this.settings.lang;
    const current = r.id === this.receiptId;
    return html`<li
      part=${current ? 'receipt receipt-current' : 'receipt'}
      class=${current ? 'current' : ''}
      aria-current=${current ? 'true' : nothing}
      data-number=${r.number}
      data-receipt-id=${r.id}
    >
      <span class="grow">
        <strong>${periodName(lang, r.period)}</strong>
        <span class="muted small">${this.#t('number')} ${r.number}</span>
        ${openLink(this, lang, 'receipt', r.id, r.number)}<br />
        <span class="muted small"
          >${this.#t('apartment', { number: r.apartmentNumber, address: r.address })} ·
          ${this.#t('accrued')} ${money(lang, r.accrued)} · ${this.#t('paid')} ${money(lang, r.paid)}</span
        >
      </span>
      ${this.#standing(r)}
      ${
        r.remaining > 0
          ? html`<mu-receipt-pay
              class="pay"
              receipt-id=${r.id}
              number=${r.number}
              lang=${this.settings.lang}
              .apiBase=${this.apiBase}
              .token=${this.token}
            ></mu-receipt-pay>`
          : nothing
      }
      <span class="buttons">
        ${LANGUAGES.map(
          (l) => html`<button
            type="button"
            part="pdf-button"
            class="pdf secondary"
            lang=${l}
            aria-label=${this.#t('downloadPdf', { number: r.number, language: LANGUAGE_NAMES[l] })}
            @click=${() => this.#download(r, l)}
          >
            ${this.#t('pdf')} ${l.toUpperCase()}
          </button>`,
        )}
      </span>
    </li>`;
  }

  /**
   * How the receipt stands now, never beside its frozen figure: what it asked, what was paid after
   * it and when, and what is left; only a receipt with something left offers to pay.
   */
  #standing(r: ReceiptSummary): TemplateResult {
    const lang = this.settings.lang;
    const due = html`<span class="muted small">${this.#t('due', { date: dayName(r.dueDate) })}</span>`;
    if (r.toPay <= 0)
      return html`<span part="standing" data-status="none">${this.#balance(r.closing)}</span>`;
    const wasDue = this.#t('receiptWasDue', { amount: money(lang, r.toPay) });
    const paidSince = this.#t('receiptPaidSoFar', { amount: money(lang, r.paidSince) });
    if (r.remaining === 0)
      return html`<span part="standing" data-status="paid">
        <span class="amount advance">${this.#t('receiptPaid')}</span><br />
        <span class="small">${wasDue}</span><br />
        ${
          r.paidSince > 0
            ? html`<span class="small"
                  >${
                    r.settledAt
                      ? this.#t('receiptPaidOn', {
                          amount: money(lang, r.paidSince),
                          date: formatDate(r.settledAt),
                        })
                      : paidSince
                  }</span
                ><br />`
            : nothing
        }
        <span class="small">${this.#t('receiptRemaining', { amount: money(lang, 0) })}</span>
      </span>`;
    return html`<span part="standing" data-status=${r.remaining < r.toPay ? 'part-paid' : 'due'}>
      <span class="amount owed">${this.#t('owe')}: ${money(lang, r.remaining)}</span><br />
      ${r.remaining < r.toPay ? html`<span class="small">${wasDue} · ${paidSince}</span><br />` : nothing}
      ${due}
    </span>`;
  }

  #movement(m: MovementView): TemplateResult {
    const lang = this.settings.lang;
    const what = this.#t(`kind_${m.kind}` as BillingMessageKey);
    return html`<li part="movement" data-kind=${m.kind}>
      <span class="grow">
        ${what}${m.period ? html` · ${periodName(lang, m.period)}` : nothing}
        ${m.kind === 'correction' && m.reason ? html`<br /><span class="muted small">${m.reason}</span>` : nothing}
        <br /><span class="muted small">${formatDate(m.postedAt)} · ${this.#t('apartmentShort', { number: m.apartmentNumber })}</span>
      </span>
      <span class="amount">${m.amount > 0 ? '+' : '−'}${money(lang, Math.abs(m.amount))}</span>
    </li>`;
  }

  async #download(r: ReceiptSummary, lang: Language): Promise<void> {
    this._downloadError = null;
    try {
      const { bytes } = await receiptPdf(r.id, lang, this.settings);
      saveFile(bytes as BlobPart, 'application/pdf', `receipt-${r.number}-${lang}.pdf`);
    } catch (error) {
      this._downloadError = toApiError(error);
      this.reportError(this._downloadError);
    }
  }

  static override styles = [
    ...billingStyles,
    disclosureStyles,
    css`
      li.current {
        outline: 2px solid var(--mu-color-accent, #0a4f9e);
        outline-offset: 2px;
      }
      .notice {
        padding: 0.6em 0.8em;
        border-radius: 6px;
        margin: 0 0 0.75em;
        overflow-wrap: anywhere;
      }
      .notice.blocked {
        background: #fdecea;
        color: var(--mu-color-danger, #a4262c);
        font-weight: 600;
      }
      .notice.lifted {
        background: #e9f5ec;
        color: var(--mu-color-success, #1e7b34);
      }
      details ul {
        margin: 0.25em 0 0;
        padding-left: 1.2em;
      }
      mu-receipt-pay {
        flex: 1 1 100%;
      }
    `,
  ];
}
