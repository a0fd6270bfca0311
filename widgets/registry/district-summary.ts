import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { getJson } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatNumber } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { coreMessages } from '../core/messages.ts';
import { isRetryable, problemText } from '../core/problem-view.ts';
import { baseStyles, cardStyles } from '../core/styles.ts';
import { type ConditionMessageKey, conditionMessages } from './condition-messages.ts';
import { sectionStyles } from './section-styles.ts';

type Outcome = 'green' | 'yellow' | 'red' | 'unknown';
type Counts = Record<Outcome | 'total', number>;

const OUTCOMES: readonly Outcome[] = ['green', 'yellow', 'red', 'unknown'];
// The badge's shapes, as text: a class reads without colour in the bar, the table and print.
const ICON: Record<Outcome, string> = { green: '✓', yellow: '!', red: '✕', unknown: '–' };

/**
 * How many of a district's buildings are green, yellow, red or not yet assessed: a stacked bar
 * whose segments carry their icon and count, and a table with the shares.
 *
 * @element mu-district-summary
 * @attr district-id - District to count.
 * @attr heading-level - Level of the heading (1–6, default 2).
 * @attr api-base, token, lang - See configure().
 *
 * @fires mu-error - `detail: { problem }` on failure.
 * @cssprop --mu-condition-green, --mu-condition-yellow, --mu-condition-red, --mu-condition-none - Segment colours.
 * @csspart card, bar, segment (also `segment-green` …), table, error, empty
 */
export class MuDistrictSummary extends MuElement {
  static override properties: PropertyDeclarations = {
    districtId: { attribute: 'district-id' },
    headingLevel: { attribute: 'heading-level', type: Number },
  };

  declare districtId: string | undefined;
  declare headingLevel: number;

  #loader = new KeyedLoader<Counts>(this, this.reportError);

  constructor() {
    super();
    this.headingLevel = 2;
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.districtId?.trim();
    const key = id ? JSON.stringify([s.apiBase, s.token, id]) : undefined;
    this.#loader.sync(key, s.token, async (signal) => {
      const path = `/api/v1/districts/${encodeURIComponent(id ?? '')}/summary`;
      return (await getJson<{ counts: Counts }>(path, { ...s, signal })).counts;
    });
  }

  #t(key: ConditionMessageKey, params?: Record<string, string | number>): string {
    return translate(conditionMessages, this.settings.lang, key, params);
  }

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 2));
    const state = this.#loader.state;
    const counts = this.#loader.value;
    let body: TemplateResult;
    if (counts)
      body =
        counts.total > 0
          ? this.#renderCounts(counts)
          : html`<p part="empty" class="muted">${this.#t('summaryEmpty')}</p>`;
    else if (state.kind === 'error') {
      // A malformed id names no district either.
      const notFound = this.#t('summaryNotFound');
      const error = state.error;
      const message = error.status === 400 ? notFound : problemText(lang, error, { notFound });
      body = html`<p part="error" class="error" role="alert">
        ${message}
        ${isRetryable(error.status) ? html`<button type="button" @click=${() => this.#loader.reload()}>${translate(coreMessages, lang, 'retry')}</button>` : nothing}
      </p>`;
    } else if (state.kind === 'idle') body = html`<p class="muted">—</p>`;
    else
      body = html`<p class="muted" role="status" aria-busy="true">${translate(coreMessages, lang, 'loading')}</p>`;
    return html`<article part="card" class="card" aria-labelledby="h">
      <div id="h" class="section-title" role="heading" aria-level=${level}>${this.#t('summaryTitle')}</div>
      ${body}
    </article>`;
  }

  #renderCounts(c: Counts): TemplateResult {
    const lang = this.settings.lang;
    const n = (v: number) => formatNumber(lang, v, 0);
    const share = (v: number) => `${formatNumber(lang, (v / c.total) * 100, 1)}%`;
    const label = this.#t('summaryLabel', {
      green: n(c.green),
      yellow: n(c.yellow),
      red: n(c.red),
      unknown: n(c.unknown),
      total: n(c.total),
    });
    return html`<div part="bar" class="bar" role="img" aria-label=${label}>
        ${OUTCOMES.filter((o) => c[o] > 0).map(
          (o) => html`<span
            part="segment segment-${o}"
            class="segment ${o}"
            data-class=${o}
            style="flex-grow: ${c[o]}"
            title=${`${this.#t(`class_${o}`)}: ${n(c[o])}`}
            ><span aria-hidden="true">${ICON[o]}</span> ${n(c[o])}</span
          >`,
        )}
      </div>
      <table part="table">
        <caption class="visually-hidden">${label}</caption>
        <thead>
          <tr>
            <th scope="col">${this.#t('classColumn')}</th>
            <th scope="col" class="num">${this.#t('countColumn')}</th>
            <th scope="col" class="num">${this.#t('shareColumn')}</th>
          </tr>
        </thead>
        <tbody>
          ${OUTCOMES.map(
            (o) => html`<tr data-class=${o}>
              <th scope="row"><span class="icon ${o}" aria-hidden="true">${ICON[o]}</span> ${this.#t(`class_${o}`)}</th>
              <td class="num">${n(c[o])}</td>
              <td class="num">${share(c[o])}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr data-class="total">
            <th scope="row">${this.#t('total')}</th>
            <td class="num">${n(c.total)}</td>
            <td class="num">${share(c.total)}</td>
          </tr>
        </tfoot>
      </table>`;
  }

  static override styles = [
    baseStyles,
    cardStyles,
    sectionStyles,
    css`
      .error {
        color: var(--mu-color-error, #b42318);
      }
      .bar {
        display: flex;
        gap: 2px;
        margin: 0.25rem 0 0.9rem;
        min-height: 2rem;
        border-radius: var(--mu-radius-small, 6px);
        overflow: hidden;
      }
      .segment {
        flex-basis: 0;
        min-width: 2.6rem;
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 0.25em;
        font-size: 0.85rem;
        font-weight: 650;
        white-space: nowrap;
        /* Visible in forced-colours mode, where backgrounds vanish. */
        border: 1px solid transparent;
      }
      .green {
        background: var(--mu-condition-green, #1a7f37);
        color: var(--mu-condition-green-text, #fff);
      }
      .yellow {
        background: var(--mu-condition-yellow, #f5c518);
        color: var(--mu-condition-yellow-text, #1f1a00);
      }
      .red {
        background: var(--mu-condition-red, #c4261d);
        color: var(--mu-condition-red-text, #fff);
      }
      .unknown {
        background: var(--mu-condition-none, #e4e8ee);
        color: var(--mu-condition-none-text, #36414f);
      }
      .icon {
        display: inline-block;
        width: 1.4em;
        text-align: center;
        border-radius: 999px;
      }
      tfoot th,
      tfoot td {
        font-weight: 650;
        border-bottom: 0;
      }
    `,
  ];
}
