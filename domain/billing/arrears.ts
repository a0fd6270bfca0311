// What an owner's account for one apartment owes per month, read back from its ledger: the monthly
// contributions charged and the payments received, each payment dated and settled against the
// oldest contribution first (contributions_first in policy.ts; penalties never decide a penalty's
// base or the electricity block, so they are left out here). From this come the penalty's base
// (what was unpaid at the end of the due day, and the later payments) and the overdue amount on
// any day.
import { allocatePayment } from './allocation.ts';
import type { DatedAmount, PenaltyInput } from './penalties.ts';
import { dueDate } from './penalties.ts';
import type { BillingPolicy, PayerKind } from './policy.ts';

type DueRules = Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset'>;

export interface AccountHistory {
  /** Contributions charged per period, tiyin. */
  charges: readonly { period: string; amount: number }[];
  /** Payments credited to the account, each with its Tashkent date. */
  payments: readonly DatedAmount[];
}

export interface PeriodSettlement {
  period: string;
  charged: number;
  /** The parts of payments that settled this period's contribution, oldest first. */
  settledBy: DatedAmount[];
}

/** Every period's contribution with the dated payment parts that settled it. */
export function settle(history: AccountHistory): PeriodSettlement[] {
  const byPeriod = new Map<string, PeriodSettlement>();
  for (const c of [...history.charges].sort((a, b) => (a.period < b.period ? -1 : 1))) {
    const s = byPeriod.get(c.period) ?? { period: c.period, charged: 0, settledBy: [] };
    s.charged += c.amount;
    byPeriod.set(c.period, s);
  }
  const settlements = [...byPeriod.values()];
  const payments = [...history.payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const p of payments) {
    const debts = settlements.map((s) => ({
      period: s.period,
      kind: 'contribution' as const,
      outstanding: s.charged - s.settledBy.reduce((sum, x) => sum + x.amount, 0),
    }));
    // An advance beyond every charge stays on the account; no later charge is known here.
    for (const a of allocatePayment(p.amount, debts, 'contributions_first').allocations)
      byPeriod.get(a.period)!.settledBy.push({ date: p.date, amount: a.amount });
  }
  return settlements;
}

/** The penalty inputs of every period whose due day has passed by `asOf`. */
export function penaltyInputs(
  settlements: readonly PeriodSettlement[],
  payerKind: PayerKind,
  asOf: string,
  policy: DueRules,
): PenaltyInput[] {
  const inputs: PenaltyInput[] = [];
  for (const s of settlements) {
    const due = dueDate(s.period, policy);
    if (asOf <= due) continue;
    const onTime = s.settledBy.filter((p) => p.date <= due).reduce((sum, p) => sum + p.amount, 0);
    const overdue = s.charged - onTime;
    if (overdue <= 0) continue;
    inputs.push({
      period: s.period,
      overdue,
      payments: s.settledBy.filter((p) => p.date > due),
      payerKind,
      asOf,
    });
  }
  return inputs;
}

/** Each period's contribution still unpaid at the end of `date` (payments dated later ignored). */
export function outstandingOn(
  settlements: readonly PeriodSettlement[],
  date: string,
): { period: string; outstanding: number }[] {
  return settlements.map((s) => ({
    period: s.period,
    outstanding: s.charged - s.settledBy.filter((p) => p.date <= date).reduce((sum, p) => sum + p.amount, 0),
  }));
}
