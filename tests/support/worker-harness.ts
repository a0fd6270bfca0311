// The workers wired exactly as in production (scripts/lib/worker.ts), against a real Temporal server,
// a real database and a real SMTP catcher, on task queues of their own. Each capability's harness
// (tests/registry/harness.ts, tests/meetings/workflow-harness.ts) says only what differs: its
// configuration, its queue names and how much mail it keeps. Tests that already have an ORM (the
// API's) start just the workers on it with startWorkers.
//
// The notifications and mail-outbox dispatchers beside the workers send whatever is due in their
// database. On the suite's shared database they would claim other test files' queued messages and
// send them to this file's catcher, so there the harness starts none: a file that waits for its
// notices to go out runs on a database of its own (ownDatabase), where they are all its own.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { startOutboxDispatcher } from '../../activities/mail/dispatcher.ts';
import { startNotificationDispatcher } from '../../activities/notifications/dispatcher.ts';
import { notificationAdapters } from '../../activities/notifications/start.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { type Config, loadConfig } from '../../platform/config.ts';
import { createMailer, type MailCatcher, type Mailer, startMailCatcher } from '../../platform/mail.ts';
import { createWorkers, type WorkerDeps } from '../../scripts/lib/worker.ts';
import { createTestDatabase, type TestDatabase, withOrm } from './database.ts';
import { quietSdkLogs } from './sdk-logs.ts';
import { workflowBundle } from './workflow-bundle.ts';

export interface WorkersOptions {
  config: Config;
  /** The caller's; startWorkers never closes it. */
  orm: Orm;
  temporalAddress: string;
  taskQueues: WorkerDeps['taskQueues'];
  /** How many mails the catcher keeps (its default when omitted). */
  mailLimit?: number;
  /**
   * Whether the dispatchers run beside the workers: by default on a database of the file's own and
   * never on the suite's shared one; `true` on the shared database is refused.
   */
  dispatchers?: boolean;
}

export interface RunningWorkers {
  mailer: Mailer;
  catcher: MailCatcher;
  /** Whether the notifications and outbox dispatchers run beside these workers. */
  dispatching: boolean;
  /** Shuts the workers down, then closes their connection, the mailer and the catcher (not the ORM). */
  stop(): Promise<void>;
}

/** The suite's shared database's name, or null outside vitest (history recorders use their own). */
function sharedDatabaseName(): string | null {
  try {
    return new URL(inject('databaseUrl')).pathname.replace(/^\//, '') || null;
  } catch {
    return null;
  }
}

/** True when `orm` is connected to the database every test file shares. */
export async function onSharedDatabase(orm: Orm): Promise<boolean> {
  const shared = sharedDatabaseName();
  if (!shared) return false;
  const [row] = await orm.em
    .fork()
    .getConnection()
    .execute<{ name: string }[]>('select current_database() as name');
  return row?.name === shared;
}

async function dispatchersWanted(opts: WorkersOptions): Promise<boolean> {
  const shared = await onSharedDatabase(opts.orm);
  if (shared && opts.dispatchers === true)
    throw new Error(
      "dispatchers on the suite's shared database would send other files' messages: give the file a database of its own (ownDatabase)",
    );
  return opts.dispatchers ?? !shared;
}

/** Workers on the caller's ORM, mailing to an SMTP catcher of their own. */
export async function startWorkers(opts: WorkersOptions): Promise<RunningWorkers> {
  quietSdkLogs();
  const dispatching = await dispatchersWanted(opts);
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
  const notifications = dispatching
    ? startNotificationDispatcher({
        orm: opts.orm,
        policy: opts.config.notifications.policy,
        adapters: notificationAdapters(opts.config),
        intervalMs: 250,
      })
    : null;
  const outbox = dispatching
    ? startOutboxDispatcher({
        orm: opts.orm,
        mailer,
        from: opts.config.mail.from,
        ...opts.config.mail.outbox,
        intervalMs: 250,
      })
    : null;
  return {
    mailer,
    catcher,
    dispatching,
    async stop() {
      await notifications?.stop();
      await outbox?.stop();
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
  /** As WorkersOptions.dispatchers. */
  dispatchers?: boolean;
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
    ...(opts.dispatchers === undefined ? {} : { dispatchers: opts.dispatchers }),
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

/**
 * A database of the file's own (dropped by its drop()), with the demo seeded when the file signs
 * in as the demo's personas: the place for a file whose notices must go out (see above).
 */
export async function ownDatabase(label: string, opts: { demo?: boolean } = {}): Promise<TestDatabase> {
  const db = await createTestDatabase(inject('postgres'), label);
  if (opts.demo) await withOrm(db.url, (orm) => seedDemo(orm, loadConfig({}).demo));
  return db;
}
