import { css, html, nothing, type PropertyDeclarations, svg, type TemplateResult } from 'lit';
import type { MeasureFigure } from '../../domain/dispatch/figures.ts';
import type { ApiError } from '../core/api.ts';
import { saveFile } from '../core/download.ts';
import { MuElement } from '../core/element.ts';
import { formatNumber, tashkentParts } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader, toApiError } from '../core/loader.ts';
import { problemText, renderLoaded } from '../core/problem-view.ts';
import { baseStyles, cardStyles, formStyles } from '../core/styles.ts';
import { tableScroll, tableScrollStyles } from '../core/table-scroll.ts';
import { type Figures, getFigures, getFiguresCsv, type OrganizationFigures } from './board-client.ts';
import { type DispatchFiguresMessageKey, dispatchFiguresMessages } from './figures-messages.ts';

/** Quarters offered, the current one first. */
const QUARTERS_BACK = 8;

/** The current Tashkent quarter and the ones before it, as the API names them (2027-Q1). */
export function recentQuarters(now: Date, count = QUARTERS_BACK): string[] {
  const p = tashkentParts(now);
  let year = Number(p.year);
  let q = Math.floor((Number(p.month) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`);
    q--;
    if (q === 0) {
      q = 4;
      year--;
    }
  }
  return out;
}

type Measure = 'answer' | 'contain' | 'done';
const MEASURES: readonly Measure[] = ['answer', 'contain', 'done'];

/**
 * The council's (or the inspection's) view of the emergency dispatch service: per organization and
 * quarter, the share of calls answered, emergencies contained and work done within the legal times,
 * with the median times, as an SVG bar chart beside the same numbers in a data table, and the
 * API's CSV of the quarter to download.
 *
 * @element mu-dispatch-figures
 * @attr district-id - The district (the API reads the scope from the token; the view loads once set).
 * @attr org-id - One organization only, instead of the whole district.
 * @attr quarter - The quarter shown first, such as 2027-Q1 (default: the current one).
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` when the figures cannot be loaded.
 *
 * @csspart card - The outer box. @csspart quarter-select - The quarter. @csspart chart - The bars.
 * @csspart figures-table - The numbers. @csspart download-button, download-status - The CSV.
 * @csspart status, error, retry-button - Loading and errors.
 */
export class MuDispatchFigures extends MuElement {
  static override properties: PropertyDeclarations = {
    districtId: { attribute: 'district-id' },
    orgId: { attribute: 'org-id' },
    quarter: {},
    _downloading: { state: true },
    _downloadError: { state: true },
  };

  declare districtId: string | undefined;
  declare orgId: string | undefined;
  declare quarter: string | undefined;
  declare _downloading: boolean;
  declare _downloadError: ApiError | null;

  #figures = new KeyedLoader<Figures>(this, this.reportError);

  constructor() {
    super();
    this._downloading = false;
    this._downloadError = null;
  }

  #quarter(): string {
    const q = this.quarter?.trim();
    return q && /^\d{4}-Q[1-4]$/.test(q) ? q : recentQuarters(new Date(), 1)[0]!;
  }

  protected override willUpdate(): void {
    const { apiBase, token, lang } = this.settings;
    const scope = this.districtId?.trim() || this.orgId?.trim();
    const quarter = this.#quarter();
    this.#figures.sync(
      scope ? JSON.stringify([apiBase, token, scope, quarter]) : undefined,
      token,
      (signal) => getFigures(quarter, { apiBase, token, lang, signal }),
    );
  }

  #t = (key: DispatchFiguresMessageKey, params?: Record<string, string | number>): string =>
    translate(dispatchFiguresMessages, this.settings.lang, key, params);

  override render(): TemplateResult {
    const lang = this.settings.lang;
    return html`<section part="card" class="card" aria-labelledby="figures-title" aria-busy=${this.#figures.state.kind === 'loading'}>
      <h2 id="figures-title">${this.#t('figuresTitle')}</h2>
      <div class="controls">
        ${this.#renderQuarter()}
        <button type="button" part="download-button" class="secondary" ?disabled=${this._downloading} @click=${this.#download}>
          ${this._downloading ? this.#t('downloading') : this.#t('downloadCsv')}
        </button>
      </div>
      <div part="download-status" role="status" aria-live="polite">
        ${this._downloadError ? html`<p class="error">${this.#t('downloadFailed', { reason: problemText(lang, this._downloadError) })}</p>` : nothing}
      </div>
      ${renderLoaded(lang, this.#figures, (f) => this.#renderFigures(f))}
    </section>`;
  }

  #quarterName(q: string): string {
    return this.#t('quarterValue', { year: q.slice(0, 4), q: q.slice(-1) });
  }

  #renderQuarter(): TemplateResult {
    const current = this.#quarter();
    const options = recentQuarters(new Date());
    if (!options.includes(current)) options.unshift(current);
    return html`<label class="field">
      <span class="title">${this.#t('quarter')}</span>
      <select part="quarter-select" @change=${(e: Event) => {
        this.quarter = (e.target as HTMLSelectElement).value;
      }}>
        ${options.map((q) => html`<option value=${q} ?selected=${q === current}>${this.#quarterName(q)}</option>`)}
      </select>
    </label>`;
  }

  #rows(f: Figures): OrganizationFigures[] {
    const org = this.orgId?.trim();
    return org ? f.items.filter((i) => i.organizationId === org) : f.items;
  }

  #renderFigures(f: Figures): TemplateResult {
    const rows = this.#rows(f);
    if (rows.length === 0) return html`<p part="status" class="muted">${this.#t('empty')}</p>`;
    return html`<div class="figures">${this.#renderChart(rows)} ${this.#renderTable(rows)}</div>`;
  }

  #percent(share: number | null): string {
    return share === null ? this.#t('noValue') : `${formatNumber(this.settings.lang, share * 100, 0)}\u00a0%`;
  }

  #minutes(m: number | null): string {
    return m === null
      ? this.#t('noValue')
      : this.#t('minutes', { n: formatNumber(this.settings.lang, m, 1) });
  }

  // The bars are decoration beside their printed values: the table is what a screen reader reads.
  #renderChart(rows: OrganizationFigures[]): TemplateResult {
    const W = 320;
    const ROW = 22;
    const height = rows.length * ROW * 2 + 4;
    // Containment is the time the law sets for emergencies, the one a council is asked about first.
    const measure: Measure = 'contain';
    return html`<figure part="chart" class="chart">
      <figcaption>${this.#t('chartTitle')}</figcaption>
      <svg viewBox="0 0 ${W} ${height}" aria-hidden="true" focusable="false">
        ${rows.map((o, i) => {
          const m: MeasureFigure = o[measure];
          const y = i * ROW * 2;
          const width = Math.round((m.share ?? 0) * (W - 70));
          return svg`<g data-organization-id=${o.organizationId}>
            <text x="0" y=${y + 14} class="name">${o.name}</text>
            <rect x="0" y=${y + ROW} width=${W - 70} height="14" class="track"></rect>
            <rect x="0" y=${y + ROW} width=${width} height="14" class="fill"></rect>
            <text x=${W} y=${y + ROW + 12} text-anchor="end" class="value">${this.#percent(m.share)}</text>
          </g>`;
        })}
      </svg>
    </figure>`;
  }

  #renderTable(rows: OrganizationFigures[]): TemplateResult {
    const lang = this.settings.lang;
    const col: Record<Measure, [DispatchFiguresMessageKey, DispatchFiguresMessageKey]> = {
      answer: ['colAnswer', 'colAnswerMedian'],
      contain: ['colContain', 'colContainMedian'],
      done: ['colDone', 'colDoneMedian'],
    };
    return tableScroll(
      this.#t('figuresTitle'),
      html`<table part="figures-table" class="figures-table">
        <caption class="visually-hidden">${this.#t('figuresTitle')}: ${this.#quarterName(this.#quarter())}</caption>
        <thead>
          <tr>
            <th scope="col">${this.#t('organization')}</th>
            <th scope="col" class="num">${this.#t('colRequests')}</th>
            ${MEASURES.map(
              (m) => html`<th scope="col" class="num">${this.#t(col[m][0])}</th>
                <th scope="col" class="num">${this.#t(col[m][1])}</th>`,
            )}
            <th scope="col" class="num">${this.#t('colRating')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (o) => html`<tr data-organization-id=${o.organizationId}>
              <th scope="row">${o.name}</th>
              <td class="num">${formatNumber(lang, o.requests, 0)}</td>
              ${MEASURES.map(
                (m) => html`<td class="num" data-measure=${m}>${this.#percent(o[m].share)}</td>
                  <td class="num">${this.#minutes(o[m].medianMinutes)}</td>`,
              )}
              <td class="num">${o.meanRating === null ? this.#t('noValue') : formatNumber(lang, o.meanRating, 2)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`,
    );
  }

  async #download(): Promise<void> {
    // The API wants the bearer token, which a plain link cannot send; the CSV is the API's own.
    if (this._downloading) return;
    this._downloading = true;
    this._downloadError = null;
    const quarter = this.#quarter();
    try {
      const { bytes } = await getFiguresCsv(quarter, this.settings);
      saveFile(bytes as BlobPart, 'text/csv', `dispatch-${quarter}.csv`);
    } catch (error) {
      this._downloadError = toApiError(error);
    } finally {
      this._downloading = false;
    }
  }

  static override styles = [
    baseStyles,
    cardStyles,
    formStyles,
    tableScrollStyles,
    css`
      h2 {
        margin: 0 0 0.6rem;
        font-size: var(--mu-title-size, 1.25rem);
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: flex-end;
        margin: 0 0 0.6rem;
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      .title {
        font-weight: 600;
      }
      select {
        font: inherit;
        padding: 0.3em 0.5em;
        max-width: 100%;
      }
      .figures {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: flex-start;
      }
      .chart {
        margin: 0;
        flex: 1 1 18rem;
        max-width: 28rem;
        min-width: 0;
      }
      .chart figcaption {
        font-weight: 600;
        margin-bottom: 0.3rem;
      }
      .chart svg {
        display: block;
        width: 100%;
        height: auto;
      }
      .chart .track {
        fill: var(--mu-color-selected, #f4f7fb);
        stroke: var(--mu-color-border, #d6dde6);
      }
      .chart .fill {
        fill: var(--mu-dispatch-bar, var(--mu-color-accent, #0b5fa5));
      }
      .chart text {
        font-size: 12px;
        fill: currentColor;
      }
      .chart .name {
        font-weight: 600;
      }
      .figures > :last-child {
        flex: 2 1 20rem;
        min-width: 0;
      }
      .num {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      table {
        border-collapse: collapse;
      }
      th,
      td {
        padding: 0.3rem 0.5rem;
        border-bottom: 1px solid var(--mu-color-border, #d6dde6);
      }
    `,
  ];
}
