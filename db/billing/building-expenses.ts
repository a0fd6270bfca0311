// Paying a building's monthly expenses from its own account, the building's electricity first
// (domain/billing/expenses.ts). The bank account's row is locked for the decision and the
// posting, so two payers never both spend the same balance; a month's other expenses wait until
// its electricity bill is paid. Transfer ids name the building, month, kind and the caller's
// reference: paying the same bill again is a duplicate.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type ExpenseRequest, planExpenses } from '../../domain/billing/expenses.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { ensureAccounts, postTransfers, type TransferInput } from './ledger.ts';

export interface ExpensePayment {
  buildingId: string;
  period: string;
  /** The management organization paid for 'management' requests. */
  organizationId?: string;
  requests: ExpenseRequest[];
}

export async function payBuildingExpenses(em: EntityManager, input: ExpensePayment) {
  const bank = accountId({ kind: 'building_bank', buildingId: input.buildingId });
  const electricity = accountId({
    kind: 'building_expense',
    buildingId: input.buildingId,
    expense: 'electricity',
  });
  const idOf = (r: ExpenseRequest) => `expense:${input.buildingId}:${input.period}:${r.kind}:${r.ref}`;
  return em.transactional(async (tx) => {
    await ensureAccounts(tx, [bank]);
    const [row] = await tx.execute<{ balance: string }[]>(
      `select balance::text as balance from ledger_account where id = ? for update`,
      [bank],
    );
    const done = new Set(
      (
        await tx.execute<{ id: string }[]>(
          `select id from ledger_transfer where id in (select jsonb_array_elements_text(?::jsonb))`,
          [JSON.stringify(input.requests.map(idOf))],
        )
      ).map((r) => r.id),
    );
    const [paidElectricity] = await tx.execute<{ n: number }[]>(
      `select count(*)::int as n from ledger_entry e join ledger_transfer t on t.id = e.transfer_id
        where e.account_id = ? and t.period = ? and t.kind = 'expense'`,
      [electricity, input.period],
    );
    const open = input.requests.filter((r) => !done.has(idOf(r)));
    const plan = planExpenses(Number(row!.balance), open);
    const electricityKnown = paidElectricity!.n > 0 || plan.pay.some((r) => r.kind === 'electricity');
    const pay = plan.pay.filter((r) => r.kind === 'electricity' || electricityKnown);
    const deferred = [...plan.deferred, ...plan.pay.filter((r) => !pay.includes(r))];
    const transfers: TransferInput[] = pay.map((r) => {
      if (r.kind === 'management' && !input.organizationId)
        throw new RangeError('organizationId is required to pay the management organization');
      return {
        id: idOf(r),
        debit:
          r.kind === 'electricity'
            ? electricity
            : accountId({ kind: 'management_organization', organizationId: input.organizationId! }),
        credit: bank,
        amount: r.amount,
        kind: 'expense',
        reason: `${r.kind} ${input.period} ${r.ref}`,
        period: input.period,
        buildingId: input.buildingId,
      };
    });
    await postTransfers(tx, transfers);
    return { paid: pay, deferred, alreadyPaid: input.requests.length - open.length };
  });
}
