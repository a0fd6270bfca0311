// A worker wired exactly as in production (scripts/lib/worker.ts), against a real Temporal server,
// a real database and a real SMTP server, on a task queue of its own. Shared by the workflow tests
// and scripts/record-history.ts, so that recorded histories come from the same wiring.
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness.ts';

export type RegistryHarness = WorkerHarness;

export function startRegistryHarness(opts: {
  databaseUrl: string;
  temporalAddress: string;
}): Promise<RegistryHarness> {
  return startWorkerHarness({
    ...opts,
    env: { MAIL_FROM: 'Mening Uyim <no-reply@meninguyim.uz>', DATABASE_POOL_MAX: '4' },
    taskQueuePrefix: 'registry-test',
    // Both queues private: a meetings worker on the shared queue would take other tests' meetings.
    taskQueues: (taskQueue) => ({ registry: taskQueue, meetings: `meetings-${taskQueue}` }),
  });
}
