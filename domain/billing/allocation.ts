// A payment into an owner's account for an apartment settles the oldest debt first; what is left
// is an advance, which settles later charges as they are accrued. The order within the debts is
// the policy's allocationOrder (see there why contributions come before penalties by default).
import { assertTiyin } from './money.ts';
import { isPeriod } from './period.ts';
import type { AllocationOrder } from './policy.ts';

export type DebtKind = 'contribution' | 'penalty';

export interface Debt {
  period: string;
  kind: DebtKind;
  /** Still unpaid, tiyin ≥ 0. */
  outstanding: number;
}

export interface Allocation {
  period: string;
  kind: DebtKind;
  amount: number;
}

export interface AllocationResult {
  allocations: Allocation[];
  /** What no debt took: kept on the account as an advance. */
  advance: number;
  /** The debts after the payment, in settlement order, settled ones left out. */
  remaining: Debt[];
}

const KIND_RANK: Record<DebtKind, number> = { contribution: 0, penalty: 1 };

/** The order in which debts are settled. */
export function settlementOrder(debts: readonly Debt[], order: AllocationOrder): Debt[] {
  const byPeriod = (a: Debt, b: Debt) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0);
  const byKind = (a: Debt, b: Debt) => KIND_RANK[a.kind] - KIND_RANK[b.kind];
  return [...debts].sort((a, b) =>
    order === 'contributions_first' ? byKind(a, b) || byPeriod(a, b) : byPeriod(a, b) || byKind(a, b),
  );
}

function checkDebts(debts: readonly Debt[]): void {
  const seen = new Set<string>();
  for (const d of debts) {
    if (!isPeriod(d.period)) throw new RangeError(`debt period must be 'YYYY-MM', got '${d.period}'`);
    if (d.kind !== 'contribution' && d.kind !== 'penalty')
      throw new RangeError(`unknown debt kind '${d.kind}'`);
    assertTiyin(d.outstanding, `${d.kind} of ${d.period}`);
    if (d.outstanding < 0) throw new RangeError(`${d.kind} of ${d.period} must not be negative`);
    const key = `${d.period}/${d.kind}`;
    if (seen.has(key)) throw new RangeError(`${d.kind} of ${d.period} is listed twice`);
    seen.add(key);
  }
}

/**
 * A payment (or an advance already on the account, when a new month is accrued) settled against
 * the debts in order; each debt takes all it can before the next gets anything.
 */
export function allocatePayment(
  amount: number,
  debts: readonly Debt[],
  order: AllocationOrder,
): AllocationResult {
  assertTiyin(amount, 'payment');
  if (amount < 0) throw new RangeError('a payment cannot be negative; a refund is its own transfer');
  checkDebts(debts);
  let left = amount;
  const allocations: Allocation[] = [];
  const remaining: Debt[] = [];
  for (const d of settlementOrder(debts, order)) {
    const take = Math.min(left, d.outstanding);
    if (take > 0) allocations.push({ period: d.period, kind: d.kind, amount: take });
    left -= take;
    if (d.outstanding > take) remaining.push({ ...d, outstanding: d.outstanding - take });
  }
  return { allocations, advance: left, remaining };
}
