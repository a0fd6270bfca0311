// What other capabilities may use of billing's pure rules:
// - the quarterly reports model the accrual's month gate in their tests (a suspended month is
//   never charged) and name months the way billing does ('YYYY-MM').
export { gateMonth, type MonthGate, type MonthGateInput } from './gate.ts';
export { addMonths, isDate, isPeriod, periodOf, periodsBetween } from './period.ts';
