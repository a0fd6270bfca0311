// What every meetings router shares: turning the repository's rule errors into problem+json,
// loading a meeting the caller may see, deterministic ids and request hashes for idempotency.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'hono';
import { type MeetingRuleCode, MeetingRuleError } from '../../db/meetings/errors.ts';
import { getMeeting, isMeetingInScope } from '../../db/meetings/repository.ts';
import { buildingScopeOf } from '../../domain/access/roles.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';

export { IdempotencyHeader } from '../registry/sync-routes.ts';

export type Ctx = Context<AppEnv>;

export const emOf = (c: Ctx): EntityManager => c.var.deps.orm.em.fork() as EntityManager;

const STATUS: Record<MeetingRuleCode, 400 | 403 | 404 | 409> = {
  not_found: 404,
  forbidden: 403,
  not_eligible: 403,
  wrong_phase: 409,
  idempotency_conflict: 409,
  not_selectable: 409,
  invalid: 400,
};

/** Rule errors name a field of the request body (e.g. `choices.<itemId>`); the API says `body.…`. */
export function toProblem(err: unknown): unknown {
  if (!(err instanceof MeetingRuleError)) return err;
  const status = STATUS[err.code];
  const errors = err.field ? [{ field: `body.${err.field}`, message: err.message }] : undefined;
  return new HttpProblem(status, err.message, {
    errors: errors ?? (status === 400 ? [{ field: 'body', message: err.message }] : undefined),
  });
}

/** Awaits a repository call, rethrowing its rule errors as problems. */
export async function ruled<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw toProblem(err);
  }
}

/** 404 when the meeting does not exist, 403 when none of its buildings is in the caller's scope. */
export async function visibleMeeting(c: Ctx, id: string): Promise<MeetingView> {
  const em = emOf(c);
  const meeting = await getMeeting(em, id);
  if (!meeting) throw notFound('no such meeting');
  if (!(await isMeetingInScope(em, buildingScopeOf(c.var.principal), id)))
    throw forbidden('this meeting is outside your scope');
  return meeting;
}

export function personOf(c: Ctx): string {
  const personId = c.var.principal.personId;
  if (!personId) throw forbidden('the token names no person (claim pid)');
  return personId;
}

export function temporalOf(c: Ctx) {
  const client = c.var.deps.temporal;
  if (!client) throw new HttpProblem(503, 'workflows are unavailable: Temporal is not configured');
  return client;
}

/** JSON with object keys sorted at every level, so equal requests hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const requestHash = (value: unknown): Promise<string> => sha256Hex(canonicalJson(value));

/**
 * A UUID (version 5 layout, SHA-256 instead of SHA-1) named by `text`: the same caller and
 * Idempotency-Key always name the same meeting, so a retried POST cannot create a second one.
 */
export async function uuidFor(text: string): Promise<string> {
  const h = (await sha256Hex(text)).slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
