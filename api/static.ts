// The widget bundle and the demo portal. The loader's path never changes, so portals embed it
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
    // Public code: any portal may load it, whatever the API's CORS allowlist says, and may see
    // what it cost (resource timing of a cross-origin script reports sizes only with this).
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Timing-Allow-Origin', '*');
    // Chunks carry a content hash in their name, so a release never changes one: cached for good.
    // The loader keeps its one URL and points at the new chunks within minutes of a release.
    c.header(
      'Cache-Control',
      c.req.path.startsWith('/widgets/chunks/')
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=300, stale-while-revalidate=86400',
    );
  })
  .use('*', (c, next) => {
    // Made on the first request, not at import: `npm start` builds the bundle after importing the
    // app, and serveStatic warns that a missing folder is wrong when it is only not built yet.
    serveWidgets ??= serveStatic({
      root: WIDGETS_DIST,
      // The build writes a gzip copy of every script beside it (scripts/lib/vite-bundle-report.ts).
      precompressed: true,
      rewriteRequestPath: (p) => p.replace(/^\/widgets/, ''),
    });
    return serveWidgets(c, next);
  });

export const demoRoutes = new Hono<AppEnv>().use('*', serveStatic({ root: DEMO_DIR, index: 'index.html' }));
