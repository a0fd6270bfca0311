// Spending on works per quarter as an SVG stacked bar chart, no chart library: one bar per quarter,
// a segment per kind of work, each with a <title> naming its quarter, kind and amount. The widget
// shows the same numbers in a table under the chart.
import { svg, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { WORK_KINDS, type WorkKind } from '../../domain/reports/types.ts';
import { KIND_COLOURS, kindName, money, quarterName } from './format.ts';

export interface QuarterSpending {
  quarter: string;
  byKind: Record<WorkKind, number>;
  total: number;
}

const [W, H, TOP, BOTTOM] = [640, 240, 12, 34];
export const SPENDING_VIEWBOX = `0 0 ${W} ${H}`;

export function spendingChart(rows: QuarterSpending[], lang: Language): TemplateResult {
  const max = Math.max(1, ...rows.map((r) => r.total));
  const plot = H - TOP - BOTTOM;
  const y = (v: number) => TOP + plot - (v / max) * plot;
  const slot = W / Math.max(1, rows.length);
  const bar = Math.min(56, slot * 0.5);
  const bars = rows.map((r, i) => {
    const x = i * slot + slot / 2;
    let base = 0;
    const parts = WORK_KINDS.filter((k) => r.byKind[k] > 0).map((k) => {
      const top = base + r.byKind[k];
      const rect = svg`<rect class="spent" data-kind=${k} x=${x - bar / 2} y=${y(top)} width=${bar} height=${Math.max(0.5, y(base) - y(top))} fill=${KIND_COLOURS[k]}>
        <title>${quarterName(lang, r.quarter)}: ${kindName(lang, k)} ${money(lang, r.byKind[k])}</title></rect>`;
      base = top;
      return rect;
    });
    return svg`<g data-quarter=${r.quarter}>${parts}
      <text x=${x} y=${H - 12} text-anchor="middle" font-size="13" aria-hidden="true">${r.quarter}</text></g>`;
  });
  return svg`<line x1="0" x2=${W} y1=${y(0)} y2=${y(0)} stroke="#98a2b3" />${bars}`;
}

/** What each quarter's latest version spent, by kind. */
export function spendingOf(
  quarter: string,
  works: readonly { kind: WorkKind; costTiyin: number }[],
): QuarterSpending {
  const byKind: Record<WorkKind, number> = { planned: 0, unplanned: 0, emergency: 0 };
  for (const w of works) byKind[w.kind] += w.costTiyin;
  return { quarter, byKind, total: byKind.planned + byKind.unplanned + byKind.emergency };
}
