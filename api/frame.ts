// What every answer carries, in one middleware: the request id, the security headers, the CORS
// headers of the API, and the request's log line.
//
// Served over a socket (@hono/node-server hands the app Node's response as `c.env.outgoing`),
// the headers go straight onto Node's response before the route runs; Node writes them with the
// route's own. Set through Hono instead, each would pass through a fetch `Headers` object that is
// validated, sorted and copied again for Node: for a small read that cost more than the read's
// own JavaScript. Without a socket (`app.request` in tests) they are set on the finished
// response. Either way a header the route sets itself is the one sent (the signed documents'
// stricter Content-Security-Policy).
import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from './types.ts';

export interface FrameOptions {
  /** Sent with every answer (api/limits.ts securityHeaderList). */
  headers: readonly (readonly [string, string])[];
  /** Whether a path gets CORS headers, and the origins that may read its answers. */
  corsPath: (path: string) => boolean;
  corsOrigins: ReadonlySet<string>;
  exposeHeaders: readonly string[];
  /** Answers a CORS preflight (Hono's cors()); runs inside the frame so it carries the same headers. */
  preflight: MiddlewareHandler<AppEnv>;
}

/** A caller's own request id is kept when it is short and plain, as Hono's requestId() keeps it. */
const REQUEST_ID = /^[\w\-=]{1,255}$/;

export function frame(deps: AppDeps, options: FrameOptions): MiddlewareHandler<AppEnv> {
  const expose = options.exposeHeaders.join(',');
  // A person running the demo reads the start-up and the warnings, not every request.
  const level = deps.config.env === 'development' ? 'debug' : 'info';
  // The line names only the request id, method, path, status, time and user id: nothing the
  // logger's redaction paths (tokens, passwords, Authorization) could match, so it is not walked
  // for them on every request.
  // Made again when the logger is replaced (tests do so after building the app).
  let parent: AppDeps['logger'] | undefined;
  let requests: AppDeps['logger'] = deps.logger;
  const requestLog = () => {
    if (deps.logger !== parent) {
      parent = deps.logger;
      requests = parent.child({}, { redact: [] });
    }
    return requests;
  };
  return async (c, next) => {
    const started = performance.now();
    const asked = c.req.header('x-request-id');
    const requestId = asked !== undefined && REQUEST_ID.test(asked) ? asked : randomUUID();
    c.set('deps', deps);
    c.set('requestId', requestId);
    const path = c.req.path;
    const cors = options.corsPath(path);
    const origin = cors ? c.req.header('origin') : undefined;
    const allowOrigin = origin !== undefined && options.corsOrigins.has(origin) ? origin : undefined;
    const preflight = cors && c.req.method === 'OPTIONS';
    const outgoing = (c.env as HttpBindings | undefined)?.outgoing;
    const direct =
      outgoing !== undefined && typeof outgoing.setHeader === 'function' && !outgoing.headersSent;
    if (direct) {
      for (const [name, value] of options.headers) outgoing.setHeader(name, value);
      outgoing.setHeader('X-Request-Id', requestId);
      if (cors && !preflight) {
        if (allowOrigin) outgoing.setHeader('Access-Control-Allow-Origin', allowOrigin);
        outgoing.setHeader('Access-Control-Expose-Headers', expose);
        outgoing.setHeader('Vary', 'Origin');
      }
    }
    if (preflight) {
      // cors() returns its 204 rather than setting it: dropped, the request ended in "Context is not
      // finalized" and a browser refused every cross-origin call after the failed preflight.
      const answered = await options.preflight(c, next);
      if (answered) c.res = answered;
    } else await next();
    if (!direct) {
      const headers = c.res.headers;
      for (const [name, value] of options.headers) if (!headers.has(name)) headers.set(name, value);
      if (!headers.has('X-Request-Id')) headers.set('X-Request-Id', requestId);
      if (cors && !preflight) {
        if (allowOrigin) headers.set('Access-Control-Allow-Origin', allowOrigin);
        headers.set('Access-Control-Expose-Headers', expose);
        headers.append('Vary', 'Origin');
      }
    }
    requestLog()[level](
      {
        requestId,
        method: c.req.method,
        path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        user: c.get('principal')?.userId,
      },
      'request',
    );
  };
}
