// A building's account statement by month, as the management company and the council read it:
// income by kind (what the revenue accounts earned in the month: contributions accrued, lease and
// other charges, the building's part of penalties), expenses paid from the building's account,
// and the account's balance at the month's end. Figures are tiyin; the ledger's sign convention
// (debit minus credit) is turned here into what people expect: income and expenses positive.
import { REVENUE_KINDS, type RevenueKind } from './ledger.ts';
import { sumTiyin } from './money.ts';
import { addMonths } from './period.ts';

export interface StatementMonth {
  period: string;
  income: Record<RevenueKind, number>;
  incomeTotal: number;
  expenses: number;
  /** Money on the building's bank account at the month's end (debit balance). */
  closingBalance: number;
}

export interface Statement {
  buildingId: string;
  from: string;
  to: string;
  openingBalance: number;
  months: StatementMonth[];
  totals: { income: Record<RevenueKind, number>; incomeTotal: number; expenses: number };
}

/** Movements of one month as the ledger sums them: per account kind, debit minus credit. */
export interface MonthMovements {
  period: string;
  /** Change of each revenue account in the month (negative when it earned). */
  revenue: Partial<Record<RevenueKind, number>>;
  /** Change of the building's bank account in the month. */
  bank: number;
  /** Credits of the bank account by expense transfers in the month (positive). */
  expenses: number;
}

const zeroIncome = (): Record<RevenueKind, number> =>
  Object.fromEntries(REVENUE_KINDS.map((k) => [k, 0])) as Record<RevenueKind, number>;

/**
 * Every month from `from` to `to`, those without movements included (a chart needs its gaps), the
 * balance carried from `openingBalance` (the bank account's balance before `from`).
 */
export function buildStatement(
  buildingId: string,
  from: string,
  to: string,
  openingBalance: number,
  movements: readonly MonthMovements[],
): Statement {
  if (to < from) throw new RangeError(`statement from ${from} to ${to}: to comes before from`);
  const byPeriod = new Map(movements.map((m) => [m.period, m]));
  const months: StatementMonth[] = [];
  const totals = { income: zeroIncome(), incomeTotal: 0, expenses: 0 };
  let balance = openingBalance;
  for (let p = from; p <= to; p = addMonths(p, 1)) {
    const m = byPeriod.get(p);
    const income = zeroIncome();
    for (const k of REVENUE_KINDS) income[k] = -(m?.revenue[k] ?? 0) || 0;
    const incomeTotal = sumTiyin(Object.values(income));
    const expenses = m?.expenses ?? 0;
    balance = sumTiyin([balance, m?.bank ?? 0]);
    months.push({ period: p, income, incomeTotal, expenses, closingBalance: balance });
    for (const k of REVENUE_KINDS) totals.income[k] = sumTiyin([totals.income[k], income[k]]);
    totals.incomeTotal = sumTiyin([totals.incomeTotal, incomeTotal]);
    totals.expenses = sumTiyin([totals.expenses, expenses]);
  }
  return { buildingId, from, to, openingBalance, months, totals };
}
