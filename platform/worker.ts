// Builds the Temporal workers of this app: one per capability task queue, all sharing one ORM, one
// mailer and one connection. scripts/worker.ts runs them; tests create them the same way.
import { fileURLToPath } from 'node:url';
import type { LogLevel, LogMetadata } from '@temporalio/common';
import { type NativeConnection, Runtime, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { entityManagerScope } from '../activities/context.ts';
import { createActivities } from '../activities/index.ts';
import type { Orm } from '../db/orm.ts';
import { type Config, TASK_QUEUES } from './config.ts';
import type { Logger } from './logger.ts';
import type { Mailer } from './mail.ts';

/** A file path, not a module specifier: webpack resolves it, and `.ts` imports inside it. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * Workflows kept in memory between tasks. A registry sync lives seconds, so a few hundred cover
 * bursts while keeping the worker's heap small; evicted ones are rebuilt by replay.
 */
export const MAX_CACHED_WORKFLOWS = 200;

export interface WorkerDeps {
  config: Config;
  orm: Orm;
  mailer: Mailer;
  connection: NativeConnection;
  /** A prebuilt bundle (tests, images); without it each worker bundles WORKFLOWS_PATH at start. */
  bundle?: WorkflowBundleOption;
  /** Tests poll their own queues so that parallel test files never take each other's tasks. */
  taskQueues?: Partial<Record<keyof typeof TASK_QUEUES, string>>;
}

export interface WorkerGroup {
  workers: Worker[];
  /** Resolves when every worker has stopped; if one fails, the others are shut down too. */
  run(): Promise<void>;
  /** Stops polling, lets running tasks finish within the grace time, then waits for run(). */
  shutdown(): Promise<void>;
}

export async function createWorkers(deps: WorkerDeps): Promise<WorkerGroup> {
  const { config, orm, mailer, connection, bundle } = deps;
  const taskQueues = { ...TASK_QUEUES, ...deps.taskQueues };
  const activities = createActivities({ orm, mailer, config });
  const common = {
    connection,
    namespace: config.temporal.namespace,
    ...(bundle ? { workflowBundle: bundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities,
    interceptors: { activity: [entityManagerScope(orm)] },
    maxCachedWorkflows: MAX_CACHED_WORKFLOWS,
    // Each activity holds at most one pooled connection at a time; more slots would only queue on the pool.
    maxConcurrentActivityTaskExecutions: config.database.poolMax,
    shutdownGraceTime: '20s',
  };
  const registry = await Worker.create({ ...common, taskQueue: taskQueues.registry });
  // Meetings live for weeks and mostly sleep on timers: their own queue lets a deployment scale
  // notice sending without touching registry syncs.
  const meetings = await Worker.create({ ...common, taskQueue: taskQueues.meetings });
  // Register reviews sleep for weeks between a handful of steps: their own queue keeps a backlog
  // of meeting notices from delaying a reviewer's decision.
  const register = await Worker.create({ ...common, taskQueue: taskQueues.register });
  // Contracts wait weeks for signatures and a tax-registration term; their queue keeps a slow
  // verifier or tax authority from delaying anything else.
  const contracts = await Worker.create({ ...common, taskQueue: taskQueues.contracts });
  // Appeals are many and mostly asleep on their deadlines; their own queue scales with them.
  const appeals = await Worker.create({ ...common, taskQueue: taskQueues.appeals });
  // Commissionings wait weeks for a passport and signatures; their queue keeps a slow cadastre
  // from delaying anything else.
  const commissioning = await Worker.create({ ...common, taskQueue: taskQueues.commissioning });
  return group([registry, meetings, register, contracts, appeals, commissioning]);
}

/**
 * Creates the workers and runs them in the background, for processes that host other things too
 * (`npm start`). A worker that dies is logged; the caller's shutdown() still completes.
 */
export async function runWorkers(deps: WorkerDeps & { logger: Logger }): Promise<WorkerGroup> {
  const workers = await createWorkers(deps);
  workers.run().catch((err: unknown) => deps.logger.error({ err }, 'Temporal worker stopped with an error'));
  return workers;
}

function group(workers: Worker[]): WorkerGroup {
  let running: Promise<void> | undefined;
  const stopAll = () => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  };
  return {
    workers,
    run() {
      running ??= Promise.all(
        workers.map((w) =>
          w.run().catch((err: unknown) => {
            stopAll();
            throw err;
          }),
        ),
      ).then(() => undefined);
      return running;
    },
    async shutdown() {
      stopAll();
      await running?.catch(() => undefined);
    },
  };
}

/**
 * Routes the SDK's logs into pino, and leaves signal handling to the process entry: by default
 * the SDK would shut workers down on SIGINT itself, racing our own ordered shutdown.
 */
export function installTemporalRuntime(logger: Logger): void {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const method = level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
    logger[method](meta ?? {}, message);
  };
  Runtime.install({
    shutdownSignals: [],
    logger: {
      log,
      trace: (m, meta) => log('TRACE', m, meta),
      debug: (m, meta) => log('DEBUG', m, meta),
      info: (m, meta) => log('INFO', m, meta),
      warn: (m, meta) => log('WARN', m, meta),
      error: (m, meta) => log('ERROR', m, meta),
    },
  });
}
