// `node scripts/record-billing-history.ts`: runs one month's accrual (billingMonth and its
// billingAccrual child, in batches of two apartments so the history has several) on a throwaway
// stack and saves both histories as JSON under tests/billing/fixtures, which
// tests/billing/replay.test.ts replays against the current workflow code. Record anew only on
// purpose: after a deliberate, versioned change (patched()), keep the old fixtures and add new ones.
import { fileURLToPath } from 'node:url';
import { suspendMonth } from '../db/billing/terms.ts';
import { startWorkflow, workflowHandle } from '../platform/workflow-client.ts';
import { amended, concluded, createDistrict, registerForBilling } from '../tests/billing/fixtures.ts';
import { startBillingHarness } from '../tests/billing/harness.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import {
  billingAccrualWorkflow,
  billingAccrualWorkflowId,
  billingMonthWorkflow,
  billingMonthWorkflowId,
} from '../workflows/billing/contract.ts';

const OUT = fileURLToPath(new URL('../tests/billing/fixtures/', import.meta.url));
const PERIOD = '2027-03';

const [db, temporal] = await Promise.all([scratchDatabase('record_billing'), startTestTemporal()]);
const harness = await startBillingHarness({ databaseUrl: db.url, temporalAddress: temporal.address });
try {
  const d = await createDistrict(harness.orm);
  const org = await d.organization();
  const a = await d.building([
    {
      number: '1',
      area: 33.33,
      shares: [
        [1, 3],
        [1, 3],
        [1, 3],
      ],
    },
    { number: '2', area: 50, shares: [[1, 1]] },
    { number: '3', area: 40, shares: [] },
  ]);
  const b = await d.building([
    {
      number: '1',
      area: 62.45,
      shares: [
        [1, 2],
        [1, 2],
      ],
    },
  ]);
  const c = await d.building([{ number: '1', area: 40, shares: [[1, 1]] }]);
  for (const x of [a, b, c]) await registerForBilling(harness.orm, x.buildingId);
  for (const x of [a, b, c]) {
    const contractId = await concluded(harness.orm, {
      buildingId: x.buildingId,
      organizationId: org,
      from: '2027-01-01',
      to: '2028-01-01',
      somPerM2: 1500,
    });
    if (x === b)
      await amended(harness.orm, {
        buildingId: x.buildingId,
        organizationId: org,
        contractId,
        from: '2027-03-16',
        to: '2028-01-01',
        somPerM2: 1700,
      });
  }
  await suspendMonth(harness.orm.em.fork(), {
    buildingId: c.buildingId,
    period: PERIOD,
    rule: 'quarterly_report',
    reason: 'no report for 2026 Q4',
  });
  const month = await startWorkflow(harness.client, billingMonthWorkflow, {
    args: [{ period: PERIOD, batchSize: 2 }],
    taskQueue: harness.taskQueue,
    workflowId: billingMonthWorkflowId(PERIOD),
  });
  await month.result();
  const child = workflowHandle(
    harness.client,
    billingAccrualWorkflow,
    billingAccrualWorkflowId(d.districtId, PERIOD),
  );
  // The same month again, as a re-run: the history of a run that posts nothing new.
  const rerun = await startWorkflow(harness.client, billingAccrualWorkflow, {
    args: [{ districtId: d.districtId, period: PERIOD, batchSize: 5000 }],
    taskQueue: harness.taskQueue,
    workflowId: `${billingAccrualWorkflowId(d.districtId, PERIOD)}:rerun`,
  });
  await rerun.result();
  await writeHistories(OUT, [
    { 'billing-month': await month.fetchHistory() },
    { 'billing-accrual-district': await child.fetchHistory() },
    { 'billing-accrual-rerun': await rerun.fetchHistory() },
  ]);
} finally {
  await harness.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
