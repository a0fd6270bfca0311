// `node scripts/record-billing-receipts-history.ts`: records a district's month with the steps the
// accrual runs after its batches since receipts were added (patched 'billing-receipts-after-accrual':
// the revenue sources' charges, then every owner's receipt mailed with its PDF) and saves the
// history as tests/billing/fixtures/billing-accrual-receipts.json for tests/billing/replay.test.ts.
// The fixtures recorded before the change stay: they replay the path without these steps.
import { fileURLToPath } from 'node:url';
import { startWorkflow } from '../platform/workflow-client.ts';
import { concluded, createDistrict, registerForBilling } from '../tests/billing/fixtures.ts';
import { startBillingHarness } from '../tests/billing/harness.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import { billingAccrualWorkflow, billingAccrualWorkflowId } from '../workflows/billing/contract.ts';

const OUT = fileURLToPath(new URL('../tests/billing/fixtures/', import.meta.url));
const PERIOD = '2027-03';

const [db, temporal] = await Promise.all([scratchDatabase('record_billing_receipts'), startTestTemporal()]);
const harness = await startBillingHarness({ databaseUrl: db.url, temporalAddress: temporal.address });
try {
  const d = await createDistrict(harness.orm);
  const org = await d.organization();
  const b = await d.building([
    {
      number: '1',
      area: 62.45,
      shares: [
        [1, 2],
        [1, 2],
      ],
    },
    { number: '2', area: 40, shares: [[1, 1]] },
  ]);
  await registerForBilling(harness.orm, b.buildingId);
  await concluded(harness.orm, {
    buildingId: b.buildingId,
    organizationId: org,
    from: '2027-01-01',
    to: '2028-01-01',
    somPerM2: 1500,
  });
  const em = harness.orm.em.fork();
  await em.execute(`update person set email = 'owner-' || id || '@example.uz' where id = ?`, [
    b.ownerIds[1]![0],
  ]);
  await em.execute(
    `insert into billing_revenue_source (id, building_id, kind, party_name, party_id, contract_number,
       monthly_charge, valid_from, valid_to, created_by_user_id, idempotency_key, request_sha256, created_at, updated_at)
     values (gen_random_uuid(), ?, 'lightweight_structure', 'Kiosk', '301234567', 'YK-1', 50000000, '2027-02-10', null,
             gen_random_uuid(), 'record-source', ?, now(), now())`,
    [b.buildingId, '0'.repeat(64)],
  );
  const run = await startWorkflow(harness.client, billingAccrualWorkflow, {
    args: [{ districtId: d.districtId, period: PERIOD, batchSize: 2 }],
    taskQueue: harness.taskQueue,
    workflowId: billingAccrualWorkflowId(d.districtId, PERIOD),
  });
  const summary = await run.result();
  if (summary.receipts.made !== 3 || summary.receipts.mailed !== 1)
    throw new Error(`expected 3 receipts, 1 mailed: ${JSON.stringify(summary.receipts)}`);
  await writeHistories(OUT, [{ 'billing-accrual-receipts': await run.fetchHistory() }]);
} finally {
  await harness.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
