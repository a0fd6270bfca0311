// Who may write a building's condition data, and how its rule errors read over HTTP.
import type { Context } from 'hono';
import { getBuilding } from '../../db/registry/repository.ts';
import { isBuildingInScope } from '../../db/registry/scope.ts';
import { buildingScopeOf, type Role } from '../../domain/access/roles.ts';
import type { ConditionRuleCode } from '../../domain/registry/condition-errors.ts';
import { forbidden, notFound } from '../problem.ts';
import { ruleProblems } from '../rule-problem.ts';
import type { AppEnv } from '../types.ts';

/**
 * Like assertBuildingVisible, but the scope comes only from the roles that may do this: a
 * council officer who also manages a company writes meter readings for that company's
 * buildings, not for every building of the district.
 */
export async function assertBuildingWritable(
  c: Context<AppEnv>,
  id: string,
  roles: readonly Role[],
): Promise<void> {
  const p = c.var.principal;
  const acting = { ...p, roles: p.roles.filter((r) => roles.includes(r)) };
  const em = c.var.deps.orm.em.fork();
  if (await isBuildingInScope(em, buildingScopeOf(acting), id)) return;
  throw (await getBuilding(em, id))
    ? forbidden('this building is outside your scope')
    : notFound('no such building');
}

const STATUS: Record<ConditionRuleCode, 400 | 404 | 409> = {
  not_found: 404,
  invalid: 400,
  conflict: 409,
  idempotency_conflict: 409,
};

const { ruled } = ruleProblems(STATUS, 'registry');

/** Runs a write and turns its rule error into problem+json. */
export const conditionRule = <T>(run: () => Promise<T>): Promise<T> => ruled(run());
