// The dispatch service's clocks and thresholds as data (docs/domain/dispatch.md). No Uzbek
// response times are published: the legal ones follow Russia's rules for common property
// (Decree 416, para. 13) as the model; the rest are design defaults a deployment overrides with
// DISPATCH_POLICY. Durations are in minutes and may be fractions, so drills and tests run in seconds.
import type { DispatchCategory } from './triage.ts';
import { DEFAULT_TRIAGE_POLICY } from './triage-policy.ts';

export const DISPATCH_MEDIA_TYPES = ['image/jpeg', 'image/png'] as const;
export type DispatchMediaType = (typeof DISPATCH_MEDIA_TYPES)[number];

export interface DispatchPolicy {
  /** Answer a call. [model: Decree 416 para. 13] 5 min */
  answerMinutes: number;
  /** A call not answered in time is called back. [model: same] 10 min */
  callBackMinutes: number;
  /** Contain an emergency, from registration. [model: same, for water, sewerage, heating, electricity] 30 min */
  containEmergencyMinutes: number;
  /** The categories the 30-minute rule names; other emergencies get the same clock. [model; others: design] */
  containCategories: DispatchCategory[];
  /** Clear a sewer blockage. [model: same] 2 h = 120 min */
  sewerBlockageMinutes: number;
  /** Urgent work is done within a day. [design, from dispatch practice] 1 day = 1440 min */
  urgentMinutes: number;
  /** Routine work is done within these days. [design] 7 days */
  routineDays: number;
  /** Reminders to the assignee when this share of a clock is left. [design] ⅓ and ⅒ */
  reminderShareLeft: number[];
  /** A breach goes to the organization's chief engineer at once, then to the district inspection after this. [design] 60 min */
  inspectionAfterMinutes: number;
  /** Done work with no word from the resident closes itself after this silence. [design] 3 days = 4320 min */
  autoCloseMinutes: number;
  /** A request is a likely duplicate of one from the same apartment or building within this window. [design] 24 h */
  duplicateWindowMinutes: number;
  /** Character-trigram similarity (0..1) from which two texts count as the same request. [design] 0.45 */
  duplicateSimilarity: number;
  /** This many requests about one category from one building (or street) within the window are a mass incident. [design] 3 in 60 min */
  massThreshold: number;
  massWindowMinutes: number;
  /**
   * Below this confidence in the category or the urgency a dispatcher confirms before routing.
   * [design] 0.6 — the triage helper's own policy (triage-policy.ts) takes this over at merge.
   */
  confirmBelowConfidence: number;
  /** Roster coverage is checked this far ahead. [design] 7 days */
  rosterHorizonDays: number;
  /** Photos with a request or a finished job. [design] JPEG or PNG, up to 5 of 10 MB */
  photos: { maxFiles: number; maxBytes: number; types: DispatchMediaType[] };
}

export const DEFAULT_DISPATCH_POLICY: DispatchPolicy = {
  answerMinutes: 5,
  callBackMinutes: 10,
  containEmergencyMinutes: 30,
  containCategories: ['water_leak', 'sewerage', 'heating', 'electricity'],
  sewerBlockageMinutes: 120,
  urgentMinutes: 24 * 60,
  routineDays: 7,
  reminderShareLeft: [1 / 3, 1 / 10],
  inspectionAfterMinutes: 60,
  autoCloseMinutes: 3 * 24 * 60,
  duplicateWindowMinutes: 24 * 60,
  duplicateSimilarity: 0.45,
  massThreshold: 3,
  massWindowMinutes: 60,
  confirmBelowConfidence: DEFAULT_TRIAGE_POLICY.confirmBelow,
  rosterHorizonDays: 7,
  photos: { maxFiles: 5, maxBytes: 10 * 1024 * 1024, types: [...DISPATCH_MEDIA_TYPES] },
};

export type DispatchPolicyOverrides = Partial<Omit<DispatchPolicy, 'photos'>> & {
  photos?: Partial<DispatchPolicy['photos']>;
};

/** Layers overrides (national, then region, then organization) over the defaults. */
export function resolveDispatchPolicy(...layers: (DispatchPolicyOverrides | undefined)[]): DispatchPolicy {
  let policy = DEFAULT_DISPATCH_POLICY;
  for (const layer of layers) {
    if (!layer) continue;
    policy = { ...policy, ...layer, photos: { ...policy.photos, ...layer.photos } };
  }
  return policy;
}

export const MINUTE_MS = 60_000;
