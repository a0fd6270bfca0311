// The summary of a building's quarter the system computes, never the organization: income by kind,
// expenses and the balance from billing's ledger, the expense transfers that took money from the
// building's account (each a ledger transfer, the evidence), and the appeals about the building
// received in the quarter and answered in time, and the reporting organization's dispatch figures
// for the quarter (the share of each legal response time met). Computed when read, so a bank line,
// an answer or a finished request recorded after the submission shows; the works' cost is the
// report's own.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RevenueKind } from '../../domain/billing/public.ts';
import { monthsOf, nextQuarter, startsAt } from '../../domain/reports/quarters.ts';
import { type AppealFigures, appealFiguresOf } from '../appeals/public.ts';
import { type BankExpense, bankExpenses, buildingStatement } from '../billing/public.ts';
import { quarterFiguresOf, type ResponseFigures } from '../dispatch/public.ts';

export interface QuarterSummary {
  income: Record<RevenueKind, number>;
  incomeTotal: number;
  expenses: number;
  openingBalance: number;
  closingBalance: number;
  spending: BankExpense[];
  appeals: AppealFigures;
  /** The response-time figures of the organization the report is due from; null when none is. */
  dispatch: Omit<ResponseFigures, 'organizationId' | 'quarter'> | null;
}

export async function quarterSummary(
  em: EntityManager,
  buildingId: string,
  quarter: string,
  organizationId: string | null,
  now: number,
): Promise<QuarterSummary> {
  const months = monthsOf(quarter);
  const [first, last] = [months[0]!, months[2]!];
  const statement = await buildingStatement(em, buildingId, first, last);
  const spending = await bankExpenses(em, buildingId, first, last);
  const appeals = await appealFiguresOf(em, buildingId, startsAt(quarter), startsAt(nextQuarter(quarter)));
  let dispatch: QuarterSummary['dispatch'] = null;
  if (organizationId) {
    const {
      organizationId: _,
      quarter: __,
      ...figures
    } = await quarterFiguresOf(em, organizationId, quarter, now);
    dispatch = figures;
  }
  return {
    income: statement.totals.income,
    incomeTotal: statement.totals.incomeTotal,
    expenses: statement.totals.expenses,
    openingBalance: statement.openingBalance,
    closingBalance: statement.months.at(-1)?.closingBalance ?? statement.openingBalance,
    spending,
    appeals,
    dispatch,
  };
}
