// The collection rate as an SVG chart, no chart library: per month a bar of what was charged and,
// over it, a bar of what was collected (the darker part paid by the due day). Every bar has a
// <title> naming its month and amount; the same numbers are in the table under the chart.
import { svg, type TemplateResult } from 'lit';
import type { Collection } from '../../domain/billing/collection.ts';
import { money, periodName } from '../../domain/billing/receipt-document.ts';
import type { Language } from '../../domain/common/language.ts';

export const ACCRUED_COLOUR = '#c9d3df';
export const COLLECTED_COLOUR = '#5b9bd5';
export const ON_TIME_COLOUR = '#0b5fa5';

const [W, H, TOP, BOTTOM, LEFT] = [640, 220, 12, 36, 4];

export function collectionChart(
  c: Collection,
  lang: Language,
  names: { accrued: string; collected: string; onTime: string },
): TemplateResult {
  const max = Math.max(1, ...c.months.map((m) => Math.max(m.accrued, m.collected)));
  const plot = H - TOP - BOTTOM;
  const y = (v: number) => TOP + ((max - v) / max) * plot;
  const slot = (W - LEFT) / Math.max(1, c.months.length);
  const bar = Math.min(40, slot * 0.6);
  const bars = c.months.map((m, i) => {
    const x = LEFT + i * slot + (slot - bar) / 2;
    const name = periodName(lang, m.period);
    const rect = (cls: string, v: number, fill: string, label: string, inset = 0) =>
      v > 0
        ? svg`<rect class=${cls} x=${x + inset} y=${y(v)} width=${bar - 2 * inset} height=${Math.max(0.5, y(0) - y(v))} fill=${fill}>
            <title>${name}: ${label} ${money(lang, v)}</title></rect>`
        : svg``;
    return svg`<g data-month=${m.period}>
      ${rect('accrued', m.accrued, ACCRUED_COLOUR, names.accrued)}
      ${rect('collected', m.collected, COLLECTED_COLOUR, names.collected, bar * 0.15)}
      ${rect('on-time', m.onTime, ON_TIME_COLOUR, names.onTime, bar * 0.15)}
      <text x=${x + bar / 2} y=${H - 12} text-anchor="middle" aria-hidden="true">${m.period.slice(5)}.${m.period.slice(2, 4)}</text>
    </g>`;
  });
  return svg`<line x1=${LEFT} x2=${W} y1=${y(0)} y2=${y(0)} stroke="#98a2b3" />${bars}`;
}

export const COLLECTION_VIEWBOX = `0 0 ${W} ${H}`;
