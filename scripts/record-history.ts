// `node scripts/record-history.ts`: runs the registry-sync workflow on a throwaway stack (test
// database, Temporal dev server, SMTP catcher) and saves each run's event history as JSON under
// tests/registry/fixtures. tests/registry/replay.test.ts replays them against the current workflow
// code, so a change that would break runs in flight fails CI. Record anew only on purpose: after a
// deliberate, versioned change (patched()), keep the old fixtures and add new ones.
import { fileURLToPath } from 'node:url';
import { startWorkflow } from '../platform/workflow-client.ts';
import { CONSISTENT, createBuilding, DISCREPANT } from '../tests/registry/buildings.ts';
import { startRegistryHarness } from '../tests/registry/harness.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import { registrySyncWorkflow, registrySyncWorkflowId } from '../workflows/registry/contract.ts';

const OUT = fileURLToPath(new URL('../tests/registry/fixtures/', import.meta.url));
const SCENARIOS = { 'sync-building-discrepant': DISCREPANT, 'sync-building-consistent': CONSISTENT };

const [db, temporal] = await Promise.all([scratchDatabase('record_history'), startTestTemporal()]);
const harness = await startRegistryHarness({ databaseUrl: db.url, temporalAddress: temporal.address });
try {
  for (const [name, spec] of Object.entries(SCENARIOS)) {
    const { buildingId } = await createBuilding(harness.orm, spec);
    const handle = await startWorkflow(harness.client, registrySyncWorkflow, {
      args: [{ buildingId }],
      taskQueue: harness.taskQueue,
      workflowId: registrySyncWorkflowId(buildingId),
    });
    await handle.result();
    await writeHistories(OUT, [{ [name]: await handle.fetchHistory() }]);
  }
} finally {
  await harness.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
