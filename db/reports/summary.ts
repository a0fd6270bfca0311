// The summary of a building's quarter the system computes, never the organization: income by kind,
// expenses and the balance from billing's ledger, the expense transfers that took money from the
// building's account (each a ledger transfer, the evidence), and the appeals about the building
// received in the quarter and answered in time. Computed when read, so a bank line or an answer
// recorded after the submission shows; the works' cost is the report's own.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RevenueKind } from '../../domain/billing/public.ts';
import { monthsOf, nextQuarter, startsAt } from '../../domain/reports/quarters.ts';
import { type AppealFigures, appealFiguresOf } from '../appeals/public.ts';
import { type BankExpense, bankExpenses, buildingStatement } from '../billing/public.ts';

export interface QuarterSummary {
  income: Record<RevenueKind, number>;
  incomeTotal: number;
  expenses: number;
  openingBalance: number;
  closingBalance: number;
  spending: BankExpense[];
  appeals: AppealFigures;
}

export async function quarterSummary(
  em: EntityManager,
  buildingId: string,
  quarter: string,
): Promise<QuarterSummary> {
  const months = monthsOf(quarter);
  const [first, last] = [months[0]!, months[2]!];
  const statement = await buildingStatement(em, buildingId, first, last);
  const spending = await bankExpenses(em, buildingId, first, last);
  const appeals = await appealFiguresOf(em, buildingId, startsAt(quarter), startsAt(nextQuarter(quarter)));
  return {
    income: statement.totals.income,
    incomeTotal: statement.totals.incomeTotal,
    expenses: statement.totals.expenses,
    openingBalance: statement.openingBalance,
    closingBalance: statement.months.at(-1)?.closingBalance ?? statement.openingBalance,
    spending,
    appeals,
  };
}
