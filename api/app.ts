// Assembles the HTTP API from capability routers. Cross-cutting concerns (request ids, logs,
// CORS, errors as problem+json) live here once; routers only describe their endpoints.
import { OpenAPIHono } from '@hono/zod-openapi';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from '../db/pool.ts';
import { readCacheOf } from '../db/read-cache.ts';
import { UPLOAD_PATH } from './appeals/appeals.ts';
import { open311Routes } from './appeals/open311.ts';
import { appealsRoutes } from './appeals/routes.ts';
import { BANK_STATEMENT_PATH } from './billing/bank-statements.ts';
import { courtAcknowledgePageRoutes } from './billing/court-acknowledge-page.ts';
import { payPageRoutes } from './billing/pay-page.ts';
import { mountPaymentRoutes } from './billing/payments.ts';
import { billingRoutes } from './billing/routes.ts';
import { commissioningRoutes } from './commissioning/routes.ts';
import { contractsRoutes } from './contracts/routes.ts';
import { devRoutes } from './dev/routes.ts';
import { dispatchRoutes } from './dispatch/routes.ts';
import { docsRoutes } from './docs/routes.ts';
import { frame } from './frame.ts';
import { healthRoutes } from './health/routes.ts';
import { concurrentWrite } from './idempotency.ts';
import { type BodyLimit, bodyLimits, rateLimits, securityHeaderList, WRITE_METHODS } from './limits.ts';
import { lotsRoutes } from './lots/routes.ts';
import { meetingsRoutes } from './meetings/routes.ts';
import { inboxRoutes } from './notifications/inbox.ts';
import { mailingsRoutes } from './notifications/mailings.ts';
import { notificationsRoutes } from './notifications/routes.ts';
import { HttpProblem, problemResponse, unavailable } from './problem.ts';
import { EVIDENCE_UPLOAD_PATH } from './register/evidence.ts';
import { registerRoutes } from './register/routes.ts';
import { IMPORT_MAX_BYTES, IMPORT_PATH_PREFIX } from './registry/import-routes.ts';
import { registryRoutes } from './registry/routes.ts';
import { registrySyncRoutes } from './registry/sync-routes.ts';
import { PHOTO_UPLOAD_PATH } from './reports/photos.ts';
import { reportsRoutes } from './reports/routes.ts';
import { demoRoutes, widgetRoutes } from './static.ts';
import type { AppDeps, AppEnv } from './types.ts';

export const API_VERSION = '0.1.0';

