// Assembles the HTTP API from capability routers. Cross-cutting concerns (request ids, logs,
// CORS, errors as problem+json) live here once; routers only describe their endpoints.
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { UPLOAD_PATH } from './appeals/appeals.ts';
import { open311Routes } from './appeals/open311.ts';
import { appealsRoutes } from './appeals/routes.ts';
import { mountPaymentRoutes } from './billing/payments.ts';
import { commissioningRoutes } from './commissioning/routes.ts';
import { contractsRoutes } from './contracts/routes.ts';
import { devRoutes } from './dev/routes.ts';
import { docsRoutes } from './docs/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { meetingsRoutes } from './meetings/routes.ts';
import { HttpProblem, problemResponse } from './problem.ts';
import { registerRoutes } from './register/routes.ts';
import { IMPORT_MAX_BYTES, IMPORT_PATH_PREFIX } from './registry/import-routes.ts';
import { registryRoutes } from './registry/routes.ts';
import { registrySyncRoutes } from './registry/sync-routes.ts';
import { demoRoutes, widgetRoutes } from './static.ts';
import type { AppDeps, AppEnv } from './types.ts';

export const API_VERSION = '0.1.0';

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const allowed = new Set(deps.config.corsOrigins);

  app.use('*', requestId(), async (c, next) => {
    c.set('deps', deps);
    const started = performance.now();
    await next();
    deps.logger.info(
      {
        requestId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        user: c.get('principal')?.userId,
      },
      'request',
    );
  });
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false }));
  const corsAllowed = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Accept-Language', 'X-Filename'],
    exposeHeaders: ['X-Request-Id', 'Location', 'X-Content-SHA256'],
    maxAge: 600,
  });
  app.use('/api/*', corsAllowed);
  app.use('/open311/*', corsAllowed);
  const limit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => problemResponse(c, 413, 'the request body exceeds 1 MiB'),
  });
  // A file upload may be as large as the appeal policy allows, and no larger.
  const maxUpload = deps.config.appeals.policy.attachments.maxBytes;
  const uploadLimit = bodyLimit({
    maxSize: maxUpload,
    onError: (c) => problemResponse(c, 413, `the file exceeds ${maxUpload} bytes`),
  });
  // A bulk import file is a whole district's registry, up to 20 MiB.
  const importLimit = bodyLimit({
    maxSize: IMPORT_MAX_BYTES,
    onError: (c) => problemResponse(c, 413, `the file exceeds ${IMPORT_MAX_BYTES} bytes`),
  });
  app.use('/api/*', (c, next) => {
    if (c.req.path === UPLOAD_PATH) return uploadLimit(c, next);
    if (c.req.method === 'POST' && c.req.path.startsWith(IMPORT_PATH_PREFIX)) return importLimit(c, next);
    return limit(c, next);
  });

  app.route('/', healthRoutes);
  app.route('/api/v1', registryRoutes);
  app.route('/api/v1', registrySyncRoutes);
  app.route('/api/v1', meetingsRoutes);
  app.route('/api/v1', registerRoutes);
  app.route('/api/v1', contractsRoutes);
  app.route('/api/v1', appealsRoutes);
  app.route('/api/v1', commissioningRoutes);
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
  app.onError((err, c) => {
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
