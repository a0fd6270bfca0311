// What other capabilities may do to contracts' tables: the register flags an organization's
// contracts when it leaves the register. Everything else in db/contracts is the contracts' own.
export { flagContractsOf } from './tax.ts';
