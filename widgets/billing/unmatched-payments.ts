import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { dayName, money } from '../../domain/billing/receipt-document.ts';
import type { Page } from '../../domain/common/page.ts';
import type { ApiError } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { translate } from '../core/i18n.ts';
import { RetryKey } from '../core/idempotency.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { problemText, renderLoaded } from '../core/problem-view.ts';
import { problemReason, renderCheckFailed } from '../core/refusal.ts';
import { formStyles } from '../core/styles.ts';
import {
  assignPayment,
  buildingApartments,
  type PaymentCandidate,
  type UnmatchedPayment,
  unmatchedPayments,
} from './client.ts';
import { type BillingMessageKey, billingMessages } from './messages.ts';
import { billingStyles } from './styles.ts';

/**
 * The queue of a building's bank payments whose purpose named no apartment the system could be
 * sure of: date, amount, payer and purpose, what the purpose hints at (in words), and assigning a
 * payment to an apartment, which posts it to that apartment's owners (with an Idempotency-Key, so
 * a double click or a retry assigns once).
 *
 * @element mu-unmatched-payments
 * @attr building-id - The building. @attr api-base, token, lang - See configure().
 *
 * @fires mu-payment-assigned - `detail: { id, apartmentId }` after a payment is assigned.
 * @csspart unmatched, payment, assign-form, assign-button, notice, status, error, retry-button
 */
