// PostgreSQL for a laptop without PostgreSQL: PGlite (Postgres compiled to WASM, in this process)
// persisted under <dataDir>/pglite and served on 127.0.0.1:<port> over the ordinary wire
// protocol, so pg, MikroORM and psql connect to it like to any server.
//
// Concurrency, as measured with @electric-sql/pglite-socket 0.2.17 (see
// tests/registry/embedded-postgres.test.ts):
// - PGlite is ONE backend session. pglite-socket's server defaults to maxConnections = 1 and
//   refuses a second socket outright (the client sees "Connection terminated unexpectedly").
// - With more connections allowed, every socket is multiplexed onto that one session: statements
//   never run in parallel, a transaction holds everybody else until it ends, and session state
//   (SET, temporary tables, LISTEN, the unnamed prepared statement) is shared by all sockets.
// - Its queue can interleave one client's Parse and Bind with another client's query (reproduced),
//   so we serve sockets ourselves through pglite-socket's public handler and our StickyQueryQueue.
// So several processes (API, worker, a seed script, psql) may connect at once and are served one
// protocol sequence at a time. createOrm keeps each process at one pooled connection here.
// Only one process may open a data directory: PGlite has no cross-process locking.
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import { EMBEDDED_PARAM, EMBEDDED_VALUE } from './database-url.ts';
import { StickyQueryQueue } from './pglite-queue.ts';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 picks a free port; the URL carries the real one. */
  port: number;
  /** Sockets served at once; more are refused. Default 16: API + worker + scripts + psql. */
  maxConnections?: number;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dir = path.join(opts.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const queue = new StickyQueryQueue(db);
  const maxConnections = opts.maxConnections ?? 16;
  const handlers = new Set<PGLiteSocketHandler>();

  const server: Server = createServer((socket) => {
    if (handlers.size >= maxConnections) {
      socket.destroy();
      return;
    }
    // The handler only calls enqueue / clearQueueForHandler / clearTransactionIfNeeded; its
    // option is typed with pglite-socket's unexported queue class, hence the cast.
    const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('embedded postgres: no TCP address');

  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres?${EMBEDDED_PARAM}=${EMBEDDED_VALUE}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...handlers].map((h) => h.detach(true)));
      handlers.clear();
      await closed;
      // Closing checkpoints the data directory; skipping it risks recovery on the next start.
      await db.close();
    },
  };
}
