// The contract row under its lock and the audit trail written beside every change. A leaf that
// the repository, signing, creation and tax modules all build on without importing one another.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { ContractRuleCode } from '../../domain/contracts/errors.ts';
import { isUuid } from '../sql.ts';
import { Contract, ContractEvent } from './entities.ts';

export type ContractRow = NonNullable<Awaited<ReturnType<typeof lockContract>>>;

export async function lockContract(tx: EntityManager, id: string) {
  if (!isUuid(id)) return null;
  return tx.findOne(
    Contract,
    { id },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, populate: ['organization'] },
  );
}

export async function lockedOrFail(tx: EntityManager, id: string) {
  const row = await lockContract(tx, id);
  if (!row) throw new RuleError<ContractRuleCode>('not_found', `contract ${id} does not exist`);
  return row;
}

export interface Actor {
  userId: string | null;
  name: string | null;
}
export const actorOf = (p: Principal | null): Actor =>
  p ? { userId: isUuid(p.userId) ? p.userId : null, name: p.name } : { userId: null, name: null };

export function appendEvent(
  tx: EntityManager,
  contractId: string,
  actor: Actor,
  action: string,
  from: string | null,
  to: string,
  detail: string | null = null,
  data: Record<string, unknown> = {},
) {
  tx.create(ContractEvent, {
    contract: contractId,
    actorUserId: actor.userId,
    actorName: actor.name,
    action,
    fromState: from,
    toState: to,
    detail,
    data,
  });
}
