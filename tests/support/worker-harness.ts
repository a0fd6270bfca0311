// The workers wired exactly as in production (scripts/lib/worker.ts), against a real Temporal server,
// a real database and a real SMTP catcher, on task queues of their own. Each capability's harness
// (tests/registry/harness.ts, tests/meetings/workflow-harness.ts) says only what differs: its
// configuration, its queue names and how much mail it keeps. Tests that already have an ORM (the
// API's) start just the workers on it with startWorkers.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { startOutboxDispatcher } from '../../activities/mail/dispatcher.ts';
import { startNotificationDispatcher } from '../../activities/notifications/dispatcher.ts';
import { notificationAdapters } from '../../activities/notifications/start.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { type Config, loadConfig } from '../../platform/config.ts';
import { createMailer, type MailCatcher, type Mailer, startMailCatcher } from '../../platform/mail.ts';
import { createWorkers, type WorkerDeps } from '../../scripts/lib/worker.ts';
import { quietSdkLogs } from './sdk-logs.ts';
import { workflowBundle } from './workflow-bundle.ts';

export interface RunningWorkers {
  mailer: Mailer;
  catcher: MailCatcher;
  /** Shuts the workers down, then closes their connection, the mailer and the catcher (not the ORM). */
  stop(): Promise<void>;
}

export interface WorkersOptions {
  config: Config;
  /** The caller's; startWorkers never closes it. */
  orm: Orm;
  temporalAddress: string;
  taskQueues: WorkerDeps['taskQueues'];
  /** How many mails the catcher keeps (its default when omitted). */
  mailLimit?: number;
}

/** Workers on the caller's ORM, mailing to an SMTP catcher of their own. */
export async function startWorkers(opts: WorkersOptions): Promise<RunningWorkers> {
  quietSdkLogs();
  const [catcher, bundle, connection] = await Promise.all([
    startMailCatcher(opts.mailLimit === undefined ? { port: 0 } : { port: 0, limit: opts.mailLimit }),
    workflowBundle(),
    NativeConnection.connect({ address: opts.temporalAddress }),
  ]);
  const mailer = createMailer(opts.config, catcher.url);
  const workers = await createWorkers({
    config: opts.config,
    orm: opts.orm,
    mailer,
    connection,
    bundle,
    taskQueues: opts.taskQueues,
  });
  const running = workers.run();
  // As in a worker process (scripts/lib/dispatchers.ts): notices queued through notifications
  // are sent by its dispatcher, their mail by the outbox's; passes a quarter second apart.
  const notifications = startNotificationDispatcher({
    orm: opts.orm,
    policy: opts.config.notifications.policy,
    adapters: notificationAdapters(opts.config),
    intervalMs: 250,
  });
  const outbox = startOutboxDispatcher({
    orm: opts.orm,
    mailer,
    from: opts.config.mail.from,
    ...opts.config.mail.outbox,
    intervalMs: 250,
  });
  return {
    mailer,
    catcher,
    async stop() {
      await notifications.stop();
      await outbox.stop();
      await workers.shutdown();
      await running.catch(() => undefined);
      await connection.close();
      mailer.close();
      await catcher.stop();
    },
  };
}

export interface WorkerHarness {
  config: Config;
  orm: Orm;
  mailer: Mailer;
  catcher: MailCatcher;
  client: Client;
  /** The queue the capability's workflows are started on. */
  taskQueue: string;
  stop(): Promise<void>;
}

export interface WorkerHarnessOptions {
  databaseUrl: string;
  temporalAddress: string;
  /** Environment for loadConfig beyond NODE_ENV=test and LOG_LEVEL=warn. */
  env: Record<string, string>;
  /** The harness's task queue is `<prefix>-<random uuid>`. */
  taskQueuePrefix: string;
  /** The workers' queues, given the harness's task queue. */
  taskQueues: (taskQueue: string) => WorkerDeps['taskQueues'];
  /** How many mails the catcher keeps (its default when omitted). */
  mailLimit?: number;
}

/** An ORM of its own, the workers on it and a client to start workflows with. */
export async function startWorkerHarness(opts: WorkerHarnessOptions): Promise<WorkerHarness> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ...opts.env });
  const taskQueue = `${opts.taskQueuePrefix}-${randomUUID()}`;
  const [orm, connection] = await Promise.all([
    createOrm({ url: opts.databaseUrl, poolMax: config.database.poolMax }),
    Connection.connect({ address: opts.temporalAddress }),
  ]);
  const workers = await startWorkers({
    config,
    orm,
    temporalAddress: opts.temporalAddress,
    taskQueues: opts.taskQueues(taskQueue),
    ...(opts.mailLimit === undefined ? {} : { mailLimit: opts.mailLimit }),
  });
  return {
    config,
    orm,
    mailer: workers.mailer,
    catcher: workers.catcher,
    client: new Client({ connection, namespace: config.temporal.namespace }),
    taskQueue,
    async stop() {
      await workers.stop();
      await connection.close();
      await orm.close();
    },
  };
}
