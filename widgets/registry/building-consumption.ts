import { css, html, nothing, type PropertyDeclarations, svg, type TemplateResult } from 'lit';
import { RESOURCES, type Resource } from '../../domain/registry/consumption.ts';
import { getJson } from '../core/api.ts';
import { MuElement } from '../core/element.ts';
import { formatNumber } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { coreMessages } from '../core/messages.ts';
import { baseStyles } from '../core/styles.ts';
import { type ConditionMessageKey, conditionMessages, resourceKey } from './condition-messages.ts';
import { isMonth, monthName, monthsEnding, tashkentMonth } from './months.ts';
import { isQuiet, sectionStyles } from './section-styles.ts';

interface ConsumptionMonth {
  month: string;
  resource: Resource;
  amount: number;
  unit: string;
  complete: boolean;
}

const WINDOW = 12;
// The API's order, so the picker lists resources the same way for every building.
const [W, H, TOP, BOTTOM] = [640, 220, 22, 24];

/**
 * A building's monthly consumption over the last 12 Tashkent months, one resource at a time: an
 * SVG bar chart whose bars name their month and value, and the same numbers as a table. A month
 * counted without a baseline in the month before is hatched and starred, not only coloured.
 *
 * @element mu-building-consumption
 * @attr building-id - Building whose meters to show.
 * @attr to - Last month shown, `YYYY-MM` (default: the current month in Tashkent).
 * @attr heading-level - Level of the section heading (1–6, default 3).
 * @attr api-base, token, lang - See configure().
 *
 * @cssprop --mu-chart-bar - Bar colour.
 * @csspart resource-select, chart, table-toggle, table, empty
 */
export class MuBuildingConsumption extends MuElement {
  static override properties: PropertyDeclarations = {
    buildingId: { attribute: 'building-id' },
    to: {},
    headingLevel: { attribute: 'heading-level', type: Number },
    _resource: { state: true },
    _table: { state: true },
  };

  declare buildingId: string | undefined;
  declare to: string | undefined;
  declare headingLevel: number;
  declare _resource: Resource | undefined;
  declare _table: boolean;

