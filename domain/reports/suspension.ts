// Which months a missing report stops, and which it gives back when it arrives. The rule (seed):
// not entered by the deadline → the building's accrual is suspended from the next month until the
// report is entered, with no recalculation: a month the accrual has already decided while
// suspended is never charged, not even after the report arrives. Entering the report lifts the
// suspension from the first month the accrual has not yet decided.
import { addMonths, periodsBetween, quarterlyReportRule } from '../billing/public.ts';
import type { ReportPolicy } from './policy.ts';
import { firstSuspendedMonth } from './quarters.ts';

/** The rule name billing's gate records and shows, one per quarter so each report lifts its own. */
export const suspensionRule = (quarter: string): string => quarterlyReportRule(quarter);

export const suspensionReason = (quarter: string): string =>
  `no quarterly report on completed work for ${quarter}`;

/**
 * The months to record as suspended when the deadline passes without a report, or when the
 * recorded horizon runs out: from the first month not recorded yet (`after` the last recorded,
 * else the quarter's first suspended month), `policy.suspensionHorizonMonths` of them.
 */
export function monthsToSuspend(quarter: string, policy: ReportPolicy, after: string | null): string[] {
  const from = after === null ? firstSuspendedMonth(quarter, policy) : addMonths(after, 1);
  return periodsBetween(from, addMonths(from, policy.suspensionHorizonMonths - 1));
}

export interface Lift {
  /** Suspended months the accrual already decided closed: they stay suspended for good. */
  kept: string[];
  /** Suspended months not decided yet: their suspension is removed. */
  lifted: string[];
  /** The first month charged again, or null when nothing was left to lift. */
  from: string | null;
}

/** How the accrual's gate decided a month (billing_month): open (charged) or closed. */
export type Decided = ReadonlyMap<string, 'open' | 'suspended'>;

/**
 * The report is entered: every recorded month the accrual has already decided closed stays
 * suspended, every month not decided yet is lifted. A month decided open before the stop was
 * recorded (a late deadline run) was charged and is neither.
 */
export function liftSuspension(recorded: readonly string[], decided: Decided): Lift {
  const sorted = [...new Set(recorded)].sort();
  const kept = sorted.filter((m) => decided.get(m) === 'suspended');
  const lifted = sorted.filter((m) => !decided.has(m));
  return { kept, lifted, from: lifted[0] ?? null };
}
