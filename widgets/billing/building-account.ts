import { css, html, nothing, type PropertyDeclarations, svg, type TemplateResult } from 'lit';
import { REVENUE_KINDS, type RevenueKind } from '../../domain/billing/ledger.ts';
import { money, periodName } from '../../domain/billing/receipt-document.ts';
import type { Statement } from '../../domain/billing/statement.ts';
import type { ApiError } from '../core/api.ts';
import { saveFile } from '../core/download.ts';
import { MuElement } from '../core/element.ts';
import type { FieldIssue } from '../core/field-issues.ts';
import { translate } from '../core/i18n.ts';
import { LazyPart } from '../core/lazy-part.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { problemText, renderLoaded } from '../core/problem-view.ts';
import { renderCheckFailed } from '../core/refusal.ts';
import type { Queue } from './account-queues.ts';
import { buildingStatement, buildingStatementCsv } from './client.ts';
import { type BillingMessageKey, billingMessages } from './messages.ts';
import {
  BALANCE_COLOUR,
  CHART_VIEWBOX,
  EXPENSE_COLOUR,
  KIND_COLOURS,
  statementChart,
} from './statement-chart.ts';
import { billingStyles, chartStyles } from './styles.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

// Colours as SVG fills, not style attributes, which a portal's strict CSP may refuse.
const swatch = (fill: string, line = false) =>
  html`<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">${
    line
      ? svg`<rect y="4" width="10" height="2" fill=${fill} />`
      : svg`<rect width="10" height="10" fill=${fill} />`
  }</svg>`;

/**
 * The statement of a building's account for its management company and the council: income by
 * kind (contributions, leases, household service centres, lightweight structures, penalties),
 * expenses and the balance by month, as an SVG chart and a table with the same figures, and the
 * API's CSV of them in the reader's language; under it, once the statement shows the caller may
 * see the building, its
 * debtors (<mu-building-debtors>), the collection of contributions by month
 * (<mu-building-collection>), and, each in a section the reader opens (fetched then,
 * account-queues.ts), the queue of unmatched bank payments to assign (<mu-unmatched-payments>) and
 * the accounting violations (<mu-billing-violations>). The API
 * decides who may see which building.
 *
 * @element mu-building-account
 * @attr building-id - The building.
 * @attr from, to - Months `YYYY-MM` (default: the API's, up to the last 12 months).
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when the statement cannot be loaded.
 *
 * @csspart card, range, chart, legend, table, export-button, export-status (why the CSV did not
 * come), status, error, retry-button,
 * unmatched-section, violations-section (the work queues' disclosures)
 * (the sections under it have their own parts)
 */
