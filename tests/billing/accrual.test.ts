// The monthly accrual end to end on the real Temporal dev server and PostgreSQL: co-owners' lines
// summing exactly to the apartment's charge, a tariff amended mid-month, administration moving to
// another organization on the new contract's start, a re-run of the month posting nothing twice,
// the gate closing a suspended or unregistered building's month, and the books balanced after
// every scenario.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { balanceOf } from '../../db/billing/ledger.ts';
import { suspendMonth } from '../../db/billing/terms.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { ensureBillingSchedule } from '../../platform/billing-schedule.ts';
import { startWorkflow } from '../../platform/workflow-client.ts';
import { billingAccrualWorkflow, billingAccrualWorkflowId } from '../../workflows/billing/contract.ts';
import type { WorkerHarness } from '../support/worker-harness.ts';
import { expectBalancedBooks } from './books.ts';
import { amended, concluded, createDistrict, registerForBilling } from './fixtures.ts';
import { startBillingHarness } from './harness.ts';

let h: WorkerHarness;
const em = () => h.orm.em.fork();

beforeAll(async () => {
  h = await startBillingHarness({
    databaseUrl: inject('databaseUrl'),
    temporalAddress: inject('temporalAddress'),
  });
});
afterEach(async () => {
  await expectBalancedBooks(em());
});
afterAll(() => h?.stop());

const PERIOD = '2027-03';

async function accrue(districtId: string, batchSize = 2) {
  const handle = await startWorkflow(h.client, billingAccrualWorkflow, {
    args: [{ districtId, period: PERIOD, batchSize }],
    taskQueue: h.taskQueue,
    workflowId: billingAccrualWorkflowId(districtId, PERIOD),
  });
  return handle.result();
}

const owner = (ownerId: string, apartmentId: string) =>
  accountId({ kind: 'owner_receivable', ownerId, apartmentId });

async function lines(apartmentId: string) {
  return em().execute<
    { owner: string; amount: string; organization: string; from: string; tariff: number }[]
  >(
    `select detail->>'ownerId' as owner, amount::text as amount, detail->>'organizationId' as organization,
            detail->>'from' as "from", (detail->>'tiyinPerM2')::int as tariff
       from ledger_transfer where period = ? and detail->>'apartmentId' = ? and kind = 'accrual'
      order by detail->>'from', detail->>'ownerId'`,
    [PERIOD, apartmentId],
  );
}

/** area (0.01 m²) × Σ tariff × days / (100 × 31), rounded half up once: the documented rule. */
function charge(areaHundredths: number, segments: [number, number][]): bigint {
  const num = segments.reduce(
    (s, [tariff, days]) => s + BigInt(areaHundredths) * BigInt(tariff) * BigInt(days),
    0n,
  );
  const den = 100n * 31n;
  return (2n * num + den) / (2n * den);
}

