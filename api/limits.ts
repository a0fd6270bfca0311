// Abuse limits in front of every route: how large a request body may be (per route), how many
// writes and sign-ins a client may make per window (counted in PostgreSQL, db/rate-limit.ts, so
// all API instances share one count), and the security headers every answer carries. Routes
// declare none of this; a new route is covered by default.
import { createHash } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { rateLimiter, type Store } from 'hono-rate-limiter';
import { forget, forgetEnded, hit, unhit } from '../db/rate-limit.ts';
import { problemResponse } from './problem.ts';
import type { AppDeps, AppEnv } from './types.ts';

type Ctx = Context<AppEnv>;

/** The methods that may change something (rate limits count them; the read cache waits on them). */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Where a caller obtains a token: the development issuer today, an identity bridge later. */
export const LOGIN_PATHS = new Set(['/dev/token']);
/** The payment providers' merchant endpoints (api/billing/payments.ts). */
const PROVIDER_CALLBACKS = '/api/v1/payments/';

/** A route's body limit, and what its body is called in the refusal ("the file"). */
export interface BodyLimit {
  bytes: number;
  what: string;
}

/**
 * 413 before a byte more than the route's limit is read. `limitOf` gives a route's limit (the app
 * knows which routes take files); `answer` speaks the route's error format.
 */
export function bodyLimits(
  limitOf: (c: Ctx) => BodyLimit,
  answer: (c: Ctx, detail: string) => Response = (c, detail) => problemResponse(c, 413, detail),
): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    // A GET or HEAD has no body to limit, and asking for it builds a whole fetch Request.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const { bytes, what } = limitOf(c);
    const onError = (ctx: Context) => answer(ctx as Ctx, `${what} exceeds ${bytes} bytes`);
    return bodyLimit({ maxSize: bytes, onError })(c, next);
  };
}

/**
 * The client's address: the socket's peer, or with `hops` trusted proxies in front, the entry
 * the nearest of them appended to X-Forwarded-For (entries further left are the client's word).
 */
export function clientAddress(c: Ctx, hops: number): string {
  const peer = (c.env as HttpBindings | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (hops === 0) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - hops] ?? forwarded[0] ?? peer;
}

/** The bearer token's SHA-256: a per-token count without keeping tokens, before verifying them. */
function tokenKey(c: Ctx): string | undefined {
  const token = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return token ? createHash('sha256').update(token).digest('hex') : undefined;
}

/** hono-rate-limiter's store over db/rate-limit.ts. A database fault lets requests through. */
class PostgresStore implements Store<AppEnv> {
  localKeys = false;
  prefix: string;
  private windowMs = 60_000;
  private sweptAt = 0;
  private readonly deps: AppDeps;
  constructor(deps: AppDeps, prefix: string) {
    this.deps = deps;
    this.prefix = prefix;
  }
  private em = () => this.deps.orm.em.fork() as EntityManager;
  init(options: { windowMs: number }) {
    this.windowMs = options.windowMs;
  }
  async increment(key: string) {
    this.sweep();
    try {
      const { hits, windowEndsAt } = await hit(this.em(), `${this.prefix}:${key}`, this.windowMs);
      return { totalHits: hits, resetTime: windowEndsAt };
    } catch (err) {
      // A limit that fails closed would turn a database blip into refusing everyone; the request
      // itself will meet the database and answer for it.
      this.deps.logger.warn({ err, limit: this.prefix }, 'rate limit not counted');
      return { totalHits: 0, resetTime: new Date(Date.now() + this.windowMs) };
    }
  }
  async decrement(key: string) {
    await unhit(this.em(), `${this.prefix}:${key}`).catch(() => undefined);
  }
  async resetKey(key: string) {
    await forget(this.em(), `${this.prefix}:${key}`);
  }
  /** At most once a window per instance: counters of clients gone quiet are dropped. */
  private sweep() {
    if (Date.now() - this.sweptAt < this.windowMs) return;
    this.sweptAt = Date.now();
    forgetEnded(this.em()).catch(() => undefined);
  }
}