/** The headers a page of another origin may read from an API answer. */
const EXPOSE_HEADERS = [
  'X-Request-Id',
  'Location',
  'X-Content-SHA256',
  // The hash of an act's bytes, which a host portal's widget checks before it shows and signs them.
  'X-Document-Sha256',
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
];

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const allowed = new Set(deps.config.corsOrigins);

  const preflight = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept-Language', 'X-Filename'],
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: 600,
  });
  // Request id, security and CORS headers and the log line (api/frame.ts). Preflights go through
  // Hono's cors(); every other API answer gets its CORS headers from the frame, because cors()
  // touches the response before and after the handler in a way that makes @hono/node-server
  // rebuild each answer as a stream.
  app.use(
    '*',
    frame(deps, {
      headers: securityHeaderList(deps),
      corsPath: (path) => path.startsWith('/api/') || path.startsWith('/open311/'),
      corsOrigins: allowed,
      exposeHeaders: EXPOSE_HEADERS,
      preflight,
    }),
  );
  // Read-your-writes: what a write request committed shows on the next read, before the listener
  // has heard of it (db/read-cache.ts ReadCacheState.wrote). Noted before the answer goes; on the
  // write methods only, so a read does not pass through it at all.
  const readCache = readCacheOf(deps.orm.em);
  app.on([...WRITE_METHODS], '*', async (_c, next) => {
    await next();
    readCache.wrote();
  });
  // A file upload may be as large as its policy allows (appeals, reports' photos, register evidence), a bulk import file (a whole
  // district's registry) 20 MiB, a bank statement BANK_STATEMENT_MAX_BYTES; every other body BODY_LIMIT_BYTES. Open311 sets its own, in its format.
  const maxUpload = deps.config.appeals.policy.attachments.maxBytes;
  const limitOf = (c: Context<AppEnv>): BodyLimit => {
    if (c.req.path === UPLOAD_PATH) return { bytes: maxUpload, what: 'the file' };
    if (c.req.method === 'POST' && PHOTO_UPLOAD_PATH.test(c.req.path))
      return { bytes: deps.config.reports.policy.maxPhotoBytes, what: 'the photo' };
    if (c.req.method === 'POST' && EVIDENCE_UPLOAD_PATH.test(c.req.path))
      return { bytes: deps.config.register.policy.evidenceMaxBytes, what: 'the file' };
    if (c.req.method === 'POST' && c.req.path.startsWith(IMPORT_PATH_PREFIX))
      return { bytes: IMPORT_MAX_BYTES, what: 'the file' };
    if (c.req.method === 'POST' && BANK_STATEMENT_PATH.test(c.req.path))
      return { bytes: deps.config.billing.bankStatementMaxBytes, what: 'the statement' };
    return { bytes: deps.config.http.bodyLimitBytes, what: 'the request body' };
  };
  const limitBodies = bodyLimits(limitOf);
  app.use('*', (c, next) => (c.req.path.startsWith('/open311/') ? next() : limitBodies(c, next)));
  for (const limit of rateLimits(deps)) app.use('*', limit);

  app.route('/', healthRoutes);
  app.route('/api/v1', registryRoutes);
  app.route('/api/v1', registrySyncRoutes);
  app.route('/api/v1', meetingsRoutes);
  app.route('/api/v1', registerRoutes);
  app.route('/api/v1', contractsRoutes);
  app.route('/api/v1', appealsRoutes);
  app.route('/api/v1', dispatchRoutes);
  app.route('/api/v1', commissioningRoutes);
  app.route('/api/v1', billingRoutes);
  app.route('/api/v1', reportsRoutes);
  app.route('/api/v1', lotsRoutes);
  app.route('/api/v1', notificationsRoutes(deps));
  app.route('/api/v1', inboxRoutes);
  app.route('/api/v1', mailingsRoutes);
  app.route('/', payPageRoutes);
  app.route('/', courtAcknowledgePageRoutes);
  mountPaymentRoutes(app, '/api/v1');
  // Open311 speaks its own error format and sets its own body limit (api/appeals/open311.ts).
  app.route('/open311/v2', open311Routes);
  if (deps.dev) app.route('/dev', devRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'JWT from the identity provider; claims sub, name, pid, roles, org, district',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Mening Uyim API',
      version: API_VERSION,
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      description:
        'Workflow engine of the Mening Uyim housing-management system. Errors are RFC 9457 problem+json, except under /open311/v2, which answers Open311 GeoReport v2 error arrays.',
    },
    servers: [{ url: deps.config.publicUrl }],
  });
  app.route('/docs', docsRoutes);
  app.route('/widgets', widgetRoutes);
  if (deps.dev) app.route('/', demoRoutes);

  app.notFound((c) => problemResponse(c, 404, `no route for ${c.req.method} ${c.req.path}`));
  app.onError((caught, c) => {
    let err = caught;
    if (isDatabaseUnavailable(err)) {
      deps.logger.warn({ err, requestId: c.var.requestId }, 'database unavailable');
      err = unavailable('the database is unavailable; retry shortly with the same Idempotency-Key');
    }
    if (err instanceof UniqueConstraintViolationException) {
      deps.logger.warn({ err, requestId: c.var.requestId }, 'concurrent duplicate write');
      err = concurrentWrite();
    }
    if (err instanceof HttpProblem)
      return problemResponse(c, err.status, err.message, err.errors, err.headers, err.extensions);
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's validators raise these for unreadable bodies (malformed JSON, wrong content type).
      return problemResponse(c, err.status, err.message, [{ field: 'body', message: err.message }]);
    }
    deps.logger.error({ err, requestId: c.var.requestId }, 'unhandled error');
    return problemResponse(c, 500, `internal error; quote request id ${c.var.requestId} when reporting it`);
  });
  return app;
}
