// The API process on its own, as a deployment runs it (docker-compose.yml): every service is
// external and configured; migrations are applied before it listens.

import { createApp } from '../api/app.ts';
import { createTokenVerifier } from '../api/auth/verifier.ts';
import { listen } from '../api/server.ts';
import { createOrm, migrateUp } from '../db/orm.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { connectClient } from '../platform/temporal.ts';

const config = loadConfig();
const log = createLogger(config, 'api');
if (!config.database.url) throw new Error('DATABASE_URL is required (npm start embeds one for development)');

const orm = await createOrm({ url: config.database.url, poolMax: config.database.poolMax });
await migrateUp(orm);
const temporal = await connectClient(config, undefined, { lazy: true });
const app = createApp({
  config,
  orm,
  logger: log,
  verifyToken: await createTokenVerifier(config.auth),
  temporal,
});
const server = await listen(app, config.host, config.port);
log.info({ url: server.url }, 'API listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    log.info({ signal }, 'shutting down');
    await server.close();
    await temporal.connection.close();
    await orm.close();
    process.exit(0);
  });
}
