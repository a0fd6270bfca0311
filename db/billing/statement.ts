// The sums a building's statement is drawn from (domain/billing/statement.ts): per month, the
// change of each revenue account of the building and of its bank account, and what expenses took
// from the bank account. Income is counted in the month the transfer is for (an accrual's or a
// source's period; else the Tashkent month it was posted), so a month re-run later still shows
// in its own month; the bank account moves when money does, by the month of posting.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RevenueKind } from '../../domain/billing/ledger.ts';
import { buildStatement, type MonthMovements, type Statement } from '../../domain/billing/statement.ts';

const TASHKENT_MONTH = `to_char(e.posted_at at time zone 'Asia/Tashkent', 'YYYY-MM')`;

export async function buildingStatement(
  em: EntityManager,
  buildingId: string,
  from: string,
  to: string,
): Promise<Statement> {
  const rows = await em.execute<
    { period: string; kind: string; revenue_kind: RevenueKind | null; expense: boolean; change: string }[]
  >(
    `select case when a.kind = 'revenue' then coalesce(t.period, ${TASHKENT_MONTH}) else ${TASHKENT_MONTH} end as period,
            a.kind, a.revenue_kind, (a.kind = 'building_bank' and t.kind = 'expense') as expense,
            sum(e.change)::text as change
       from ledger_account a
       join ledger_entry e on e.account_id = a.id
       join ledger_transfer t on t.id = e.transfer_id
      where a.building_id = ? and a.kind in ('revenue', 'building_bank')
      group by 1, 2, 3, 4`,
    [buildingId],
  );
  const months = new Map<string, MonthMovements>();
  let opening = 0;
  for (const r of rows) {
    const change = Number(r.change);
    if (r.kind === 'building_bank' && r.period < from) opening += change;
    if (r.period < from || r.period > to) continue;
    let m = months.get(r.period);
    if (!m) {
      m = { period: r.period, revenue: {}, bank: 0, expenses: 0 };
      months.set(r.period, m);
    }
    if (r.kind === 'revenue' && r.revenue_kind)
      m.revenue[r.revenue_kind] = (m.revenue[r.revenue_kind] ?? 0) + change;
    else if (r.kind === 'building_bank') {
      m.bank += change;
      if (r.expense) m.expenses += -change;
    }
  }
  return buildStatement(buildingId, from, to, opening, [...months.values()]);
}

/** The first month the building's books have anything in, or null. */
export async function firstBookedMonth(em: EntityManager, buildingId: string): Promise<string | null> {
  const [row] = await em.execute<{ period: string | null }[]>(
    `select min(least(coalesce(t.period, ${TASHKENT_MONTH}), ${TASHKENT_MONTH})) as period
       from ledger_account a join ledger_entry e on e.account_id = a.id join ledger_transfer t on t.id = e.transfer_id
      where a.building_id = ? and a.kind in ('revenue', 'building_bank')`,
    [buildingId],
  );
  return row?.period ?? null;
}

export interface BankExpense {
  /** The ledger transfer: the evidence the money left the building's account. */
  transferId: string;
  /** The Tashkent month it was posted. */
  period: string;
  amountTiyin: number;
  reason: string;
  postedAt: string;
}

/** What expense transfers took from the building's bank account, posted in months `from`..`to`. */
export async function bankExpenses(
  em: EntityManager,
  buildingId: string,
  from: string,
  to: string,
): Promise<BankExpense[]> {
  const rows = await em.execute<
    { id: string; period: string; amount: string; reason: string; posted_at: Date }[]
  >(
    `select t.id, ${TASHKENT_MONTH} as period, (-e.change)::text as amount, t.reason, e.posted_at
       from ledger_account a
       join ledger_entry e on e.account_id = a.id
       join ledger_transfer t on t.id = e.transfer_id
      where a.building_id = ? and a.kind = 'building_bank' and t.kind = 'expense' and e.change < 0
        and ${TASHKENT_MONTH} between ? and ?
      order by e.posted_at, t.id`,
    [buildingId, from, to],
  );
  return rows.map((r) => ({
    transferId: r.id,
    period: r.period,
    amountTiyin: Number(r.amount),
    reason: r.reason,
    postedAt: new Date(r.posted_at).toISOString(),
  }));
}
