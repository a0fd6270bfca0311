// What other capabilities may do to contracts' tables: the register flags an organization's
// contracts when it leaves the register; billing's court package cites the building's management
// contract in force. Everything else in db/contracts is the contracts' own.
export { type ManagementContractCopy, managementContractOf } from './management-contract.ts';
export { flagContractsOf } from './tax.ts';
