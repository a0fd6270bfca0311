// Everything the vote benchmark runs against, started in this process and torn down in reverse:
// a throwaway database seeded with the demo district (on DATABASE_URL's server, else on an
// embedded PostgreSQL with the same durability settings as `npm start`'s), a Temporal dev server on free
// ports with a temp data dir, an SMTP sink, the production worker (with its outbox dispatcher)
// and the production API on a free port.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startOutboxDispatcher } from '../activities/mail/dispatcher.ts';
import { createApp } from '../api/app.ts';
import { type DevTokenIssuer, loadDevTokenIssuer } from '../api/auth/dev-keys.ts';
import { createTokenVerifier } from '../api/auth/verifier.ts';
import { listen } from '../api/server.ts';
import { createDatabase, dropDatabase, serverAddress, withDatabase } from '../db/database-url.ts';
import { createOrm, migrateUp, type Orm } from '../db/orm.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.ts';
import { freePort } from '../platform/local-server.ts';
import { createLogger } from '../platform/logger.ts';
import { createMailer } from '../platform/mail.ts';
import { connectClient, connectWorkerConnection, startDevServer } from '../platform/temporal.ts';
import { loadTriageModel } from '../platform/triage/model.ts';
import { createWorkers } from '../scripts/lib/worker.ts';

export interface Stack {
  config: Config;
  databaseUrl: string;
  /** The API's own ORM: the benchmark reads through a separate one so it does not steal connections. */
  orm: Orm;
  client: Client;
  /** The dev server's address, for a benchmark's own workers. */
  temporalAddress: string;
  issuer: DevTokenIssuer;
  apiUrl: string;
  /** Messages the SMTP sink has accepted so far (notices, receipts, results). */
  mailSent(): number;
  stop(): Promise<void>;
}

/**
 * Accepts and counts mail without parsing it: production sends to an external SMTP server, so the
 * development catcher's MIME parsing would only steal this process's CPU from the API.
 */
async function startMailSink(): Promise<{ url: string; received: () => number; stop: () => Promise<void> }> {
  const { SMTPServer } = await import('smtp-server');
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received++;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface StackOptions {
  /** A server to create the benchmark's database on; unset: an embedded one in the stack's folder. */
  adminUrl?: string;
  apartments: number;
  seed: number;
  policy: object;
  apiPoolMax: number;
  say: (line: string) => void;
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => opts.say(`cleanup: ${String(err)}`));
  };
  try {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mu-bench-'));
    stops.push(() => rm(dataDir, { recursive: true, force: true }));
    const [devPort, uiPort] = [await freePort(), await freePort()];
    const config = loadConfig({
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      TEMPORAL_DEV_PORT: String(devPort),
      TEMPORAL_UI_PORT: String(uiPort),
      TEMPORAL_CLI_PATH: process.env.TEMPORAL_CLI_PATH,
      DATABASE_POOL_MAX: String(opts.apiPoolMax),
      MEETING_POLICY: JSON.stringify(opts.policy),
      // The benchmark is one client address casting every owner's ballot: a deployment's limits
      // are per client, and would only measure themselves here.
      RATE_LIMITS: 'false',
    });

    let admin = opts.adminUrl && withDatabase(opts.adminUrl, 'postgres');
    if (admin) opts.say(`PostgreSQL at ${serverAddress(admin)} (DATABASE_URL)`);
    else {
      const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: await freePort() });
      stops.push(pg.stop);
      admin = pg.adminUrl;
      opts.say(`PostgreSQL ${pg.version} at ${serverAddress(admin)} (embedded)`);
    }
    const name = `mu_bench_${randomBytes(4).toString('hex')}`;
    const databaseUrl = await createDatabase(admin, name);
    stops.push(() => dropDatabase(admin, name));
    opts.say(`database ${name}: migrating and seeding ${opts.apartments} apartments`);
    const seedOrm = await createOrm({ url: databaseUrl, poolMax: 2 });
    try {
      await migrateUp(seedOrm);
      await seedDemo(seedOrm, { seed: opts.seed, apartments: opts.apartments });
    } finally {
      await seedOrm.close();
    }

    opts.say(`Temporal dev server on 127.0.0.1:${devPort}`);
    const dev = await startDevServer(config, { log: () => undefined });
    stops.push(dev.stop);

    try {
      Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
    } catch {
      // Installed already: keep it.
    }
    const sink = await startMailSink();
    stops.push(sink.stop);
    const mailer = createMailer(config, sink.url);
    stops.push(async () => mailer.close());
    const workerOrm = await createOrm({ url: databaseUrl, poolMax: config.database.poolMax });
    stops.push(() => workerOrm.close());
    const connection = await connectWorkerConnection(config, dev.address);
    stops.push(() => connection.close());
    const workers = await createWorkers({ config, orm: workerOrm, mailer, connection });
    const running = workers.run();
    stops.push(async () => {
      await workers.shutdown();
      await running.catch(() => undefined);
    });
    // The worker process also sends the ballot receipts that castBallot leaves in the outbox.
    const outbox = startOutboxDispatcher({
      orm: workerOrm,
      mailer,
      from: config.mail.from,
      ...config.mail.outbox,
    });
    stops.push(outbox.stop);

    const orm = await createOrm({ url: databaseUrl, poolMax: config.database.poolMax });
    stops.push(() => orm.close());
    const client = await connectClient(config, dev.address);
    stops.push(() => client.connection.close());
    const issuer = await loadDevTokenIssuer(dataDir);
    const app = createApp({
      config,
      orm,
      logger: createLogger(config, 'api'),
      triage: loadTriageModel(),
      verifyToken: await createTokenVerifier(config.auth, issuer.publicJwk),
      temporal: client,
      dev: { issuer },
    });
    const server = await listen(app, '127.0.0.1', 0);
    stops.push(server.close);
    return {
      config,
      databaseUrl,
      orm,
      client,
      temporalAddress: dev.address,
      issuer,
      apiUrl: server.url,
      mailSent: sink.received,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
