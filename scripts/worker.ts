// `npm run worker`: the Temporal worker process on its own (containers, scaling out). It connects
// to TEMPORAL_ADDRESS, or to the local dev server that `npm start` runs, and stops in order on
// SIGINT/SIGTERM: stop polling, finish running tasks, then close Temporal, mail and database,
// within SHUTDOWN_GRACE_MS.
import { createOrm } from '../db/orm.ts';
import { ensureBillingDailySchedule, ensureBillingSchedule } from '../platform/billing-schedule.ts';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { createMailer } from '../platform/mail.ts';
import { ensureReportsSchedule } from '../platform/reports-schedule.ts';
import { exitOnSignals, runShutdown } from '../platform/shutdown.ts';
import { connectClient, connectWorkerConnection } from '../platform/temporal.ts';
import { startDispatchers } from './lib/dispatchers.ts';
import { createWorkers, installTemporalRuntime } from './lib/worker.ts';

const config = loadConfig();
const log = createLogger(config, 'worker');
if (!config.database.url) {
  log.fatal('DATABASE_URL is required for the worker');
  process.exit(1);
}
installTemporalRuntime(log);

// Outside production, mail goes to the catcher that `npm start` runs, unless SMTP_URL says otherwise.
const devCatcher = config.env === 'production' ? undefined : `smtp://127.0.0.1:${config.mail.catcherPort}`;
const mailer = createMailer(config, devCatcher);
const orm = await createOrm({
  url: config.database.url,
  poolMax: config.database.poolMax,
  timeouts: config.database,
  applicationName: 'mening-uyim-worker',
});
const connection = await connectWorkerConnection(config);
const workers = await createWorkers({ config, orm, mailer, connection });
// Every worker process makes sure the monthly accrual's schedule exists and is up to date.
const client = await connectClient(config);
log.info(`monthly accrual schedule ${await ensureBillingSchedule(client, config)}`);
log.info(`daily billing schedule ${await ensureBillingDailySchedule(client, config)}`);
log.info(`quarterly reports schedule ${await ensureReportsSchedule(client, config)}`);
await client.connection.close();
const dispatchers = startDispatchers({ config, orm, mailer, logger: log });

// Stop polling and let running activities finish, then close what they used: all within the grace
// period, however broken the database or Temporal is by then.
const steps = () => [
  { name: 'temporal workers', run: () => workers.shutdown() },
  ...dispatchers.stops,
  { name: 'temporal connection', run: () => connection.close() },
  { name: 'mailer', run: async () => mailer.close() },
  { name: 'database pool', run: () => orm.close() },
];
let stopping = false;
exitOnSignals(
  () => {
    stopping = true;
    return steps();
  },
  config.shutdownGraceMs,
  log,
);

const address = config.temporal.address ?? `127.0.0.1:${config.temporal.devPort}`;
log.info({ address, namespace: config.temporal.namespace }, 'worker polling');
try {
  await workers.run();
} catch (err) {
  log.error({ err }, 'worker failed');
}
// Stopped by a signal: its handler exits. Otherwise a worker failed and the process goes too.
if (!stopping) {
  await runShutdown(steps(), config.shutdownGraceMs, log);
  process.exit(1);
}
