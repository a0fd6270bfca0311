// What every router needs from a request: its own EntityManager, the person behind the token and
// the Temporal client (api/workflows.ts drives the workflows themselves).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'hono';
import { forbidden, HttpProblem } from './problem.ts';
import type { AppEnv } from './types.ts';

export type Ctx = Context<AppEnv>;

// These run on every request: `c.get(name)`, because Hono's `c.var` builds an object of every
// variable the request has on each access.

export const emOf = (c: Ctx): EntityManager => c.get('deps').orm.em.fork() as EntityManager;

/**
 * For the reads that run as prepared statements (db/sql.ts `preparedRows`): they use only the
 * pool and touch no identity map, so the ORM's root EntityManager serves them without a fork,
 * which costs as much as the rest of a small read's JavaScript.
 */
export const sqlOf = (c: Ctx): EntityManager => c.get('deps').orm.em as EntityManager;

/** The natural person behind the token, for routes where only a person may act (voting, own notices). */
export function personOf(c: Ctx): string {
  const personId = c.get('principal').personId;
  if (!personId) throw forbidden('the token names no person (claim pid)');
  return personId;
}

export function temporalOf(c: Ctx) {
  const client = c.get('deps').temporal;
  if (!client) throw new HttpProblem(503, 'workflows are unavailable: Temporal is not configured');
  return client;
}
