// `node scripts/record-billing-history.ts month receipts daily`: runs the named billing scenarios on
// a throwaway stack (test PostgreSQL, Temporal dev server), each on a database of its own, and saves
// their event histories as JSON under tests/billing/fixtures, which tests/billing/replay.test.ts and
// tests/billing/daily-replay.test.ts (the daily/ folder) replay against the current workflow code.
// Record anew only on purpose, naming the scenario: after a deliberate, versioned change
// (patched()), keep the old fixtures and add new ones. `--out DIR` writes the histories under DIR
// instead, to try a scenario without touching the fixtures.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { postTransfers } from '../db/billing/ledger.ts';
import { suspendMonth } from '../db/billing/terms.ts';
import { startWorkflow, workflowHandle } from '../platform/workflow-client.ts';
import { charge, owners, payment, startDaily } from '../tests/billing/debtors-support.ts';
import { amended, concluded, createDistrict, registerForBilling } from '../tests/billing/fixtures.ts';
import { startBillingHarness } from '../tests/billing/harness.ts';
import { createTestDatabase, startTestPostgres } from '../tests/support/database.ts';
import { selectScenarios, writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import type { WorkerHarness } from '../tests/support/worker-harness.ts';
import {
  billingAccrualWorkflow,
  billingAccrualWorkflowId,
  billingMonthWorkflow,
  billingMonthWorkflowId,
} from '../workflows/billing/contract.ts';

const FIXTURES = fileURLToPath(new URL('../tests/billing/fixtures/', import.meta.url));
const PERIOD = '2027-03';

interface Scenario {
  /** The scenario's database label, and its folder under the fixtures ('' for the fixtures themselves). */
  label: string;
  dir: string;
  run(h: WorkerHarness): Promise<Record<string, History>>;
}

const SCENARIOS: Record<string, Scenario> = {
  /** One month's accrual: billingMonth and its billingAccrual child in batches of two apartments, and a re-run. */
  month: {
    label: 'record_billing',
    dir: '',
    async run(h) {
      const d = await createDistrict(h.orm);
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
      for (const x of [a, b, c]) await registerForBilling(h.orm, x.buildingId);
      for (const x of [a, b, c]) {
        const contractId = await concluded(h.orm, {
          buildingId: x.buildingId,
          organizationId: org,
          from: '2027-01-01',
          to: '2028-01-01',
          somPerM2: 1500,
        });
        if (x === b)
          await amended(h.orm, {
            buildingId: x.buildingId,
            organizationId: org,
            contractId,
            from: '2027-03-16',
            to: '2028-01-01',
            somPerM2: 1700,
          });
      }
      await suspendMonth(h.orm.em.fork(), {
        buildingId: c.buildingId,
        period: PERIOD,
        rule: 'quarterly_report',
        reason: 'no report for 2026 Q4',
      });
      const month = await startWorkflow(h.client, billingMonthWorkflow, {
        args: [{ period: PERIOD, batchSize: 2 }],
        taskQueue: h.taskQueue,
        workflowId: billingMonthWorkflowId(PERIOD),
      });
      await month.result();
      const child = workflowHandle(
        h.client,
        billingAccrualWorkflow,
        billingAccrualWorkflowId(d.districtId, PERIOD),
      );
      // The same month again, as a re-run: the history of a run that posts nothing new.
      const rerun = await startWorkflow(h.client, billingAccrualWorkflow, {
        args: [{ districtId: d.districtId, period: PERIOD, batchSize: 5000 }],
        taskQueue: h.taskQueue,
        workflowId: `${billingAccrualWorkflowId(d.districtId, PERIOD)}:rerun`,
      });
      await rerun.result();
      return {
        'billing-month': await month.fetchHistory(),
        'billing-accrual-district': await child.fetchHistory(),
        'billing-accrual-rerun': await rerun.fetchHistory(),
      };
    },
  },

  /**
   * A district's month with the steps the accrual runs after its batches since receipts were added
   * (patched 'billing-receipts-after-accrual': the revenue sources' charges, then every owner's
   * receipt mailed with its PDF). The month's fixtures stay: they replay the path without these steps.
   */
  receipts: {
    label: 'record_billing_receipts',
    dir: '',
    async run(h) {
      const d = await createDistrict(h.orm);
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
      await registerForBilling(h.orm, b.buildingId);
      await concluded(h.orm, {
        buildingId: b.buildingId,
        organizationId: org,
        from: '2027-01-01',
        to: '2028-01-01',
        somPerM2: 1500,
      });
      const em = h.orm.em.fork();
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
      const run = await startWorkflow(h.client, billingAccrualWorkflow, {
        args: [{ districtId: d.districtId, period: PERIOD, batchSize: 2 }],
        taskQueue: h.taskQueue,
        workflowId: billingAccrualWorkflowId(d.districtId, PERIOD),
      });
      const summary = await run.result();
      // Every owner's receipt goes to notifications, whatever channels the owner has.
      if (summary.receipts.made !== 3 || summary.receipts.mailed !== 3)
        throw new Error(
          `expected 3 receipts, 3 handed to notifications: ${JSON.stringify(summary.receipts)}`,
        );
      return { 'billing-accrual-receipts': await run.fetchHistory() };
    },
  },

  /** The daily run through a handover day, in batches of one: penalties for two debtors, two owners blocked. */
  daily: {
    label: 'record_billing_history',
    dir: 'daily',
    async run(h) {
      const { buildingId, list } = await owners(h, 3);
      for (const o of list) await charge(h, o, buildingId, '2027-03', 1_000_000);
      await postTransfers(h.orm.em.fork(), [payment(list[0]!, 1_000_000, '2027-03-10')]);
      const handle = await startDaily(h, '2027-03-16', 'record', 1);
      const summary = await handle.result();
      if (summary.totals.blocked !== 2 || summary.totals.penaltyTransfers !== 4)
        throw new Error(`unexpected run: ${JSON.stringify(summary.totals)}`);
      return { 'billing-daily-handover': await handle.fetchHistory() };
    },
  },
};

const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
if (positionals.length === 0)
  throw new Error(`name the scenarios to record: ${Object.keys(SCENARIOS).join(', ')}`);
const selected = selectScenarios(SCENARIOS, positionals);
const root = values.out ? path.resolve(values.out) : FIXTURES;

const [postgres, temporal] = await Promise.all([startTestPostgres(), startTestTemporal()]);
try {
  // One database each: the daily run charges penalties on every debt it finds, the month's too.
  for (const scenario of selected) {
    const db = await createTestDatabase(postgres, scenario.label);
    const h = await startBillingHarness({ databaseUrl: db.url, temporalAddress: temporal.address });
    try {
      await writeHistories(path.join(root, scenario.dir), [await scenario.run(h)]);
    } finally {
      await h.stop();
      await db.drop();
    }
  }
} finally {
  await Promise.all([temporal.stop(), postgres.stop()]);
}
// Everything is written and stopped; exit even if a stopped client still holds the event loop, as
// the daily recorder always did.
process.exit(0);
