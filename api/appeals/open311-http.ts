// What the Open311 routes share: errors as Open311's array rather than problem+json (its clients
// parse only that), the caller from the bearer token, and the list's query read as the spec says.

import type { Open311Filter } from '../../db/appeals/open311.ts';
import type { Principal, Role } from '../../domain/access/roles.ts';
import { hasRole } from '../../domain/access/roles.ts';
import type { Open311Error } from '../../domain/appeals/open311.ts';
import { APPEAL_CATEGORIES, type AppealCategory } from '../../domain/appeals/types.ts';
import type { Ctx } from '../context.ts';
import { textErrors } from '../input.ts';

export type Open311Status = 400 | 401 | 403 | 404 | 409 | 413 | 500 | 503;

export const open311Error = (c: Ctx, status: Open311Status, ...descriptions: string[]) =>
  c.json(
    descriptions.map((description): Open311Error => ({ code: status, description })),
    status,
    status === 401 ? { 'WWW-Authenticate': 'Bearer realm="mening-uyim"' } : {},
  );

/**
 * The resource named by a path segment such as `2025-000001.json`, or the error to answer: the
 * spec puts the format in the path, and only JSON is served.
 */
export function jsonResource(c: Ctx, segment: string): string | Response {
  if (segment.endsWith('.json') && segment.length > 5) return segment.slice(0, -5);
  if (segment.endsWith('.xml')) return open311Error(c, 400, 'format: only JSON is supported; use .json');
  return open311Error(c, 404, `no such resource: ${segment}`);
}

/**
 * The caller, from `Authorization: Bearer <JWT>`. Open311's `api_key` identifies an application,
 * not a person, and an appeal must name its applicant, so the key is ignored and the token required.
 */
export async function callerOf(c: Ctx, roles: Role[]): Promise<Principal | Response> {
  const m = c.req.header('Authorization')?.match(/^Bearer\s+(\S+)$/i);
  if (!m?.[1])
    return open311Error(
      c,
      401,
      'a bearer token is required (Authorization: Bearer <JWT>); api_key is not used',
    );
  const result = await c.var.deps.verifyToken(m[1]);
  if ('error' in result) return open311Error(c, 401, result.error);
  if (!hasRole(result, ...roles)) return open311Error(c, 403, `this endpoint is for: ${roles.join(', ')}`);
  c.set('principal', result);
  return result;
}

/**
 * The text rule (api/input.ts) over what Open311 reads from the URL without a schema: the
 * resource in the path and the list's query, named as the client sent them.
 */
export function urlTextFaults(c: Ctx): string[] {
  const segments = c.req.path.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return [...textErrors(segments.join('/'), 'path'), ...textErrors(c.req.query(), '')].map(
    (e) => `${e.field}: ${e.message}`,
  );
}

/** The form (as Open311 sends it, urlencoded or multipart) or a JSON object; null when unreadable. */
export async function bodyOf(c: Ctx): Promise<Record<string, unknown> | null> {
  const type = c.req.header('content-type') ?? '';
  try {
    if (/^application\/(.+\+)?json/i.test(type)) {
      const body: unknown = await c.req.json();
      return body && typeof body === 'object' && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : null;
    }
    if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type))
      return await c.req.parseBody();
  } catch {
    return null;
  }
  return null;
}

const DAY = 86_400_000;
/** The spec's window for a list without dates, and the widest it allows. */
export const WINDOW_DAYS = 90;
/** The spec lets a server cap a list at 1000 requests. */
export const MAX_REQUESTS = 1000;
const W3C = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

function dateParam(v: string | undefined, name: string, errors: string[]): Date | undefined {
  if (v === undefined || v === '') return undefined;
  const at = W3C.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(at)) errors.push(`${name}: not a W3C datetime (e.g. 2025-03-01T09:00:00+05:00)`);
  return Number.isNaN(at) ? undefined : new Date(at);
}

/** GET requests' parameters as a filter, or the errors naming each bad one. */
export function listFilter(
  q: Record<string, string | undefined>,
  now: number,
): { ok: true; filter: Open311Filter } | { ok: false; errors: string[] } {
  const ids = q.service_request_id
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids?.length) return { ok: true, filter: { ids: ids.slice(0, MAX_REQUESTS) } };
  const errors: string[] = [];
  const code = q.service_code?.trim() || undefined;
  if (code && !(APPEAL_CATEGORIES as readonly string[]).includes(code))
    errors.push(`service_code: unknown service ${code}`);
  const status = q.status?.trim() || undefined;
  if (status && status !== 'open' && status !== 'closed') errors.push('status: open or closed');
  let from = dateParam(q.start_date, 'start_date', errors);
  let to = dateParam(q.end_date, 'end_date', errors);
  if (errors.length) return { ok: false, errors };
  if (!from && !to) to = new Date(now);
  if (!from) from = new Date(to!.getTime() - WINDOW_DAYS * DAY);
  if (!to) to = new Date(from.getTime() + WINDOW_DAYS * DAY);
  if (to < from) return { ok: false, errors: ['end_date: before start_date'] };
  if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY)
    return { ok: false, errors: [`start_date, end_date: may not span more than ${WINDOW_DAYS} days`] };
  return {
    ok: true,
    filter: {
      ...(code ? { category: code as AppealCategory } : {}),
      ...(status ? { closed: status === 'closed' } : {}),
      receivedFrom: from,
      receivedTo: to,
    },
  };
}
