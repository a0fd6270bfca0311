// What other capabilities may do to contracts' tables: the register flags an organization's
// contracts when it leaves the register; billing's court package cites the building's management
// contract in force; the quarterly reports ask who signs their act of completed works for the
// owners (the representative that contract names). Everything else in db/contracts is the contracts' own.

// The lots' choice or competition concludes a management contract per building of the lot at the
// winner's tariff (db/lots/choice-contracts.ts).
export { createContract } from './create.ts';
export {
  type ManagementContractCopy,
  managementContractOf,
  ownersRepresentativeOf,
} from './management-contract.ts';
export { flagContractsOf } from './tax.ts';
