// The act of completed works: drawn up from a submitted version of the quarterly report (its works,
// quantities and costs) and signed by the organization and the owners' representative over these
// exact bytes. As the contracts' and commissioning's documents, the same input gives the same bytes
// forever: no clock, no randomness, no Intl, so a signature made today still verifies later.
import { escapeHtml } from '../common/html.ts';
import type { WorkKind, WorkLine } from './types.ts';

/** Who signs the act: the reporting organization, and the owners' representative. */
export const ACT_PARTIES = ['organization', 'owners'] as const;
export type WorksActParty = (typeof ACT_PARTIES)[number];

export interface WorksActInput {
  reportId: string;
  quarter: string;
  version: number;
  /** Tashkent date the version was submitted, YYYY-MM-DD: the act's date. */
  date: string;
  building: { address: string; cadastralNumber: string | null };
  organization: { name: string; tin: string };
  works: WorkLine[];
}

const KIND: Record<WorkKind, string> = {
  planned: 'planned',
  unplanned: 'unplanned',
  emergency: 'emergency',
};

/** Tiyin as so'm with two decimals and thin groups, without Intl: 125000050 → "1 250 000.50". */
export function somText(tiyin: number): string {
  const sign = tiyin < 0 ? '-' : '';
  const abs = Math.abs(tiyin);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Thousandths as a decimal without trailing zeros: 12500 → "12.5". */
export function quantityText(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const frac = String(milli % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export function renderWorksActHtml(input: WorksActInput): string {
  const e = escapeHtml;
  const total = input.works.reduce((s, w) => s + w.costTiyin, 0);
  const where = input.building.cadastralNumber
    ? `${e(input.building.address)} (cadastral number ${e(input.building.cadastralNumber)})`
    : e(input.building.address);
  const rows = input.works.map(
    (w, i) =>
      `<tr><td>${i + 1}</td><td>${KIND[w.kind]}</td><td>${e(w.element)}</td><td>${e(w.description)}</td>` +
      `<td>${quantityText(w.quantityMilli)} ${e(w.unit)}</td><td>${e(w.doneOn)}</td><td>${somText(w.costTiyin)}</td></tr>`,
  );
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>Act of completed works, ${e(input.quarter)}</title></head><body>`,
    `<h1>Act of completed works, ${e(input.quarter)}</h1>`,
    `<p>Report ${e(input.reportId)}, version ${input.version}, ${e(input.date)}</p>`,
    `<p>Building: ${where}</p>`,
    `<p>Management organization: ${e(input.organization.name)}, TIN ${e(input.organization.tin)}</p>`,
    '<table><thead><tr><th>#</th><th>Kind</th><th>Element</th><th>Work</th><th>Quantity</th><th>Date</th><th>Cost, UZS</th></tr></thead><tbody>',
    ...rows,
    `</tbody><tfoot><tr><td colspan="6">Total</td><td>${somText(total)}</td></tr></tfoot></table>`,
    '<p>The organization states these works were done; the owners’ representative accepts them. Signed electronically by both over this document.</p>',
    '</body></html>',
    '',
  ].join('\n');
}
