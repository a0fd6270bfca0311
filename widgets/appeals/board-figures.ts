// The board's per-organization figures: a bar chart of the share answered in time, and the same
// numbers as a data table. The bars are decoration beside their printed values; the table is what a
// screen reader (or a spreadsheet user copying it) reads.
import { css, html, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { formatNumber } from '../core/format.ts';
import { tableScroll } from '../core/table-scroll.ts';
import type { AppealsBoard, OrganizationFigures } from './client.ts';
import type { Translate } from './format.ts';

const percent = (lang: Language, share: number | null) =>
  share === null ? '—' : `${formatNumber(lang, share * 100, 0)}\u00a0%`;

const hours = (t: Translate, lang: Language, h: number | null) =>
  h === null ? '—' : t('hours', { n: formatNumber(lang, h, 1) });

export function renderFigures(t: Translate, lang: Language, board: AppealsBoard): TemplateResult {
  const orgs = board.organizations;
  return html`<section part="figures" class="figures" aria-labelledby="figures-title">
    <h3 id="figures-title">${t('figures')}</h3>
    <p part="overdue-total">
      <strong class=${board.overdue > 0 ? 'overdue-flag' : ''}>${t('overdueNow', { n: board.overdue })}</strong>
    </p>
    ${orgs.length === 0 ? html`<p class="muted">${t('noFigures')}</p>` : html`${renderChart(t, lang, orgs)} ${renderTable(t, lang, orgs)}`}
  </section>`;
}

function renderChart(t: Translate, lang: Language, orgs: OrganizationFigures[]): TemplateResult {
  return html`<figure part="chart" class="chart" aria-labelledby="chart-title">
    <figcaption id="chart-title">${t('chartTitle')}</figcaption>
    <ul>
      ${orgs.map(
        (o) => html`<li data-organization-id=${o.organizationId}>
          <span class="bar-label">${o.name}</span>
          <svg class="bar" aria-hidden="true" viewBox="0 0 100 1" preserveAspectRatio="none">
            <rect class="fill" width=${Math.round((o.shareAnsweredInTime ?? 0) * 100)} height="1"></rect>
          </svg>
          <span class="bar-value">${percent(lang, o.shareAnsweredInTime)}</span>
        </li>`,
      )}
    </ul>
  </figure>`;
}

function renderTable(t: Translate, lang: Language, orgs: OrganizationFigures[]): TemplateResult {
  return tableScroll(
    t('figures'),
    html`<table part="figures-table" class="figures-table">
    <caption class="visually-hidden">${t('figures')}</caption>
    <thead>
      <tr>
        <th scope="col">${t('organization')}</th>
        <th scope="col" class="num">${t('colTotal')}</th>
        <th scope="col" class="num">${t('colAnswered')}</th>
        <th scope="col" class="num">${t('colInTime')}</th>
        <th scope="col" class="num">${t('colShare')}</th>
        <th scope="col" class="num">${t('colMedian')}</th>
      </tr>
    </thead>
    <tbody>
      ${orgs.map(
        (o) => html`<tr data-organization-id=${o.organizationId}>
          <th scope="row">${o.name}</th>
          <td class="num">${formatNumber(lang, o.total, 0)}</td>
          <td class="num">${formatNumber(lang, o.answered, 0)}</td>
          <td class="num">${formatNumber(lang, o.answeredInTime, 0)}</td>
          <td class="num">${percent(lang, o.shareAnsweredInTime)}</td>
          <td class="num">${hours(t, lang, o.medianHoursToAnswer)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`,
  );
}

export const figureStyles = css`
  .chart {
    margin: 0 0 1rem;
  }
  .chart figcaption {
    font-weight: 600;
    margin-bottom: 0.3rem;
  }
  .chart ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .chart li {
    display: grid;
    grid-template-columns: minmax(8rem, 14rem) 1fr 4rem;
    align-items: center;
    gap: 0.6rem;
    margin: 0.25rem 0;
  }
  /* An SVG bar, its length an attribute: no inline style for a portal's CSP to refuse. */
  .bar {
    display: block;
    box-sizing: border-box;
    width: 100%;
    height: 1rem;
    background: var(--mu-color-selected, #f4f7fb);
    border: 1px solid var(--mu-color-border, #d6dde6);
    border-radius: 3px;
    overflow: hidden;
  }
  .fill {
    fill: var(--mu-appeals-bar, var(--mu-color-accent, #0b5fa5));
  }
  .bar-value {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
`;
