// What a building's own account pays out each month, and in which order. The building's own
// electricity (stairwells, lifts, pumps: the common areas) is paid first from its account every
// month, before any other expense; other expenses are paid only from what is left after it.
//
// The ledger has one expense account per building and kind ('expense/<building>/electricity'),
// debited from the building's bank account by an 'expense' transfer; the management organization's
// fee stays the existing management_organization ← building_bank expense.
export const EXPENSE_KINDS = ['electricity'] as const;
export type ExpenseKind = (typeof EXPENSE_KINDS)[number];

export interface ExpenseRequest {
  /** The expense account's kind, or 'management' for the management organization's fee. */
  kind: ExpenseKind | 'management';
  /** Tiyin, > 0. */
  amount: number;
  /** The caller's reference (bill number, act), kept with the decision. */
  ref: string;
}

export interface ExpensePlan {
  pay: ExpenseRequest[];
  /** Not paid this time: the account would not cover it after the expenses before it. */
  deferred: ExpenseRequest[];
  /** The bank balance left after paying. */
  left: number;
}

/**
 * The month's expenses in paying order from a balance of `available` tiyin: the electricity first,
 * then the others in the order given; an expense is paid whole or deferred, never in part, and
 * nothing is paid while the month's electricity is unpaid.
 */
export function planExpenses(available: number, requests: readonly ExpenseRequest[]): ExpensePlan {
  const ordered = [
    ...requests.filter((r) => r.kind === 'electricity'),
    ...requests.filter((r) => r.kind !== 'electricity'),
  ];
  const pay: ExpenseRequest[] = [];
  const deferred: ExpenseRequest[] = [];
  let left = available;
  let electricityUnpaid = false;
  for (const r of ordered) {
    if (!Number.isSafeInteger(r.amount) || r.amount <= 0)
      throw new RangeError(`expense ${r.ref}: amount must be > 0`);
    if (r.amount <= left && !(electricityUnpaid && r.kind !== 'electricity')) {
      pay.push(r);
      left -= r.amount;
    } else {
      deferred.push(r);
      if (r.kind === 'electricity') electricityUnpaid = true;
    }
  }
  return { pay, deferred, left };
}
