// The minimum requirements of the management-organization register as data (docs/domain/register.md:
// own funds, a material and technical base, a 24-hour dispatch service; thresholds configurable,
// none published). Every value is a default a region may override; the tag says where it comes from.

/** Inventory categories an applicant may list; a region may require any subset, or add its own. */
export const TECHNICAL_BASE_CATEGORIES = [
  'premises',
  'vehicles',
  'repair_tools',
  'emergency_equipment',
  'communication',
] as const;
export type TechnicalBaseCategory = (typeof TECHNICAL_BASE_CATEGORIES)[number];

export interface RegisterPolicy {
  /**
   * Own funds the organization must hold, in so'm. [none published — configure per region]
   * 0 means only that the evidence is present and not negative.
   */
  minOwnFundsUzs: number;
  /** Categories of the material and technical base that must each hold at least one item. [design] */
  requiredTechnicalBase: string[];
  /** Dispatch must answer around the clock. [news] 24 hours, 7 days */
  dispatchHoursPerDay: number;
  dispatchDaysPerWeek: number;
  /** A reachable dispatch phone; a string so policies stay JSON. [design] Uzbek numbers, +998 and 9 digits */
  dispatchPhonePattern: string;
  /** Days the applicant has to correct what the review found. [design] 15, as ZRU-445 art. 28 */
  correctionDays: number;
  /** Days the reviewer has to decide on an application. [design] up to 1 month, as ZRU-445 art. 28 */
  reviewDays: number;
  /** Months between periodic re-checks of a registered organization. [design] 12 */
  recheckIntervalMonths: number;
  /**
   * Quarterly reports missing their deadline (late or never entered) within the window that make
   * a finding at the periodic re-check. [news] "late twice in a year": 2 within 365 days
   */
  lateReportsForFinding: number;
  lateReportsWindowDays: number;
  /**
   * The re-check measures the dispatch service by what it did over this many days before it (from
   * the organization's first roster shift or request, if later). [design] 365, the year between re-checks
   */
  dispatchRecordDays: number;
  /**
   * The least share of that time the roster must cover round the clock: a dispatcher on duty and a
   * technician for every category. [news: 24 hours, 7 days; design: 0.99 lets shift handovers of
   * minutes pass, not a night a week]
   */
  dispatchMinCoverage: number;
  /** The least share of the legal times met (answering a call, containing an emergency). [design] 0.9 */
  dispatchMinInTime: number;
  /** Below this many decided legal times the share says too little and is not held against the organization. [design] 20 */
  dispatchMinDecided: number;
  /** The largest evidence file (a scanned balance sheet, a bank statement, a photo). [design] 10 MiB, as appeals' files */
  evidenceMaxBytes: number;
  /** Evidence files one application may carry. [design] 20 */
  evidenceMaxFiles: number;
}

export const DEFAULT_REGISTER_POLICY: RegisterPolicy = {
  minOwnFundsUzs: 0,
  requiredTechnicalBase: ['premises', 'repair_tools', 'emergency_equipment', 'communication'],
  dispatchHoursPerDay: 24,
  dispatchDaysPerWeek: 7,
  dispatchPhonePattern: '^\\+998\\d{9}$',
  correctionDays: 15,
  reviewDays: 30,
  recheckIntervalMonths: 12,
  lateReportsForFinding: 2,
  lateReportsWindowDays: 365,
  dispatchRecordDays: 365,
  dispatchMinCoverage: 0.99,
  dispatchMinInTime: 0.9,
  dispatchMinDecided: 20,
  evidenceMaxBytes: 10 * 1024 * 1024,
  evidenceMaxFiles: 20,
};

/** Layers overrides (national, then region) over the defaults. */
export function resolveRegisterPolicy(...layers: (Partial<RegisterPolicy> | undefined)[]): RegisterPolicy {
  let policy = DEFAULT_REGISTER_POLICY;
  for (const layer of layers) if (layer) policy = { ...policy, ...layer };
  return policy;
}
