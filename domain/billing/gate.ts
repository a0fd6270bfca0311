// The one gate of a building's month: whether the accrual charges it at all. A building is charged
// from the month it was registered for billing (its TIN and bank account exist to receive the
// money), and not in a month another rule has suspended (a missing quarterly report): such a rule
// records a suspension with its reason (suspendMonth in db/billing/public.ts) and this gate,
// called by the accrual's activity before any batch, closes the month. Lines are only ever made
// for open months (accrual.ts), so a closed month is not charged later either.
import { endOf } from './period.ts';

/**
 * The rule name a missing quarterly report stops a month under, one per quarter so each report
 * lifts its own. Billing owns the name because its receipts explain the stop to the residents in
 * their language, which a stored English reason cannot do.
 */
export const quarterlyReportRule = (quarter: string): string => `quarterly_report:${quarter}`;

/** What a stop's rule says, for the receipt's note: the quarter whose report is missing, or nothing known. */
export function stopCause(rule: string): { kind: 'quarterly_report'; quarter: string } | { kind: 'other' } {
  const m = /^quarterly_report:(\d{4}-Q[1-4])$/.exec(rule);
  return m ? { kind: 'quarterly_report', quarter: m[1]! } : { kind: 'other' };
}

export interface MonthGateInput {
  period: string;
  /** Tashkent date of the billing registration; null: not registered. */
  registeredOn: string | null;
  /** Other rules' stops on this month. */
  suspensions: readonly { rule: string; reason: string }[];
}

export type MonthGate =
  | { open: true }
  | { open: false; code: 'not_registered' | 'suspended'; reason: string };

export function gateMonth({ period, registeredOn, suspensions }: MonthGateInput): MonthGate {
  if (registeredOn === null)
    return { open: false, code: 'not_registered', reason: 'the building is not registered for billing' };
  if (registeredOn >= endOf(period))
    return {
      open: false,
      code: 'not_registered',
      reason: `the building is registered for billing from ${registeredOn}, after ${period}`,
    };
  const stops = [...suspensions].sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  if (stops.length > 0)
    return { open: false, code: 'suspended', reason: stops.map((s) => `${s.rule}: ${s.reason}`).join('; ') };
  return { open: true };
}
