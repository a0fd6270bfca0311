// The penalty on one month's overdue contribution.
//
// Days: a contribution paid on the due day (the 15th) is on time; each day after it is a day
// late, and the day of payment counts: paid on the 16th is 1 day late, the amount paid stops
// bearing the penalty from the next day (the rule of "up to and including the day of payment" of
// the comparable Russian housing law [model]). The due day is not moved off weekends and holidays
// [design]: cards and payment apps work every day.
// Base: each day's penalty is on what is still unpaid of that month at the start of the day
// (payments dated that day included, as above), so partial payments shrink it from then on.
// Rounding: the exact sum over days (tiyin·days × rate) is rounded once, half away from zero, to
// the tiyin, never day by day; the cap is rounded down so it is never exceeded. A penalty grows
// day by day: post the difference between today's figure and what is already posted, for the
// building's and the system's parts alike, so no rounding accumulates.
import { divRound, toTiyin } from './money.ts';
import { addMonths, dayOf, daysBetween } from './period.ts';
import type { BillingPolicy, PayerKind } from './policy.ts';

type PenaltyRules = Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset' | 'penalty'>;

export interface DatedAmount {
  date: string;
  amount: number;
}

export interface PenaltyInput {
  period: string;
  /** What of this month's contribution was still unpaid at the end of its due day, tiyin. */
  overdue: number;
  /** Later payments of this month's contribution (from the allocation), any order. */
  payments: readonly DatedAmount[];
  payerKind: PayerKind;
  /** Penalty counted through this day, included. */
  asOf: string;
}

export interface Penalty {
  period: string;
  dueDate: string;
  /** Days after the due day through asOf (0 up to the due day). */
  daysLate: number;
  /** Σ over late days of the unpaid amount: what the daily rate applies to. */
  tiyinDays: bigint;
  uncapped: number;
  cap: number;
  amount: number;
  capped: boolean;
  building: number;
  system: number;
}

/** The last day to pay a period's contribution without penalty. */
export const dueDate = (period: string, policy: Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset'>): string =>
  dayOf(addMonths(period, policy.dueMonthOffset), policy.dueDay);

/**
 * The building's and the system's parts, summing exactly: the system gets its share rounded
 * down, the building the rest, so an odd tiyin of an equal split stays with the building, whose
 * owners paid it.
 */
export function splitPenalty(
  amount: number,
  policy: Pick<BillingPolicy, 'penalty'>,
): { building: number; system: number } {
  const system = Math.floor((amount * policy.penalty.systemShareBp) / 10_000);
  return { building: amount - system, system };
}

export function penaltyFor(input: PenaltyInput, policy: PenaltyRules): Penalty {
  const { period, overdue, asOf } = input;
  if (!Number.isSafeInteger(overdue) || overdue < 0)
    throw new RangeError(`overdue must be tiyin ≥ 0, got ${overdue}`);
  const due = dueDate(period, policy);
  const payments = [...input.payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let paid = 0;
  for (const p of payments) {
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0)
      throw new RangeError(`payment on ${p.date}: amount must be > 0`);
    if (p.date <= due)
      throw new RangeError(`payment on ${p.date} is not late: it belongs in the overdue amount`);
    paid += p.amount;
  }
  if (paid > overdue) throw new RangeError(`late payments ${paid} exceed the overdue amount ${overdue}`);

  // Walk the days after the due day in runs of equal base: (cursor, payment day] at `unpaid`.
  let tiyinDays = 0n;
  let unpaid = overdue;
  let cursor = due;
  for (const p of payments) {
    if (p.date > asOf) break;
    tiyinDays += BigInt(unpaid) * BigInt(daysBetween(cursor, p.date));
    unpaid -= p.amount;
    cursor = p.date;
  }
  if (asOf > cursor) tiyinDays += BigInt(unpaid) * BigInt(daysBetween(cursor, asOf));

  const rate = BigInt(policy.penalty.dailyRatePpm[input.payerKind]);
  const uncapped = toTiyin(divRound(tiyinDays * rate, 1_000_000n), 'penalty');
  const cap = Number((BigInt(overdue) * BigInt(policy.penalty.capBp)) / 10_000n);
  const amount = Math.min(uncapped, cap);
  return {
    period,
    dueDate: due,
    daysLate: Math.max(0, daysBetween(due, asOf)),
    tiyinDays,
    uncapped,
    cap,
    amount,
    capped: uncapped > cap,
    ...splitPenalty(amount, policy),
  };
}
