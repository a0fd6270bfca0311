import { css, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { money, periodName } from '../../domain/billing/receipt-document.ts';
import type { DebtorView } from '../../domain/billing/views.ts';
import type { Page } from '../../domain/common/page.ts';
import { MuElement } from '../core/element.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { pageSizeOf, renderPager } from '../core/pager.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { badgeStyles } from '../core/styles.ts';
import { buildingDebtors } from './client.ts';
import { type BillingMessageKey, billingMessages } from './messages.ts';
import { billingStyles } from './styles.ts';

/**
 * A building's debtors for its management company and the bodies overseeing it: each owner's
 * share of an apartment with contributions unpaid past their due day, the largest debt first, with
 * the months overdue, the penalties owed and the owner's electricity block, in words.
 *
 * @element mu-building-debtors
 * @attr building-id - The building. @attr page-size - Rows per page (default 20).
 * @attr api-base, token, lang - See configure().
 *
 * @csspart debtors, debtor, total, pager, status, error, retry-button
 */
export class MuBuildingDebtors extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    pageSize: { attribute: 'page-size', type: Number },
    _page: { state: true },
  };

  declare buildingId: string | undefined;
  declare pageSize: number;
  declare _page: number;

  #list = new KeyedLoader<Page<DebtorView> & { totalOverdue: number }>(this, this.reportError);

  constructor() {
    super();
    this.pageSize = 20;
    this._page = 1;
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.buildingId?.trim();
    const size = pageSizeOf(this.pageSize, 20);
    const page = this._page;
    const key = id ? JSON.stringify([s.apiBase, s.token, id, page, size]) : undefined;
    this.#list.sync(key, s.token, (signal) => buildingDebtors(id ?? '', page, size, { ...s, signal }));
  }

  #t = (key: BillingMessageKey, params?: Record<string, string | number>): string =>
    translate(billingMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    return html`<section aria-labelledby="debtors-title">
      <h3 id="debtors-title">${this.#t('debtorsTitle')}</h3>
      ${renderLoaded(lang, this.#list, (list) =>
        list.total === 0
          ? html`<p part="status" class="muted">${this.#t('noDebtors')}</p>`
          : html`<p part="total">
                ${this.#t('debtorsTotal', { amount: money(lang, list.totalOverdue), count: list.total })}
              </p>
              <div class="scroll">
                <table part="debtors">
                  <caption class="visually-hidden">${this.#t('debtorsTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${this.#t('apartmentCol')}</th>
                      <th scope="col">${this.#t('owner')}</th>
                      <th scope="col" class="num">${this.#t('overdueCol')}</th>
                      <th scope="col" class="num">${this.#t('monthsCol')}</th>
                      <th scope="col" class="num">${this.#t('penaltyCol')}</th>
                      <th scope="col">${this.#t('electricityCol')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${list.items.map((d) => this.#row(d))}
                  </tbody>
                </table>
              </div>
              ${renderPager(list, { previous: this.#t('previous'), next: this.#t('next') }, (d) => {
                this._page += d;
              })}`,
      )}
    </section>`;
  }

  #row(d: DebtorView): TemplateResult {
    const lang = this.settings.lang;
    return html`<tr part="debtor" data-apartment=${d.apartmentNumber} data-electricity=${d.electricity}>
      <th scope="row">${d.apartmentNumber}</th>
      <td>${d.ownerName}<br /><span class="muted small">${this.#t('personalAccount')}: ${d.personalAccount}</span></td>
      <td class="num" data-column="overdue">${money(lang, d.overdue)}</td>
      <td class="num" data-column="months" title=${d.overduePeriods.map((p) => periodName(lang, p)).join(', ')}>
        ${d.overduePeriods.length}
      </td>
      <td class="num" data-column="penalty">${money(lang, d.penaltyDue)}</td>
      <td data-column="electricity">
        <span class="badge ${d.electricity}">${this.#t(`electricity_${d.electricity}`)}</span>
      </td>
    </tr>`;
  }

  static override styles = [
    ...billingStyles,
    badgeStyles,
    css`
      .badge.blocked {
        color: var(--mu-color-danger, #a4262c);
      }
      .badge.lifted {
        color: var(--mu-color-success, #1e7b34);
      }
    `,
  ];
}