function limiter(
  deps: AppDeps,
  name: string,
  what: string,
  limit: number,
  applies: (c: Ctx) => boolean,
  keyOf: (c: Ctx) => string,
): MiddlewareHandler<AppEnv> {
  const { windowMs } = deps.config.rateLimits;
  return rateLimiter<AppEnv>({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    store: new PostgresStore(deps, name),
    skip: (c) => !applies(c),
    keyGenerator: keyOf,
    handler: (c) => {
      const reset = (c.get('rateLimit' as never) as { resetTime?: Date } | undefined)?.resetTime;
      const seconds = Math.max(
        1,
        Math.ceil(((reset?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000),
      );
      const detail = `too many ${what}: at most ${limit} per ${windowMs / 1000} s; retry after ${seconds} s`;
      const headers = { 'Retry-After': String(seconds) };
      // Open311 clients read only Open311's error array (api/appeals/open311-http.ts).
      if (c.req.path.startsWith('/open311/'))
        return c.json([{ code: 429, description: detail }], 429, headers);
      return problemResponse(c, 429, detail, undefined, headers);
    },
  });
}

/** Per-address and per-token limits on writes, and per-address limits on obtaining a token. */
export function rateLimits(deps: AppDeps): MiddlewareHandler<AppEnv>[] {
  const limits = deps.config.rateLimits;
  if (!limits.enabled) return [];
  const hops = deps.config.http.trustedProxyHops;
  // Payment providers call from a few addresses at their customers' rate and prove themselves by
  // key or signature on every call: counting them per address would refuse people's payments.
  const isWrite = (c: Ctx) =>
    WRITE_METHODS.has(c.req.method) &&
    !c.req.path.startsWith(PROVIDER_CALLBACKS) &&
    (c.req.path.startsWith('/api/') || c.req.path.startsWith('/open311/'));
  const isLogin = (c: Ctx) => c.req.method === 'POST' && LOGIN_PATHS.has(c.req.path);
  const address = (c: Ctx) => clientAddress(c, hops);
  // Reads never count: let them pass before the limiter's own machinery runs (it is per request).
  const writesOnly =
    (limit: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
    (c, next) =>
      WRITE_METHODS.has(c.req.method) ? limit(c, next) : next();
  return [
    limiter(deps, 'login-ip', 'sign-ins from this address', limits.loginPerIp, isLogin, address),
    limiter(deps, 'writes-ip', 'writes from this address', limits.writesPerIp, isWrite, address),
    limiter(
      deps,
      'writes-token',
      'writes with this token',
      limits.writesPerToken,
      (c) => isWrite(c) && tokenKey(c) !== undefined,
      (c) => tokenKey(c)!,
    ),
  ].map(writesOnly);
}

/**
 * The security headers every answer carries (api/frame.ts sends them). The served pages (demo
 * portal, API docs) load scripts only from this origin; styles may be inline (the pages' own and
 * Swagger UI's); the pages may be framed by this origin and the portals named in FRAME_ANCESTORS.
 * X-Frame-Options cannot name a list, so it is sent only when no portal may frame them. The rest
 * are the defaults of Hono's secureHeaders(), which sent these before (tests/platform/abuse-limits
 * holds the list to it), with the widget bundle and public data loadable by other origins' pages
 * and no opener policy.
 */
export function securityHeaderList(deps: AppDeps): [string, string][] {
  const portals = deps.config.http.frameAncestors;
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // A protocol's PDF is shown before it is signed, in the browser's viewer, from a blob: URL.
    "frame-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ["frame-ancestors 'self'", ...portals].join(' '),
  ].join('; ');
  return [
    ['Cross-Origin-Resource-Policy', 'cross-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'no-referrer'],
    ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ...(portals.length === 0 ? [['X-Frame-Options', 'SAMEORIGIN'] as [string, string]] : []),
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
    ['Content-Security-Policy', csp],
  ];
}
