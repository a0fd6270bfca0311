// The acts the developer and the management organization sign for a commissioning: the transfer of
// the solar panels to the management body as common property, and the engagement of the
// organization to manage the new building. The HTML is what both sign, byte for byte, so the same
// input gives the same bytes forever: no clock, no randomness, no Intl (as domain/contracts/document.ts).
import { escapeHtml } from '../common/html.ts';
import type { CommissioningCondition } from './policy.ts';

export const ACT_KINDS = ['solar_transfer', 'management_engagement'] as const;
export type ActKind = (typeof ACT_KINDS)[number];

/** Who signs an act: the developer and the organization that takes the building over. */
export const ACT_PARTIES = ['developer', 'management_organization'] as const;
export type ActParty = (typeof ACT_PARTIES)[number];

/** The condition a fully signed act of each kind meets. */
export const CONDITION_OF_ACT: Record<ActKind, CommissioningCondition> = {
  solar_transfer: 'solar_panels_transferred',
  management_engagement: 'management_organization_engaged',
};

export interface ActInput {
  kind: ActKind;
  applicationId: string;
  /** YYYY-MM-DD (Tashkent) the act was drawn up. */
  date: string;
  building: { cadastralNumber: string; address: string | null };
  developer: { name: string; tin: string };
  organization: { name: string; tin: string };
  /** For a solar transfer. */
  panels?: { count: number; capacityKw: number };
}

const TITLE: Record<ActKind, string> = {
  solar_transfer: 'Act of transfer of solar panels to common property',
  management_engagement: 'Act of engagement of the management organization',
};

/** Fixed-point without Intl: 12.5 → "12.50". */
const fixed2 = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

export function renderActHtml(input: ActInput): string {
  const e = escapeHtml;
  const where = input.building.address
    ? `${e(input.building.address)} (cadastral number ${e(input.building.cadastralNumber)})`
    : `cadastral number ${e(input.building.cadastralNumber)}`;
  const body =
    input.kind === 'solar_transfer'
      ? `<p>The developer transfers the solar panels installed on the building at ${where}, ` +
        `${input.panels!.count} panels of ${fixed2(input.panels!.capacityKw)} kW in total, to the ` +
        `management body as common property of the owners; the organization accepts them for management.</p>`
      : `<p>The developer engages the organization to manage the multi-apartment building at ${where} ` +
        `from its commissioning until the owners choose otherwise at a general meeting.</p>`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${TITLE[input.kind]}</title></head><body>`,
    `<h1>${TITLE[input.kind]}</h1>`,
    `<p>Application ${e(input.applicationId)}, ${e(input.date)}</p>`,
    `<p>Developer: ${e(input.developer.name)}, TIN ${e(input.developer.tin)}</p>`,
    `<p>Management organization: ${e(input.organization.name)}, TIN ${e(input.organization.tin)}</p>`,
    body,
    '<p>Signed electronically by both parties over this document.</p>',
    '</body></html>',
    '',
  ].join('\n');
}