  #loader = new KeyedLoader<{ to: string; months: ConsumptionMonth[] }>(this, (error) => {
    if (!isQuiet(error)) this.reportError(error);
  });

  constructor() {
    super();
    this.headingLevel = 3;
    this._table = false;
  }

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.buildingId?.trim();
    const to = isMonth(this.to) ? this.to : tashkentMonth();
    const from = monthsEnding(to, WINDOW)[0]!;
    const key = id ? JSON.stringify([s.apiBase, s.token, id, from, to]) : undefined;
    this.#loader.sync(key, s.token, async (signal) => {
      const path = `/api/v1/buildings/${encodeURIComponent(id ?? '')}/consumption?from=${from}&to=${to}`;
      const body = await getJson<{ months: ConsumptionMonth[] }>(path, { ...s, signal });
      return { to, months: Array.isArray(body.months) ? body.months : [] };
    });
  }

  #t(key: ConditionMessageKey, params?: Record<string, string | number>): string {
    return translate(conditionMessages, this.settings.lang, key, params);
  }

  #unit(unit: string): string {
    const key = `unit_${unit}` as ConditionMessageKey;
    return key in conditionMessages[this.settings.lang] ? this.#t(key) : unit;
  }

  override render(): TemplateResult {
    const lang = this.settings.lang;
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 3));
    const state = this.#loader.state;
    const data = this.#loader.value;
    let body: TemplateResult;
    if (data && data.months.length > 0) body = this.#renderData(data.to, data.months);
    else if (data || (state.kind === 'error' && isQuiet(state.error))) {
      body = html`<p part="empty" class="muted">${this.#t('noConsumption')}</p>`;
    } else if (state.kind === 'error') {
      body = html`<p class="muted" role="alert">${translate(coreMessages, lang, 'failed')}
        <button type="button" @click=${() => this.#loader.reload()}>${translate(coreMessages, lang, 'retry')}</button>
      </p>`;
    } else body = html`<p class="muted" aria-busy="true">${translate(coreMessages, lang, 'loading')}</p>`;
    return html`<section aria-labelledby="h">
      <div id="h" class="section-title" role="heading" aria-level=${level}>${this.#t('consumptionTitle')}</div>
      ${body}
    </section>`;
  }

  #renderData(to: string, all: ConsumptionMonth[]): TemplateResult {
    const present = RESOURCES.filter((r) => all.some((m) => m.resource === r));
    const resource = this._resource && present.includes(this._resource) ? this._resource : present[0]!;
    const rows = all.filter((m) => m.resource === resource);
    const byMonth = new Map(rows.map((m) => [m.month, m]));
    const months = monthsEnding(to, WINDOW);
    const unit = this.#unit(rows[0]?.unit ?? '');
    const names = this.#t('months');
    const label = this.#t('chartLabel', {
      resource: this.#t(resourceKey(resource)),
      unit,
      from: monthName(names, months[0]!),
      to: monthName(names, to),
    });
    return html`<label class="picker"
        >${this.#t('resource')}
        <select part="resource-select" @change=${this.#pick}>
          ${present.map((r) => html`<option value=${r} ?selected=${r === resource}>${this.#t(resourceKey(r))}</option>`)}
        </select></label
      >
      <figure>
        ${this.#renderChart(months, byMonth, unit, label)}
        ${rows.some((m) => !m.complete) ? html`<figcaption class="muted note">${this.#t('incompleteNote')}</figcaption>` : nothing}
      </figure>
      <button
        type="button"
        part="table-toggle"
        class="toggle"
        aria-expanded=${this._table ? 'true' : 'false'}
        aria-controls="table"
        @click=${() => {
          this._table = !this._table;
        }}
      >
        ${this.#t(this._table ? 'hideTable' : 'showTable')}
      </button>
      <table id="table" part="table" ?hidden=${!this._table}>
        <caption class="visually-hidden">${label}</caption>
        <thead>
          <tr><th scope="col">${this.#t('month')}</th><th scope="col" class="num">${this.#t('amount', { unit })}</th></tr>
        </thead>
        <tbody>
          ${months.map((month) => {
            const m = byMonth.get(month);
            return html`<tr data-month=${month} data-complete=${m ? String(m.complete) : nothing}>
              <th scope="row">${monthName(names, month)}</th>
              <td class="num">
                ${m ? formatNumber(this.settings.lang, m.amount) : this.#t('noReading')}${m && !m.complete ? ` * (${this.#t('incomplete')})` : ''}
              </td>
            </tr>`;
          })}
        </tbody>
      </table>`;
  }

  #renderChart(months: string[], byMonth: Map<string, ConsumptionMonth>, unit: string, label: string) {
    const lang = this.settings.lang;
    const names = this.#t('months');
    const max = Math.max(0, ...[...byMonth.values()].map((m) => m.amount)) || 1;
    const slot = W / months.length;
    const plot = H - TOP - BOTTOM;
    const bars = months.map((month, k) => {
      const m = byMonth.get(month);
      const x = k * slot;
      const value = m ? formatNumber(lang, m.amount) : '';
      const h = m ? Math.max(1, (m.amount / max) * plot) : 0;
      const text = m
        ? `${monthName(names, month)}: ${value} ${unit}${m.complete ? '' : ` (${this.#t('incomplete')})`}`
        : `${monthName(names, month)}: ${this.#t('noReading')}`;
      return svg`<g role="listitem" aria-label=${text} data-month=${month} class="bar ${m && !m.complete ? 'incomplete' : ''}">
        <title>${text}</title>
        ${m ? svg`<rect x=${x + slot * 0.15} y=${TOP + plot - h} width=${slot * 0.7} height=${h} fill=${m.complete ? nothing : 'url(#hatch)'} />` : nothing}
        <text class="value" x=${x + slot / 2} y=${TOP + plot - h - 5} aria-hidden="true">${m ? `${value}${m.complete ? '' : '*'}` : '—'}</text>
        <text class="month" x=${x + slot / 2} y=${H - 8} aria-hidden="true">${monthName(names, month, false)}</text>
      </g>`;
    });
    return html`<svg part="chart" viewBox="0 0 ${W} ${H}" role="list" aria-label=${label}>
      <defs>
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" class="hatch-bg" /><line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
        </pattern>
      </defs>
      <line class="axis" x1="0" x2=${W} y1=${TOP + plot} y2=${TOP + plot} aria-hidden="true" />
      ${bars}
    </svg>`;
  }

  #pick = (event: Event): void => {
    this._resource = (event.target as HTMLSelectElement).value as Resource;
  };

  static override styles = [
    baseStyles,
    sectionStyles,
    css`
      .picker {
        display: inline-flex;
        gap: 0.5em;
        align-items: center;
        font-size: 0.875rem;
      }
      select {
        font: inherit;
      }
      figure {
        margin: 0.5rem 0;
      }
      svg {
        width: 100%;
        height: auto;
        max-height: 16rem;
      }
      .bar:not(.incomplete) rect {
        fill: var(--mu-chart-bar, #0b5fa5);
      }
      .bar.incomplete rect {
        stroke: var(--mu-chart-bar, #0b5fa5);
        stroke-dasharray: 3 2;
      }
      .hatch-bg {
        fill: var(--mu-color-surface, #fff);
      }
      .hatch-line {
        stroke: var(--mu-chart-bar, #0b5fa5);
        stroke-width: 3;
      }
      text {
        font-size: 11px;
        text-anchor: middle;
        fill: var(--mu-color-text, #1b2430);
      }
      text.month {
        fill: var(--mu-color-muted, #5b6675);
      }
      .axis {
        stroke: var(--mu-color-border, #d6dde6);
      }
      .note {
        font-size: 0.8rem;
      }
      .toggle {
        font-size: 0.875rem;
        margin-bottom: 0.5rem;
      }
      table[hidden] {
        display: none;
      }
    `,
  ];
}
