// What each owner account owes by period on a day, as the court calculation (domain/billing/court.ts)
// takes it: contributions charged per period (accruals and the corrections that name a period),
// payments settled oldest contribution first (domain/billing/arrears.ts, as the penalties and the
// electricity block read them), each period's penalty through the day by the same rule the daily
// run posts, and what payments beyond every contribution paid of the penalties, oldest first.
import type { EntityManager } from '@mikro-orm/postgresql';
import { penaltyInputs, settle } from '../../domain/billing/arrears.ts';
import type { PeriodBalance } from '../../domain/billing/court.ts';
import { penaltyFor } from '../../domain/billing/penalties.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import { loadAccounts, type OwnerAccount } from './penalties.ts';

type Rules = Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset' | 'penalty'>;

export async function periodBalances(
  em: EntityManager,
  accounts: readonly OwnerAccount[],
  asOf: string,
  policy: Rules,
): Promise<Map<string, PeriodBalance[]>> {
  const out = new Map<string, PeriodBalance[]>();
  if (accounts.length === 0) return out;
  const loaded = await loadAccounts(em, accounts);
  const corrections = await em.execute<{ account: string; period: string; change: string }[]>(
    `select e.account_id as account, t.period, sum(e.change)::text as change
       from ledger_entry e join ledger_transfer t on t.id = e.transfer_id
      where e.account_id in (select jsonb_array_elements_text(?::jsonb))
        and t.kind = 'correction' and t.period is not null
      group by 1, 2`,
    [JSON.stringify(accounts.map((a) => a.id))],
  );
  for (const a of accounts) {
    const history = loaded.history.get(a.id)!;
    const charged = new Map<string, number>();
    for (const c of history.charges) charged.set(c.period, (charged.get(c.period) ?? 0) + c.amount);
    for (const c of corrections)
      if (c.account === a.id) charged.set(c.period, (charged.get(c.period) ?? 0) + Number(c.change));
    const payments = history.payments.filter((p) => p.date <= asOf);
    const settlements = settle({
      // A correction beyond the month's charge leaves nothing to claim for it, never a negative claim.
      charges: [...charged].map(([period, amount]) => ({ period, amount: Math.max(0, amount) })),
      payments,
    });
    const kind = loaded.payerKind.get(a.ownerId) ?? 'individual';
    const penalty = new Map(
      penaltyInputs(settlements, kind, asOf, policy).map((i) => [i.period, penaltyFor(i, policy).amount]),
    );
    const paid = settlements.map((s) => s.settledBy.reduce((sum, x) => sum + x.amount, 0));
    let beyond = payments.reduce((sum, p) => sum + p.amount, 0) - paid.reduce((sum, x) => sum + x, 0);
    out.set(
      a.id,
      settlements.map((s, i) => {
        const p = penalty.get(s.period) ?? 0;
        const penaltyPaid = Math.min(p, Math.max(0, beyond));
        beyond -= penaltyPaid;
        return { period: s.period, accrued: s.charged, paid: paid[i]!, penalty: p, penaltyPaid };
      }),
    );
  }
  return out;
}
