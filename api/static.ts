// The widget bundle and the demo portal. The bundle's path never changes, so portals embed it
// once; an ETag plus a short max-age lets them pick up releases within minutes at no cost.
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import type { AppEnv } from './types.ts';

export const WIDGETS_DIST = fileURLToPath(new URL('../widgets/dist/', import.meta.url));
export const DEMO_DIR = fileURLToPath(new URL('../widgets/demo/', import.meta.url));

let serveWidgets: MiddlewareHandler<AppEnv> | undefined;

export const widgetRoutes = new Hono<AppEnv>()
  .use('*', etag(), async (c, next) => {
    await next();
    // Public code: any portal may load it, whatever the API's CORS allowlist says.
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
  })
  .use('*', (c, next) => {
    // Made on the first request, not at import: `npm start` builds the bundle after importing the
    // app, and serveStatic warns that a missing folder is wrong when it is only not built yet.
    serveWidgets ??= serveStatic({
      root: WIDGETS_DIST,
      rewriteRequestPath: (p) => p.replace(/^\/widgets/, ''),
    });
    return serveWidgets(c, next);
  });

export const demoRoutes = new Hono<AppEnv>().use('*', serveStatic({ root: DEMO_DIR, index: 'index.html' }));
