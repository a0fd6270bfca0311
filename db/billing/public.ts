// What other capabilities may do to billing's tables and ask of billing's rules:
// - the contracts capability records a management contract's completed changes (the terms the
//   accrual charges by), checks a management tariff against the minimum before it creates or
//   amends a contract, and books a common-property lease's monthly income on the ledger (pending
//   until its month, voided when the lease ends early) through postTransfers / voidPending;
// - the commissioning capability starts a new building's billing when it is commissioned;
// - a rule that stops a building's month (the quarterly reports) records it with suspendMonth, and
//   lifts it with resumeMonth for the months liftable says the accrual has not decided yet, and
//   shows the councils what its stops cost (forgoneContributions: what the closed months would
//   have been charged, as the accrual charges), and asks administratorOn which organization's
//   terms cover a quarter's last day: that organization must report for the quarter; a report's
//   summary reads the building's statement (income by kind, expenses, balance) and the expense
//   transfers that took money from the building's account in its quarter (bankExpenses).
// Everything else in db/billing is billing's own.
// The ledger's account names, so a caller writes 'bank/<building>' the one way billing parses it.
export { accountId } from '../../domain/billing/ledger.ts';
export type { MinimumTariffRow } from '../../domain/billing/tariffs.ts';
export { startBillingOnCommissioning } from './buildings.ts';
export { type Forgone, forgoneContributions } from './forgone.ts';
export {
  balanceOf,
  entriesOf,
  postPending,
  postTransfers,
  type TransferInput,
  trialBalance,
  voidPending,
} from './ledger.ts';
export { type BankExpense, bankExpenses, buildingStatement } from './statement.ts';
export { type ContractTariffCheck, checkContractTariff } from './tariffs.ts';
export {
  administratorOn,
  liftable,
  recordManagementTerms,
  resumeMonth,
  suspendMonth,
  type TermsRecord,
} from './terms.ts';