export class MuUnmatchedPayments extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    _busy: { state: true },
    _notice: { state: true },
    _unchosen: { state: true },
  };

  declare buildingId: string | undefined;
  declare _busy: string | null;
  declare _notice: { kind: 'ok'; text: string } | { kind: 'error'; error: ApiError } | null;
  /** The payment whose form was sent with no apartment chosen: said under it, nothing sent. */
  declare _unchosen: string | null;

  #list = new KeyedLoader<{ items: UnmatchedPayment[] }>(this, this.reportError);
  #apartments = new KeyedLoader<Page<{ id: string; number: string }>>(this, this.reportError);
  #key = new RetryKey();

  constructor() {
    super();
    this._busy = null;
    this._notice = null;
    this._unchosen = null;
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.buildingId?.trim();
    const key = id ? JSON.stringify([s.apiBase, s.token, id]) : undefined;
    this.#list.sync(key, s.token, (signal) => unmatchedPayments(id ?? '', { ...s, signal }));
    // The building's apartments only when there is something to assign.
    const some = (this.#list.value?.items.length ?? 0) > 0;
    this.#apartments.sync(some ? key : undefined, s.token, (signal) =>
      buildingApartments(id ?? '', { ...s, signal }),
    );
  }

  #t = (key: BillingMessageKey, params?: Record<string, string | number>): string =>
    translate(billingMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    return html`<section aria-labelledby="unmatched-title">
      <h3 id="unmatched-title">${this.#t('unmatchedTitle')}</h3>
      ${this.#renderNotice()}
      ${renderLoaded(
        lang,
        this.#list,
        (list) =>
          list.items.length === 0
            ? html`<p part="status" class="muted">${this.#t('noUnmatched')}</p>`
            : html`<ul part="unmatched" class="rows">${list.items.map((p) => this.#payment(p))}</ul>`,
        { notFound: this.#t('sectionUnavailable') },
      )}
    </section>`;
  }

  #renderNotice(): TemplateResult | typeof nothing {
    const n = this._notice;
    if (!n) return nothing;
    if (n.kind === 'ok') return html`<p part="notice" class="ok" role="status">${n.text}</p>`;
    const s = n.error.status;
    const reason =
      s === 400 || s === 409 || s === 422
        ? problemReason(n.error, this.settings.lang)
        : problemText(this.settings.lang, n.error);
    return html`<p part="notice" class="error" role="alert">${this.#t('assignFailed', { reason })}</p>`;
  }

  #candidate(c: PaymentCandidate): string {
    const value = c.kind === 'personal_account' ? c.account : c.number;
    const where =
      c.apartmentNumber && c.kind !== 'apartment'
        ? ` (${this.#t('apartmentShort', { number: c.apartmentNumber })})`
        : '';
    return `${this.#t(`candidate_${c.kind}`, { value })}${where}`;
  }

  #payment(p: UnmatchedPayment): TemplateResult {
    const lang = this.settings.lang;
    const apartments = this.#apartments.value?.items ?? [];
    const suggested = new Set(p.candidates.flatMap((c) => (c.apartmentId ? [c.apartmentId] : [])));
    const ordered = [
      ...apartments.filter((a) => suggested.has(a.id)),
      ...apartments.filter((a) => !suggested.has(a.id)),
    ];
    const only = suggested.size === 1 ? [...suggested][0] : undefined;
    return html`<li part="payment" data-id=${p.id}>
      <span class="grow">
        <strong>${money(lang, p.amount)}</strong> · ${dayName(p.valueDate)}<br />
        <span class="small">${this.#t('payer')}: ${p.payer}</span><br />
        <span class="small">${this.#t('purpose')}: ${p.purpose}</span>
        ${
          p.candidates.length > 0
            ? html`<br /><span class="muted small"
                  >${this.#t('suggestions')}: ${p.candidates.map((c) => this.#candidate(c)).join('; ')}</span
                >`
            : nothing
        }
      </span>
      <form part="assign-form" class="assign" novalidate @submit=${(e: SubmitEvent) => this.#assign(e, p)}>
        <label>
          <span class="small">${this.#t('chooseApartment')}</span>
          <select name="apartmentId" required aria-invalid=${this._unchosen === p.id ? 'true' : 'false'}
            @change=${() => {
              if (this._unchosen === p.id) this._unchosen = null;
            }}>
            <option value="">${this.#t('choose')}</option>
            ${ordered.map(
              (a) =>
                html`<option value=${a.id} ?selected=${a.id === only}>${this.#t('apartmentShort', { number: a.number })}</option>`,
            )}
          </select>
        </label>
        <button type="submit" part="assign-button" ?disabled=${this._busy !== null}>${this.#t('assign')}</button>
        ${
          this._unchosen === p.id
            ? renderCheckFailed(lang, [{ field: 'apartmentId', code: 'choose' }], () =>
                this.#t('chooseApartment'),
              )
            : nothing
        }
      </form>
    </li>`;
  }

  async #assign(event: SubmitEvent, p: UnmatchedPayment): Promise<void> {
    event.preventDefault();
    if (this._busy) return;
    const apartmentId = String(new FormData(event.target as HTMLFormElement).get('apartmentId') ?? '');
    this._unchosen = apartmentId ? null : p.id;
    if (!apartmentId) return;
    const number = this.#apartments.value?.items.find((a) => a.id === apartmentId)?.number ?? '';
    this._busy = p.id;
    this._notice = null;
    try {
      // A valid personal account named in the purpose says which co-owner of that apartment pays.
      const named = p.candidates.find(
        (c) => c.kind === 'personal_account' && c.valid && c.apartmentId === apartmentId,
      );
      const body = {
        apartmentId,
        ...(named?.kind === 'personal_account' ? { personalAccount: named.account } : {}),
      };
      const idempotencyKey = this.#key.for(JSON.stringify([p.id, body]));
      await assignPayment(p.id, body, { ...this.settings, idempotencyKey });
      this.#key.reset();
      this._notice = {
        kind: 'ok',
        text: this.#t('assigned', { amount: money(this.settings.lang, p.amount), number }),
      };
      this.emit('mu-payment-assigned', { id: p.id, apartmentId });
      this.#list.reload();
    } catch (error) {
      this._notice = { kind: 'error', error: toApiError(error) };
    } finally {
      this._busy = null;
    }
  }

  static override styles = [
    ...billingStyles,
    formStyles,
    css`
      .assign {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4em;
        align-items: end;
      }
      .assign label {
        display: flex;
        flex-direction: column;
      }
      select {
        font: inherit;
        max-width: 100%;
      }
    `,
  ];
}
