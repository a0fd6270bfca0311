import { html, type PropertyDeclarations, svg, type TemplateResult } from 'lit';
import type { Collection } from '../../domain/billing/collection.ts';
import { money, periodName } from '../../domain/billing/receipt-document.ts';
import { MuElement } from '../core/element.ts';
import { formatNumber } from '../core/format.ts';
import { translate } from '../core/i18n.ts';
import { KeyedLoader } from '../core/loader.ts';
import { renderLoaded } from '../core/problem-view.ts';
import { buildingCollection } from './client.ts';
import {
  ACCRUED_COLOUR,
  COLLECTED_COLOUR,
  COLLECTION_VIEWBOX,
  collectionChart,
  ON_TIME_COLOUR,
} from './collection-chart.ts';
import { type BillingMessageKey, billingMessages } from './messages.ts';
import { billingStyles, chartStyles } from './styles.ts';

// Colours as SVG fills, not style attributes, which a portal's strict CSP may refuse.
const swatch = (fill: string) =>
  html`<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">${svg`<rect width="10" height="10" fill=${fill} />`}</svg>`;

/**
 * How much of each month's contributions came in, for the building's management company and the
 * bodies overseeing it: charged, collected by now and by the due day, as an SVG chart and a table
 * with the same figures and the collection rate.
 *
 * @element mu-building-collection
 * @attr building-id - The building. @attr api-base, token, lang - See configure().
 *
 * @csspart collection-chart, collection-table, status, error, retry-button
 */
export class MuBuildingCollection extends MuElement {
  static override properties: PropertyDeclarations = { buildingId: { attribute: 'building-id' } };

  declare buildingId: string | undefined;

  #collection = new KeyedLoader<Collection>(this, this.reportError);

  protected override willUpdate(): void {
    const s = this.settings;
    const id = this.buildingId?.trim();
    const key = id ? JSON.stringify([s.apiBase, s.token, id]) : undefined;
    this.#collection.sync(key, s.token, (signal) => buildingCollection(id ?? '', { ...s, signal }));
  }

  #t = (key: BillingMessageKey, params?: Record<string, string | number>): string =>
    translate(billingMessages, this.settings.lang, key, params);

  #rate = (bp: number | null) => (bp === null ? '—' : `${formatNumber(this.settings.lang, bp / 100, 1)} %`);

  override render(): TemplateResult {
    return html`<section aria-labelledby="collection-title">
      <h3 id="collection-title">${this.#t('collectionTitle')}</h3>
      ${renderLoaded(this.settings.lang, this.#collection, (c) => this.#body(c))}
    </section>`;
  }

  #body(c: Collection): TemplateResult {
    const lang = this.settings.lang;
    const names = {
      accrued: this.#t('accruedCol'),
      collected: this.#t('collectedCol'),
      onTime: this.#t('onTimeCol'),
    };
    return html`<figure>
        <svg
          part="collection-chart"
          viewBox=${COLLECTION_VIEWBOX}
          role="img"
          aria-label=${this.#t('collectionChartLabel', { from: periodName(lang, c.from), to: periodName(lang, c.to) })}
        >
          ${collectionChart(c, lang, names)}
        </svg>
        <figcaption>
          <ul class="legend">
            <li>${swatch(ACCRUED_COLOUR)}${names.accrued}</li>
            <li>${swatch(COLLECTED_COLOUR)}${names.collected}</li>
            <li>${swatch(ON_TIME_COLOUR)}${names.onTime}</li>
          </ul>
        </figcaption>
      </figure>
      <div class="scroll">
        <table part="collection-table">
          <caption class="visually-hidden">${this.#t('collectionTable')}</caption>
          <thead>
            <tr>
              <th scope="col">${this.#t('period')}</th>
              <th scope="col" class="num">${names.accrued}</th>
              <th scope="col" class="num">${names.collected}</th>
              <th scope="col" class="num">${names.onTime}</th>
              <th scope="col" class="num">${this.#t('rateCol')}</th>
            </tr>
          </thead>
          <tbody>
            ${c.months.map(
              (m) => html`<tr data-month=${m.period}>
                <th scope="row">${periodName(lang, m.period)}</th>
                <td class="num" data-column="accrued">${money(lang, m.accrued)}</td>
                <td class="num" data-column="collected">${money(lang, m.collected)}</td>
                <td class="num" data-column="on-time">${money(lang, m.onTime)}</td>
                <td class="num" data-column="rate">${this.#rate(m.rateBp)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${this.#t('total')}</th>
              <td class="num">${money(lang, c.totals.accrued)}</td>
              <td class="num">${money(lang, c.totals.collected)}</td>
              <td class="num">${money(lang, c.totals.onTime)}</td>
              <td class="num" data-column="rate">${this.#rate(c.totals.rateBp)}</td>
            </tr>
          </tfoot>
        </table>
      </div>`;
  }

  static override styles = [...billingStyles, chartStyles];
}
