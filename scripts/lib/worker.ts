// The app's Temporal workers: one per task queue in TASK_QUEUES, all sharing one ORM, one mailer,
// one connection and the same activities. This is process wiring, not an adapter, so it lives with
// the entry points that run it (scripts/start.ts, scripts/worker.ts); tests and benchmarks build
// their workers through it too, so they run exactly the production wiring.
import { fileURLToPath } from 'node:url';
import type { LogLevel, LogMetadata } from '@temporalio/common';
import { type NativeConnection, Runtime, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { entityManagerScope } from '../../activities/context.ts';
import { createActivities } from '../../activities/index.ts';
import type { Orm } from '../../db/orm.ts';
import { type Config, TASK_QUEUES } from '../../platform/config.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Mailer } from '../../platform/mail.ts';

/** A file path, not a module specifier: webpack resolves it, and `.ts` imports inside it. */
export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

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
    // Running activities get half the process's grace period, then are cancelled (and retried by
    // another worker): the rest is for closing connections.
    shutdownGraceTime: Math.max(100, Math.floor(config.shutdownGraceMs / 2)),
  };
  const workers: Worker[] = [];
  for (const taskQueue of Object.values(taskQueues)) {
    workers.push(await Worker.create({ ...common, taskQueue }));
  }
  return group(workers);
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
 * Routes the SDK's logs, its core's included, into pino, and leaves signal handling to the process entry: by default
 * the SDK would shut workers down on SIGINT itself, racing our own ordered shutdown.
 */
export function installTemporalRuntime(logger: Logger): void {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const method = level === 'TRACE' ? 'trace' : (level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
    logger[method](meta ?? {}, message);
  };
  Runtime.install({
    shutdownSignals: [],
    // The SDK's core writes its own warnings straight to the console in its own format unless
    // they are forwarded: through pino they read like every other line (pretty or JSON).
    telemetryOptions: { logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } } },
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