export class MuBuildingAccount extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    from: {},
    to: {},
    _range: { state: true },
    _rangeIssues: { state: true },
    _open: { state: true },
    _exportError: { state: true },
  };

  declare buildingId: string | undefined;
  declare from: string | undefined;
  declare to: string | undefined;
  declare _range: { from?: string; to?: string } | null;
  /** What the range's check found: a month left empty, or the end before the start. */
  declare _rangeIssues: FieldIssue[];
  /** The work queues the reader has opened. */
  declare _open: ReadonlySet<Queue>;
  /** Why the last CSV download failed, shown under the button until the next try. */
  declare _exportError: ApiError | null;

  #statement = new KeyedLoader<Statement>(this, this.reportError);
  #queues = new LazyPart(this, () => import('./account-queues.ts'));

  constructor() {
    super();
    this._range = null;
    this._rangeIssues = [];
    this._open = new Set();
    this._exportError = null;
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.buildingId?.trim();
    const range = this._range ?? {
      from: MONTH.test(this.from ?? '') ? this.from : undefined,
      to: MONTH.test(this.to ?? '') ? this.to : undefined,
    };
    const key = id ? JSON.stringify([s.apiBase, s.token, id, range]) : undefined;
    this.#statement.sync(key, s.token, (signal) => buildingStatement(id ?? '', range, { ...s, signal }));
  }

  #t = (key: BillingMessageKey, params?: Record<string, string | number>): string =>
    translate(billingMessages, this.settings.lang, key, params);
  #kind = (k: RevenueKind) => this.#t(`income_${k}`);

  override render(): TemplateResult {
    return html`<section part="card" class="card" aria-labelledby="title">
      <h2 id="title">${this.#t('statementTitle')}</h2>
      ${renderLoaded(this.settings.lang, this.#statement, (s) => this.#body(s))}
      ${this.#statement.value ? this.#sections(this.#statement.value.buildingId) : nothing}
    </section>`;
  }

  /** The same building, language and credentials as this element's own. */
  #sections(id: string): TemplateResult {
    const lang = this.settings.lang;
    return html`<mu-building-debtors building-id=${id} lang=${lang} .apiBase=${this.apiBase} .token=${this.token}></mu-building-debtors>
      <mu-building-collection building-id=${id} lang=${lang} .apiBase=${this.apiBase} .token=${this.token}></mu-building-collection>
      ${this.#queue('unmatched', 'unmatchedTitle', id)} ${this.#queue('violations', 'violationsTitle', id)}`;
  }

  /** A work queue as a section the reader opens; its element comes when it is first opened. */
  #queue(queue: Queue, title: BillingMessageKey, id: string): TemplateResult {
    const lang = this.settings.lang;
    const open = this._open.has(queue);
    return html`<details part="${queue}-section" class="queue" ?open=${open}
      @toggle=${(e: Event) => this.#toggle(queue, (e.target as HTMLDetailsElement).open)}>
      <summary>${this.#t(title)}</summary>
      ${
        open
          ? this.#queues.render(lang, (m) =>
              m.renderQueue(queue, { id, lang, apiBase: this.apiBase, token: this.token }),
            )
          : nothing
      }
    </details>`;
  }

  #toggle(queue: Queue, open: boolean): void {
    if (open === this._open.has(queue)) return;
    const next = new Set(this._open);
    if (open) next.add(queue);
    else next.delete(queue);
    this._open = next;
  }

  #body(s: Statement): TemplateResult {
    const lang = this.settings.lang;
    const label = this.#t('chartLabel', { from: periodName(lang, s.from), to: periodName(lang, s.to) });
    return html`<form part="range" class="range" novalidate @submit=${this.#apply}>
        <label>${this.#t('from')} <input name="from" type="month" .value=${s.from} required /></label>
        <label>${this.#t('to')} <input name="to" type="month" .value=${s.to} required /></label>
        <button type="submit">${this.#t('show')}</button>
        <button type="button" part="export-button" class="secondary" @click=${() => this.#export(s)}>
          ${this.#t('exportCsv')}
        </button>
      </form>
      ${this._exportError ? html`<p part="export-status" class="error" role="alert">${problemText(lang, this._exportError)}</p>` : nothing}
      ${
        this._rangeIssues.length > 0
          ? renderCheckFailed(lang, this._rangeIssues, (f) =>
              f === 'from' ? this.#t('from') : f === 'to' ? this.#t('to') : undefined,
            )
          : nothing
      }
      <figure>
        <svg part="chart" viewBox=${CHART_VIEWBOX} role="img" aria-label=${label}>${statementChart(s, lang, {
          kind: this.#kind,
          expenses: this.#t('expenses'),
          balance: this.#t('balance'),
        })}</svg>
        <figcaption>
          <ul part="legend" class="legend">
            ${REVENUE_KINDS.map((k) => html`<li>${swatch(KIND_COLOURS[k])}${this.#kind(k)}</li>`)}
            <li>${swatch(EXPENSE_COLOUR)}${this.#t('expenses')}</li>
            <li>${swatch(BALANCE_COLOUR, true)}${this.#t('balance')}</li>
          </ul>
        </figcaption>
      </figure>
      <p class="muted small">${this.#t('opening', { month: periodName(lang, s.from), amount: money(lang, s.openingBalance) })}</p>
      <div class="scroll">
        <table part="table">
          <caption class="visually-hidden">${this.#t('table')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.#t('period')}</th>
              ${REVENUE_KINDS.map((k) => html`<th scope="col" class="num">${this.#kind(k)}</th>`)}
              <th scope="col" class="num">${this.#t('incomeTotal')}</th>
              <th scope="col" class="num">${this.#t('expenses')}</th>
              <th scope="col" class="num">${this.#t('balance')}</th>
            </tr>
          </thead>
          <tbody>
            ${s.months.map(
              (m) => html`<tr data-period=${m.period}>
                <th scope="row">${periodName(lang, m.period)}</th>
                ${REVENUE_KINDS.map((k) => html`<td class="num" data-kind=${k}>${money(lang, m.income[k])}</td>`)}
                <td class="num" data-column="income">${money(lang, m.incomeTotal)}</td>
                <td class="num" data-column="expenses">${money(lang, m.expenses)}</td>
                <td class="num" data-column="balance">${money(lang, m.closingBalance)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${this.#t('total')}</th>
              ${REVENUE_KINDS.map((k) => html`<td class="num">${money(lang, s.totals.income[k])}</td>`)}
              <td class="num">${money(lang, s.totals.incomeTotal)}</td>
              <td class="num">${money(lang, s.totals.expenses)}</td>
              <td></td>
            </tr>
          </tfoot>
        </table>
      </div>`;
  }

  #apply = (e: Event): void => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    // Never a silent nothing: an empty or unreadable month, or an end before the start, is named.
    const issues: FieldIssue[] = [];
    if (!MONTH.test(from))
      issues.push({ field: 'from', code: from ? 'invalid_format' : 'required', format: 'date' });
    if (!MONTH.test(to))
      issues.push({ field: 'to', code: to ? 'invalid_format' : 'required', format: 'date' });
    else if (issues.length === 0 && to < from)
      issues.push({ field: 'to', code: 'after', other: this.#t('from') });
    this._rangeIssues = issues;
    if (issues.length === 0) this._range = { from, to };
  };

  async #export(s: Statement): Promise<void> {
    // The API writes the CSV in the reader's language; it wants the token, which a link cannot send.
    this._exportError = null;
    try {
      const { bytes } = await buildingStatementCsv(s.buildingId, s, this.settings);
      saveFile(bytes as BlobPart, 'text/csv', `building-account-${s.buildingId}-${s.from}-${s.to}.csv`);
    } catch (error) {
      this._exportError = toApiError(error);
    }
  }

  static override styles = [
    ...billingStyles,
    chartStyles,
    css`
      .range {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: end;
        margin-bottom: 0.75em;
      }
      .range input {
        font: inherit;
      }
      button.secondary {
        background: transparent;
        color: var(--mu-color-accent, #0b5fa5);
      }
      .queue {
        margin-top: 1em;
      }
      .queue > summary {
        cursor: pointer;
        font-weight: 600;
        padding: 0.5em 0;
        color: var(--mu-color-accent, #0b5fa5);
      }
    `,
  ];
}
