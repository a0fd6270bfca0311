// The one address pattern for a link to an object in the portal: `<portal>/?open=<kind>:<id>`.
// Every mail the platform sends links through objectLink, the demo portal routes what parseOpen
// reads, and a host portal maps the same `open` parameter (and the widgets' `mu-navigate` event,
// whose detail is an ObjectRef) onto its own pages. One parameter rather than one per kind, so a
// host portal needs one rule to forward every link, including kinds added later.

import type { Language } from './language.ts';

/** What a link may open; the value before the colon in `open`. */
export const LINK_KINDS = [
  /** a general meeting: its notice, ballot and results */
  'meeting',
  /** an appeal, for its applicant or the body answering it */
  'appeal',
  /** a management contract, to read and sign */
  'contract',
  /** a commissioning application of a new building, with its act to sign */
  'commissioning',
  /** an organization in the register of management organizations: its entry and history (id: the organization's) */
  'register',
  /** a building's card: its class with the assessments behind it, its account, its reports */
  'building',
  /** a monthly receipt of contributions (billing) */
  'receipt',
  /** a building's quarterly report of work done (id: reportId(buildingId, quarter)) */
  'report',
  /** an emergency or repair request to the dispatch service, for the person who made it */
  'request',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface ObjectRef {
  kind: LinkKind;
  id: string;
}

/** The query parameter a portal reads. */
export const OPEN_PARAM = 'open';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/** `<portalUrl>/?open=<kind>:<id>`; a trailing slash of the portal's address is dropped. */
export function objectLink(portalUrl: string, kind: LinkKind, id: string): string {
  if (!ID.test(id)) throw new Error(`not a linkable id: ${id}`);
  return `${portalUrl.replace(/\/+$/, '')}/?${OPEN_PARAM}=${kind}:${encodeURIComponent(id)}`;
}

/** The object an `open` value names, or null for anything else (an unknown kind, a bad id). */
export function parseOpen(value: string | null | undefined): ObjectRef | null {
  if (!value) return null;
  const colon = value.indexOf(':');
  if (colon < 1) return null;
  const kind = value.slice(0, colon);
  const id = value.slice(colon + 1);
  if (!(LINK_KINDS as readonly string[]).includes(kind) || !ID.test(id)) return null;
  return { kind: kind as LinkKind, id };
}

/**
 * The object a portal address opens: `open`, or the older one-kind parameters (`?meeting=<id>`,
 * `?appeal=<id>`, `?contract=<id>`) that mails sent before this pattern still carry.
 */
export function openedBy(search: string | URLSearchParams): ObjectRef | null {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const open = parseOpen(params.get(OPEN_PARAM));
  if (open) return open;
  for (const kind of ['meeting', 'appeal', 'contract'] as const) {
    const id = params.get(kind);
    if (id && ID.test(id)) return { kind, id };
  }
  return null;
}

/** A quarterly report is named by its building and quarter: `<buildingId>:<YYYY-Qn>`. */
export const reportId = (buildingId: string, quarter: string): string => `${buildingId}:${quarter}`;

/** The words before a link in a mail whose own text does not name the link already. */
export const OPEN_IN_PORTAL: Record<Language, string> = {
  uz: 'Shaxsiy kabinetda ochish:',
  ru: 'Открыть в личном кабинете:',
  en: 'Open in your account:',
};

/** A mail's plain text with the link to its object in the portal, after the words that name it. */
export const withPortalLink = (text: string, lang: Language, link: string): string =>
  `${text}\n\n${OPEN_IN_PORTAL[lang]} ${link}`;
