// What other capabilities may use of billing's pure rules:
// - the quarterly reports model the accrual's month gate in their tests (a suspended month is
//   never charged) and name months the way billing does ('YYYY-MM').
// - the quarterly reports stop a month under billing's rule name for a quarter, so receipts can
//   tell residents which quarter's report is missing;
// - a report's summary shows the building's income by billing's revenue kinds;
// - the reports' board passes billing's policy (its charge rounding) to forgoneContributions, and
//   its spreadsheet writes the contributions lost in so'm as billing's own exports do.

export { gateMonth, type MonthGate, type MonthGateInput, quarterlyReportRule } from './gate.ts';
export { REVENUE_KINDS, type RevenueKind } from './ledger.ts';
export { formatDecimalSom } from './money.ts';
export { addMonths, isDate, isPeriod, periodOf, periodsBetween } from './period.ts';
export type { BillingPolicy } from './policy.ts';
