// The statement as an SVG chart, no chart library: per month a stacked bar of income by kind, a
// bar of expenses beside it, and the balance at month's end as a line with dots. One scale in
// so'm from the lowest balance (or 0) to the highest figure; every bar and dot has a <title>
// naming its month and amount, and the same numbers are in the table under the chart.
import { svg, type TemplateResult } from 'lit';
import { REVENUE_KINDS, type RevenueKind } from '../../domain/billing/ledger.ts';
import { money, periodName } from '../../domain/billing/receipt-document.ts';
import type { Statement } from '../../domain/billing/statement.ts';
import type { Language } from '../../domain/common/language.ts';

export const KIND_COLOURS: Record<RevenueKind, string> = {
  contributions: '#0b5fa5',
  lease: '#6a3d9a',
  household_service_centre: '#1e7b34',
  lightweight_structure: '#b15928',
  penalties: '#8c8c8c',
};
export const EXPENSE_COLOUR = '#a4262c';
export const BALANCE_COLOUR = '#1b2430';

const [W, H, TOP, BOTTOM, LEFT] = [640, 260, 16, 40, 4];

export function statementChart(
  s: Statement,
  lang: Language,
  names: { kind: (k: RevenueKind) => string; expenses: string; balance: string },
): TemplateResult {
  const months = s.months;
  const values = months.flatMap((m) => [m.incomeTotal, m.expenses, m.closingBalance, 0]);
  const max = Math.max(...values, 1);
  const min = Math.min(...values, 0);
  const plot = H - TOP - BOTTOM;
  const y = (v: number) => TOP + ((max - v) / (max - min)) * plot;
  const slot = (W - LEFT) / Math.max(1, months.length);
  const bar = Math.min(28, slot * 0.32);
  const groups = months.map((m, i) => {
    const x = LEFT + i * slot + slot / 2;
    let base = 0;
    const stacks = REVENUE_KINDS.filter((k) => m.income[k] > 0).map((k) => {
      const top = base + m.income[k];
      const rect = svg`<rect class="income" data-kind=${k} x=${x - bar - 1} y=${y(top)} width=${bar} height=${Math.max(0.5, y(base) - y(top))} fill=${KIND_COLOURS[k]}>
        <title>${periodName(lang, m.period)}: ${names.kind(k)} ${money(lang, m.income[k])}</title></rect>`;
      base = top;
      return rect;
    });
    const expense =
      m.expenses > 0
        ? svg`<rect class="expense" x=${x + 1} y=${y(m.expenses)} width=${bar} height=${Math.max(0.5, y(0) - y(m.expenses))} fill=${EXPENSE_COLOUR}>
            <title>${periodName(lang, m.period)}: ${names.expenses} ${money(lang, m.expenses)}</title></rect>`
        : svg``;
    return svg`<g data-period=${m.period}>${stacks}${expense}
      <text class="month" x=${x} y=${H - 12} text-anchor="middle" aria-hidden="true">${m.period.slice(5)}.${m.period.slice(2, 4)}</text></g>`;
  });
  const points = months.map((m, i) => `${LEFT + i * slot + slot / 2},${y(m.closingBalance)}`).join(' ');
  const dots = months.map(
    (
      m,
      i,
    ) => svg`<circle class="balance" cx=${LEFT + i * slot + slot / 2} cy=${y(m.closingBalance)} r="3.5" fill=${BALANCE_COLOUR}>
      <title>${periodName(lang, m.period)}: ${names.balance} ${money(lang, m.closingBalance)}</title></circle>`,
  );
  return svg`<line class="axis" x1=${LEFT} x2=${W} y1=${y(0)} y2=${y(0)} stroke="#98a2b3" />
    ${groups}
    <polyline points=${points} fill="none" stroke=${BALANCE_COLOUR} stroke-width="1.5" />
    ${dots}`;
}

export const CHART_VIEWBOX = `0 0 ${W} ${H}`;
