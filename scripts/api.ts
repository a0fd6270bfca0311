// The API process on its own, as a deployment runs it (docker-compose.yml): every service is
// external and configured; migrations are applied before it listens.

import { createApp } from '../api/app.ts';
import { createTokenVerifier } from '../api/auth/verifier.ts';
import { listen } from '../api/server.ts';
import { createOrm, migrateUp } from '../db/orm.ts';
import { listenForReadChanges } from '../db/read-cache-listener.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { exitOnSignals } from '../platform/shutdown.ts';
import { connectClient } from '../platform/temporal.ts';
import { loadTriageModel } from '../platform/triage/model.ts';

const config = loadConfig();
const log = createLogger(config, 'api');
if (!config.database.url) throw new Error('DATABASE_URL is required (npm start embeds one for development)');

const orm = await createOrm({
  url: config.database.url,
  poolMax: config.database.poolMax,
  timeouts: config.database,
  applicationName: 'mening-uyim-api',
});
await migrateUp(orm);
// The building card and the meeting view answer from memory while this listens (db/read-cache.ts).
const readChanges = listenForReadChanges(orm.em, {
  url: config.database.url,
  applicationName: 'mening-uyim-api',
  log,
});
const temporal = await connectClient(config, undefined, { lazy: true });
const app = createApp({
  config,
  orm,
  logger: log,
  triage: loadTriageModel(),
  verifyToken: await createTokenVerifier(config.auth),
  temporal,
});
const server = await listen(app, config.host, config.port);
log.info({ url: server.url }, 'API listening');

// Stop accepting, let in-flight requests finish, then close Temporal, the listener and the pool: all
// within the grace period, however broken the database or Temporal is by then.
exitOnSignals(
  () => [
    { name: 'http server', run: () => server.close() },
    { name: 'temporal client', run: () => temporal.connection.close() },
    { name: 'read cache listener', run: () => readChanges.stop() },
    { name: 'database pool', run: () => orm.close() },
  ],
  config.shutdownGraceMs,
  log,
);
