import type { Context } from 'hono';
import { getBuilding } from '../../db/registry/repository.ts';
import { isBuildingInScope } from '../../db/registry/scope.ts';
import { buildingScopeOf } from '../../domain/access/roles.ts';
import { forbidden, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';

/** 404 when the building does not exist, 403 when it exists outside the caller's scope. */
export async function assertBuildingVisible(c: Context<AppEnv>, id: string): Promise<void> {
  const em = c.var.deps.orm.em.fork();
  if (await isBuildingInScope(em, buildingScopeOf(c.var.principal), id)) return;
  throw (await getBuilding(em, id))
    ? forbidden('this building is outside your scope')
    : notFound('no such building');
}
