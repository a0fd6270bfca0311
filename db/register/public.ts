// What other capabilities may use of the register's tables: the contracts' tax deadline removes an
// organization from the register, through its review workflow when it has one (found here) and
// directly when it was carried over from the paper register. Everything else in db/register is
// the register's own.
export type { RemovalReason } from '../../domain/register/status.ts';
export { removeWithoutApplication } from './legacy-removal.ts';
export { currentApplicationOf } from './repository.ts';
