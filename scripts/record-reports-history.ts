// `node scripts/record-reports-history.ts [scenario…]`: runs the quarterly reports' workflows on a
// throwaway stack (test PostgreSQL, Temporal dev server) and saves their event histories under
// tests/reports/fixtures for tests/reports/replay.test.ts. Scenarios: a past quarter's missing
// report stopped and then entered, the current quarter's report entered on time, and the
// quarter's fan-out. Record anew only on purpose: after a deliberate, versioned change
// (patched()), keep the old fixtures and add new ones.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { actOnReport } from '../db/reports/repository.ts';
import { tashkentDate } from '../domain/calendar/working-days.ts';
import { DEFAULT_REPORT_POLICY as P } from '../domain/reports/policy.ts';
import { firstDayOf, quarterOf } from '../domain/reports/quarters.ts';
import { startWorkflow } from '../platform/workflow-client.ts';
import { type ManagedBuilding, managedBuilding, workContent } from '../tests/reports/fixtures.ts';
import { until } from '../tests/support/api-client.ts';
import { createTestDatabase, startTestPostgres } from '../tests/support/database.ts';
import { selectScenarios, writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import { startWorkerHarness, type WorkerHarness } from '../tests/support/worker-harness.ts';
import {
  reportEnteredSignal,
  reportQuarterStateQuery,
  reportQuarterWorkflow,
  reportQuarterWorkflowId,
  reportsQuarterStartWorkflow,
} from '../workflows/reports/contract.ts';

const OUT = fileURLToPath(new URL('../tests/reports/fixtures/', import.meta.url));

async function enter(h: WorkerHarness, b: ManagedBuilding, quarter: string, doneOn: string) {
  const base = {
    buildingId: b.buildingId,
    quarter,
    organizationId: b.organizationId,
    userId: randomUUID(),
    requestSha256: 'a'.repeat(64),
    policy: P,
  };
  await actOnReport(h.orm.em.fork(), {
    ...base,
    command: { type: 'save_draft', content: workContent(doneOn) },
    requestId: randomUUID(),
  });
  await actOnReport(h.orm.em.fork(), { ...base, command: { type: 'submit' }, requestId: randomUUID() });
}

async function quarterRun(
  h: WorkerHarness,
  quarter: string,
  doneOn: string,
  ready: (s: { suspendedThrough: string | null; entered: boolean }) => boolean,
) {
  const b = await managedBuilding(h.orm, { from: '2026-07-01' });
  const handle = await startWorkflow(h.client, reportQuarterWorkflow, {
    args: [{ buildingId: b.buildingId, quarter, policy: P }],
    taskQueue: h.taskQueue,
    workflowId: reportQuarterWorkflowId(b.buildingId, quarter),
  });
  await until('the workflow waiting', async () =>
    ready(await handle.query(reportQuarterStateQuery)) ? true : undefined,
  );
  await enter(h, b, quarter, doneOn);
  await handle.signal(reportEnteredSignal);
  await handle.result();
  return handle.fetchHistory();
}

const SCENARIOS = {
  late: async (h: WorkerHarness) => ({
    'report-quarter-late': await quarterRun(h, '2026-Q3', '2026-08-15', (s) => s.suspendedThrough !== null),
  }),
  'on-time': async (h: WorkerHarness) => {
    const quarter = quarterOf(tashkentDate(Date.now()));
    return { 'report-quarter-on-time': await quarterRun(h, quarter, firstDayOf(quarter), (s) => !s.entered) };
  },
  'fan-out': async (h: WorkerHarness) => {
    for (let i = 0; i < 3; i++) await managedBuilding(h.orm);
    const handle = await startWorkflow(h.client, reportsQuarterStartWorkflow, {
      args: [{ quarter: '2026-Q2', batchSize: 2, policy: P }],
      taskQueue: h.taskQueue,
      workflowId: `reports-quarter-record-${randomUUID()}`,
    });
    await handle.result();
    const history = await handle.fetchHistory();
    const ids = await h.orm.em
      .fork()
      .execute<{ id: string }[]>(`select id from building where management_organization_id is not null`);
    for (const { id } of ids)
      await h.client.workflow.getHandle(reportQuarterWorkflowId(id, '2026-Q2')).terminate('recorded');
    return { 'reports-quarter-start': history };
  },
};

const scenarios = selectScenarios(SCENARIOS, process.argv.slice(2));
const [postgres, temporal] = await Promise.all([startTestPostgres(), startTestTemporal()]);
const db = await createTestDatabase(postgres, 'record_reports_history');
const h = await startWorkerHarness({
  databaseUrl: db.url,
  temporalAddress: temporal.address,
  env: { DATABASE_POOL_MAX: '4' },
  taskQueuePrefix: 'reports-record',
  taskQueues: (taskQueue) => ({ reports: taskQueue }),
});
try {
  const recorded = [];
  for (const run of scenarios) recorded.push(await run(h));
  await writeHistories(OUT, recorded);
} finally {
  await h.stop();
  await db.drop();
  await Promise.all([temporal.stop(), postgres.stop()]);
}
process.exit(0);