describe('billingAccrual', () => {
  it('charges co-owners by share, summing exactly; prorates a mid-month amendment and a change of organization', async () => {
    const d = await createDistrict(h.orm);
    const [org1, org2] = [await d.organization(), await d.organization()];
    const thirds = await d.building([
      {
        number: '1',
        area: 33.33,
        shares: [
          [1, 3],
          [1, 3],
          [1, 3],
        ],
      },
      {
        number: '2',
        area: 71.1,
        shares: [
          [2, 3],
          [1, 3],
        ],
      },
      { number: '3', area: 40, shares: [[1, 1]] },
    ]);
    const amendedB = await d.building([
      {
        number: '1',
        area: 50,
        shares: [
          [1, 2],
          [1, 2],
        ],
      },
    ]);
    const moved = await d.building([{ number: '1', area: 62.45, shares: [[1, 1]] }]);
    for (const b of [thirds, amendedB, moved]) await registerForBilling(h.orm, b.buildingId);
    await concluded(h.orm, {
      buildingId: thirds.buildingId,
      organizationId: org1,
      from: '2027-01-01',
      to: '2028-01-01',
      somPerM2: 1229,
    });
    const c = await concluded(h.orm, {
      buildingId: amendedB.buildingId,
      organizationId: org1,
      from: '2027-01-01',
      to: '2028-01-01',
      somPerM2: 1500,
    });
    await amended(h.orm, {
      buildingId: amendedB.buildingId,
      organizationId: org1,
      contractId: c,
      from: '2027-03-16',
      to: '2028-01-01',
      somPerM2: 1700,
    });
    await concluded(h.orm, {
      buildingId: moved.buildingId,
      organizationId: org1,
      from: '2026-09-01',
      to: '2027-09-01',
      somPerM2: 1400,
    });
    await concluded(h.orm, {
      buildingId: moved.buildingId,
      organizationId: org2,
      from: '2027-03-10',
      to: '2028-03-10',
      somPerM2: 1600,
    });

    const summary = await accrue(d.districtId);
    expect(summary.gate).toEqual({ open: 3, suspended: 0, unregistered: 0 });
    expect(summary.totals).toMatchObject({
      apartments: 5,
      lines: 3 + 2 + 1 + 4 + 2,
      recorded: 12,
      duplicates: 0,
      skipped: 0,
    });
    expect(summary.totals.batches).toBe(3);

    // Co-owners: three thirds of 33.33 m² × 1,229 so'm, and 2/3 + 1/3 of 71.10 m².
    const first = await lines(thirds.apartmentIds[0]!);
    const total1 = charge(3333, [[122_900, 31]]);
    expect(first.reduce((s, l) => s + BigInt(l.amount), 0n)).toBe(total1);
    const amounts = first.map((l) => Number(l.amount));
    expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
    const second = await lines(thirds.apartmentIds[1]!);
    const total2 = charge(7110, [[122_900, 31]]);
    expect(second.reduce((s, l) => s + BigInt(l.amount), 0n)).toBe(total2);
    const byOwner = new Map(second.map((l) => [l.owner, BigInt(l.amount)]));
    const [twoThirds, oneThird] = thirds.ownerIds[1]!;
    expect(byOwner.get(twoThirds!)! - 2n * byOwner.get(oneThird!)!).toBeGreaterThanOrEqual(-2n);
    expect(byOwner.get(twoThirds!)! - 2n * byOwner.get(oneThird!)!).toBeLessThanOrEqual(2n);
    expect(await balanceOf(em(), owner(oneThird!, thirds.apartmentIds[1]!))).toBe(byOwner.get(oneThird!));

    // Amended on the 16th: 15 days at 1,500 and 16 at 1,700, split in halves.
    const halves = await lines(amendedB.apartmentIds[0]!);
    expect(halves.map((l) => [l.from, l.tariff])).toEqual([
      ['2027-03-01', 150_000],
      ['2027-03-01', 150_000],
      ['2027-03-16', 170_000],
      ['2027-03-16', 170_000],
    ]);
    expect(halves.reduce((s, l) => s + BigInt(l.amount), 0n)).toBe(
      charge(5000, [
        [150_000, 15],
        [170_000, 16],
      ]),
    );

    // The new organization takes over on the 10th: 9 days with the first, 22 with the second.
    const movedLines = await lines(moved.apartmentIds[0]!);
    expect(movedLines.map((l) => [l.organization, l.from, l.tariff])).toEqual([
      [org1, '2027-03-01', 140_000],
      [org2, '2027-03-10', 160_000],
    ]);
    expect(movedLines.reduce((s, l) => s + BigInt(l.amount), 0n)).toBe(
      charge(6245, [
        [140_000, 9],
        [160_000, 22],
      ]),
    );
    const revenue = accountId({ kind: 'revenue', buildingId: moved.buildingId, revenue: 'contributions' });
    expect(await balanceOf(em(), revenue)).toBe(
      -charge(6245, [
        [140_000, 9],
        [160_000, 22],
      ]),
    );

    // The same month again: every line is already there, nothing moves.
    const before = await balanceOf(em(), revenue);
    const again = await accrue(d.districtId, 5_000);
    expect(again.totals).toMatchObject({ apartments: 5, lines: 12, recorded: 0, duplicates: 12 });
    expect(await balanceOf(em(), revenue)).toBe(before);
    const [count] = await em().execute<{ n: number }[]>(
      `select count(*)::int as n from ledger_transfer t join building b on b.id = t.building_id
        where b.district_id = ? and t.period = ?`,
      [d.districtId, PERIOD],
    );
    expect(count!.n).toBe(12);
  });

  it('closes the month of a suspended or unregistered building at the gate, and names apartments it cannot charge', async () => {
    const d = await createDistrict(h.orm);
    const org = await d.organization();
    const suspended = await d.building([{ number: '1', area: 40, shares: [[1, 1]] }]);
    const unregistered = await d.building([{ number: '1', area: 40, shares: [[1, 1]] }]);
    const broken = await d.building([
      { number: '1', area: 40, shares: [[1, 2]] },
      { number: '2', area: 40, shares: [] },
      { number: '3', area: 40, shares: [[1, 1]] },
    ]);
    for (const b of [suspended, broken]) await registerForBilling(h.orm, b.buildingId);
    for (const b of [suspended, unregistered, broken])
      await concluded(h.orm, {
        buildingId: b.buildingId,
        organizationId: org,
        from: '2027-01-01',
        to: '2028-01-01',
        somPerM2: 1300,
      });
    await suspendMonth(em(), {
      buildingId: suspended.buildingId,
      period: PERIOD,
      rule: 'quarterly_report',
      reason: 'no report for 2026 Q4',
    });

    const summary = await accrue(d.districtId);
    expect(summary.gate).toEqual({ open: 1, suspended: 1, unregistered: 1 });
    expect(summary.totals).toMatchObject({ apartments: 3, lines: 1, recorded: 1, skipped: 2 });
    expect(summary.problems).toHaveLength(2);
    expect(summary.problems.join('\n')).toMatch(/add up to 1\/2/);
    expect(summary.problems.join('\n')).toMatch(/at least one owner/);
    const [month] = await em().execute<{ status: string; reason: string }[]>(
      `select status, reason from billing_month where building_id = ? and period = ?`,
      [suspended.buildingId, PERIOD],
    );
    expect(month).toEqual({ status: 'suspended', reason: 'quarterly_report: no report for 2026 Q4' });
    const [none] = await em().execute<{ n: number }[]>(
      `select count(*)::int as n from ledger_transfer where building_id in (?, ?)`,
      [suspended.buildingId, unregistered.buildingId],
    );
    expect(none!.n).toBe(0);
  });

  it('refuses a month that is not a month', async () => {
    const handle = await startWorkflow(h.client, billingAccrualWorkflow, {
      args: [{ districtId: randomUUID(), period: '2027-13', batchSize: 10 }],
      taskQueue: h.taskQueue,
      workflowId: `billing-accrual-bad-${randomUUID()}`,
    });
    await expect(handle.result()).rejects.toMatchObject({ cause: { type: 'BillingInvalidInput' } });
  });
});

describe('the monthly schedule', () => {
  it('starts billingMonth on the 1st at 00:05 in Tashkent with the configured catch-up window, and is kept up to date', async () => {
    const scheduleId = `billing-month-test-${randomUUID()}`;
    const opts = { scheduleId, taskQueue: h.taskQueue };
    expect(await ensureBillingSchedule(h.client, h.config, opts)).toBe('created');
    expect(await ensureBillingSchedule(h.client, h.config, opts)).toBe('updated');
    const handle = h.client.schedule.getHandle(scheduleId);
    try {
      const d = await handle.describe();
      expect(d.spec.timezone).toBe('Asia/Tashkent');
      expect(d.spec.calendars?.[0]).toMatchObject({
        dayOfMonth: [{ start: 1 }],
        hour: [{ start: 0 }],
        minute: [{ start: 5 }],
      });
      expect(d.policies.catchupWindow).toBe(h.config.billing.accrual.catchupWindowMs);
      expect(d.action).toMatchObject({
        workflowType: 'billingMonth',
        args: [{ batchSize: h.config.billing.accrual.batchSize }],
      });
    } finally {
      await handle.delete();
    }
  });
});
