// From 1 July 2026 an owner who has not paid contributions by the due day cannot pay for
// electricity until the debt is cleared: on the handover day the list of debtors goes to the
// supplier's billing, and a debtor's block lifts as soon as nothing is overdue.
//
// What counts [design]: contributions past their due day only, summed over all the owner's
// apartments; not penalties (the rule is about not paying contributions, and a penalty must not
// keep someone in the dark after the contributions are paid) and not the current month before
// its due day. The block lifts at zero overdue, not at the threshold: "cleared" means cleared.

import { dueDate } from './penalties.ts';
import { dayOf, periodOf } from './period.ts';
import type { BillingPolicy } from './policy.ts';

type ElectricityRules = Pick<
  BillingPolicy,
  'dueDay' | 'dueMonthOffset' | 'debtorHandoverDay' | 'electricityBlockFrom' | 'electricityDebtThresholdTiyin'
>;

export interface ContributionDebt {
  apartmentId: string;
  period: string;
  /** Unpaid contribution of that period, tiyin. */
  outstanding: number;
}

export interface OwnerContributions {
  ownerId: string;
  debts: readonly ContributionDebt[];
}

export interface Debtor {
  ownerId: string;
  overdue: number;
  /** The overdue periods, oldest first, for the supplier's and the owner's information. */
  periods: string[];
}

/** The owner's contributions whose due day has passed by `date`. */
export function overdue(owner: OwnerContributions, date: string, policy: ElectricityRules): Debtor {
  const late = owner.debts.filter((d) => d.outstanding > 0 && dueDate(d.period, policy) < date);
  return {
    ownerId: owner.ownerId,
    overdue: late.reduce((s, d) => s + d.outstanding, 0),
    periods: [...new Set(late.map((d) => d.period))].sort(),
  };
}

/** The handover day of the month `date` falls in. */
export const handoverDate = (date: string, policy: Pick<BillingPolicy, 'debtorHandoverDay'>): string =>
  dayOf(periodOf(date), policy.debtorHandoverDay);

/** Owners who are debtors on `date` (any day; the list is sent on the handover day). */
export function electricityDebtors(
  owners: readonly OwnerContributions[],
  date: string,
  policy: ElectricityRules,
): Debtor[] {
  if (date < policy.electricityBlockFrom) return [];
  return owners
    .map((o) => overdue(o, date, policy))
    .filter((d) => d.overdue > policy.electricityDebtThresholdTiyin);
}

/**
 * What to tell the supplier on `date`: blocks only on the handover day, for debtors not yet
 * blocked; lifts any day, at once, for blocked owners with nothing overdue. `owners` must list
 * every blocked owner, with no debts when they have none, or their block is not reconsidered.
 */
export function electricityChanges(
  blocked: ReadonlySet<string>,
  owners: readonly OwnerContributions[],
  date: string,
  policy: ElectricityRules,
): { block: Debtor[]; lift: string[] } {
  const isHandover = date === handoverDate(date, policy);
  const block = isHandover
    ? electricityDebtors(owners, date, policy).filter((d) => !blocked.has(d.ownerId))
    : [];
  const lift = owners
    .filter((o) => blocked.has(o.ownerId) && overdue(o, date, policy).overdue === 0)
    .map((o) => o.ownerId);
  return { block, lift };
}
