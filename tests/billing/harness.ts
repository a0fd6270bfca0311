// Workers wired as in production on a billing queue of their own, for the accrual tests and the
// history recorder.
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness.ts';

export function startBillingHarness(opts: {
  databaseUrl: string;
  temporalAddress: string;
  env?: Record<string, string>;
}): Promise<WorkerHarness> {
  return startWorkerHarness({
    databaseUrl: opts.databaseUrl,
    temporalAddress: opts.temporalAddress,
    env: { DATABASE_POOL_MAX: '4', ...opts.env },
    taskQueuePrefix: 'billing-test',
    taskQueues: (taskQueue) => ({ billing: taskQueue }),
  });
}
