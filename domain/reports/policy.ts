// The quarterly report's terms as data (docs/domain/reports.md). Every value is a default a
// deployment may override (REPORTS_POLICY); the tag says where it comes from.
import { type DaysOffCalendar, DEFAULT_DAYS_OFF } from '../calendar/working-days.ts';

export interface ReportPolicy {
  /** Days after the quarter's last day the report may still be entered. [seed] 0 */
  graceDays: number;
  /**
   * Whether a deadline falling on a day off moves to the next working day. [design] false: the
   * seed says "by the end of the quarter", a fixed date rather than a term counted in days, so a
   * weekend does not move it; a deployment that reads it as a term turns this on.
   */
  deadlineMovesOffDaysOff: boolean;
  daysOff: DaysOffCalendar;
  /** Days before the deadline the organization is reminded. [design] 14, 3 */
  reminderDaysBefore: number[];
  /**
   * Months a missing report's suspension is recorded ahead at a time; the workflow extends it
   * while the report is still missing. [design] 12: one write a year, never a month left open
   */
  suspensionHorizonMonths: number;
  /** Longest text of a work line's description or a correction's reason. [design] 2,000 */
  maxTextLength: number;
  /** Work lines in one report. [design] 500 */
  maxWorks: number;
  /** Photos on one work line, before and after together. [design] 10 */
  maxPhotosPerWork: number;
  /** Largest photo, bytes. [design] 10 MiB, as the appeals' attachments */
  maxPhotoBytes: number;
}

export const DEFAULT_REPORT_POLICY: ReportPolicy = {
  graceDays: 0,
  deadlineMovesOffDaysOff: false,
  daysOff: DEFAULT_DAYS_OFF,
  reminderDaysBefore: [14, 3],
  suspensionHorizonMonths: 12,
  maxTextLength: 2000,
  maxWorks: 500,
  maxPhotosPerWork: 10,
  maxPhotoBytes: 10 * 1024 * 1024,
};

export type ReportPolicyOverrides = Partial<Omit<ReportPolicy, 'daysOff'>> & {
  daysOff?: Partial<DaysOffCalendar>;
};

/** Layers overrides (national, then region) over the defaults. */
export function resolveReportPolicy(...layers: (ReportPolicyOverrides | undefined)[]): ReportPolicy {
  let policy = DEFAULT_REPORT_POLICY;
  for (const layer of layers) {
    if (!layer) continue;
    policy = { ...policy, ...layer, daysOff: { ...policy.daysOff, ...layer.daysOff } };
  }
  if (!Number.isInteger(policy.graceDays) || policy.graceDays < 0)
    throw new RangeError('graceDays must be a whole number ≥ 0');
  if (!Number.isInteger(policy.suspensionHorizonMonths) || policy.suspensionHorizonMonths < 1)
    throw new RangeError('suspensionHorizonMonths must be a whole number ≥ 1');
  if (policy.reminderDaysBefore.some((d) => !Number.isInteger(d) || d < 1))
    throw new RangeError('reminderDaysBefore must be whole numbers ≥ 1');
  return policy;
}
