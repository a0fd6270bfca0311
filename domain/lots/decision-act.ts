// The act of the council's decision approving a lot version: what it approved (the lot, its
// version, its buildings and apartments), who decided and when. The HTML is what the hash in the
// lot's history is taken over, byte for byte, so the same input gives the same bytes forever: no
// clock, no randomness, no Intl (as domain/commissioning/act.ts).
import { escapeHtml } from '../common/html.ts';

export interface LotDecisionActInput {
  lotId: string;
  districtName: string;
  councilName: string;
  lotNumber: number;
  version: number;
  /** YYYY-MM-DD (Tashkent) of the decision. */
  date: string;
  apartments: number;
  buildings: { id: string; address: string }[];
  /** Who recorded the decision for the council. */
  decidedBy: { userId: string; name: string };
}

export function renderLotDecisionAct(a: LotDecisionActInput): string {
  const e = escapeHtml;
  const rows = a.buildings.map((b) => `<li>${e(b.address)} <small>(${e(b.id)})</small></li>`).join('');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>Decision approving lot ${a.lotNumber}, version ${a.version}</title></head><body>`,
    `<h1>${e(a.councilName)}</h1>`,
    `<h2>Decision approving lot ${a.lotNumber} of ${e(a.districtName)}, version ${a.version}</h2>`,
    `<p>Lot ${e(a.lotId)}, ${e(a.date)}</p>`,
    `<p>The council approves the lot of ${a.buildings.length} buildings with ${a.apartments} apartments ` +
      'listed below. The approved version is final: any change is a new version that comes before the council again.</p>',
    `<ol>${rows}</ol>`,
    `<p>Recorded for the council by ${e(a.decidedBy.name)} (${e(a.decidedBy.userId)}).</p>`,
    '</body></html>',
  ].join('\n');
}
