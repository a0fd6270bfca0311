// Penalties end to end on the real Temporal dev server and PostgreSQL: nothing on the due day (the
// 15th), one day's penalty on the 16th, 0.1 %/day for an individual and 0.4 %/day for a legal
// entity, a partial payment shrinking the base from the day after it, the 50 % cap, the equal
// split with the odd tiyin to the building, re-runs of the same or an earlier day posting nothing,
// what a receipt shows, and the books balanced after every scenario.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { postTransfers } from '../../db/billing/ledger.ts';
import { penaltiesForReceipt } from '../../db/billing/penalties.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { DEFAULT_BILLING_POLICY } from '../../domain/billing/policy.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { ensureBillingDailySchedule } from '../../platform/billing-schedule.ts';
import { until } from '../support/api-client.ts';
import { expectBalancedBooks } from './books.ts';
import {
  charge,
  type DebtorsWorld,
  ownerAccount,
  owners,
  payment,
  runDaily,
  startDebtorsWorld,
} from './debtors-support.ts';

let w: DebtorsWorld;
const em = () => w.h.orm.em.fork();

beforeAll(async () => {
  w = await startDebtorsWorld('billing-penalties', inject('postgres'), inject('temporalAddress'));
});
afterEach(async () => {
  await expectBalancedBooks(em());
});
afterAll(() => w?.stop());

/** Penalties posted on an owner account for a period: the building's part, the system's part. */
async function posted(o: { ownerId: string; apartmentId: string }, period: string) {
  const rows = await em().execute<{ building: string; system: string; n: number }[]>(
    `select coalesce(sum(amount) filter (where credit_account_id <> 'system/upkeep'), 0)::text as building,
            coalesce(sum(amount) filter (where credit_account_id = 'system/upkeep'), 0)::text as system,
            count(*)::int as n
       from ledger_transfer where kind = 'penalty' and debit_account_id = ? and period = ?`,
    [ownerAccount(o.ownerId, o.apartmentId), period],
  );
  return { building: Number(rows[0]!.building), system: Number(rows[0]!.system), transfers: rows[0]!.n };
}

const legalEntity = (ownerId: string) =>
  em().execute(
    `insert into billing_payer_kind (owner_id, kind, updated_at) values (?, 'legal_entity', now())`,
    [ownerId],
  );

describe('penalties through the daily run', () => {
  it('charges nothing on the 15th, a day on the 16th at each payer kind’s rate, split equally', async () => {
    const P = '2027-03';
    const { buildingId, list } = await owners(w.h, 2);
    const [person, company] = list as [(typeof list)[0], (typeof list)[0]];
    await legalEntity(company.ownerId);
    await charge(w.h, person, buildingId, P, 1_001_000);
    await charge(w.h, company, buildingId, P, 1_000_000);

    const due = await runDaily(w.h, '2027-03-15');
    expect(due.totals.penaltyTransfers).toBe(0);
    expect(await posted(person, P)).toEqual({ building: 0, system: 0, transfers: 0 });

    const first = await runDaily(w.h, '2027-03-16');
    // 1 001 000 × 0.1 % = 1001: the system's half rounded down, the odd tiyin to the building.
    expect(await posted(person, P)).toEqual({ building: 501, system: 500, transfers: 2 });
    // 1 000 000 × 0.4 % = 4000.
    expect(await posted(company, P)).toEqual({ building: 2000, system: 2000, transfers: 2 });
    expect(first.totals.penaltyAmount).toBe(5001);
    const revenue = accountId({ kind: 'revenue', buildingId, revenue: 'penalties' });
    const [bal] = await em().execute<{ balance: string }[]>(
      `select balance::text from ledger_account where id = ?`,
      [revenue],
    );
    expect(Number(bal!.balance)).toBe(-2501);

    const again = await runDaily(w.h, '2027-03-16', 'again');
    expect(again.totals.penaltyTransfers).toBe(0);
    expect(await posted(person, P)).toEqual({ building: 501, system: 500, transfers: 2 });
  });

  it('shrinks the base after a partial payment and never posts an earlier day again', async () => {
    const P = '2027-04';
    const { buildingId, list } = await owners(w.h, 1);
    const o = list[0]!;
    await charge(w.h, o, buildingId, P, 1_001_000);
    await postTransfers(em(), [payment(o, 501_000, '2027-04-18')]);
    await runDaily(w.h, '2027-04-16');
    expect(await posted(o, P)).toMatchObject({ building: 501, system: 500 });
    await runDaily(w.h, '2027-04-20');
    // Days 16–18 on 1 001 000 (the day of payment counts), 19–20 on 500 000: 3003 + 1000.
    expect(await posted(o, P)).toEqual({ building: 2002, system: 2001, transfers: 4 });
    const receipt = await penaltiesForReceipt(em(), o.ownerId, '2027-04-20', DEFAULT_BILLING_POLICY);
    expect(receipt).toEqual([
      { apartmentId: o.apartmentId, period: P, daysLate: 5, amount: 4003, capped: false, posted: 4003 },
    ]);
    const earlier = await runDaily(w.h, '2027-04-18', 'late');
    expect(earlier.totals.penaltyTransfers).toBe(0);
    expect(await posted(o, P)).toEqual({ building: 2002, system: 2001, transfers: 4 });
  });

  it('charges nothing when paid on the 15th and one day when paid on the 16th', async () => {
    const P = '2027-05';
    const { buildingId, list } = await owners(w.h, 2);
    const [onTime, nextDay] = list as [(typeof list)[0], (typeof list)[0]];
    await charge(w.h, onTime, buildingId, P, 2_000_000);
    await charge(w.h, nextDay, buildingId, P, 2_000_000);
    await postTransfers(em(), [
      payment(onTime, 2_000_000, '2027-05-15'),
      payment(nextDay, 2_000_000, '2027-05-16'),
    ]);
    await runDaily(w.h, '2027-05-16');
    await runDaily(w.h, '2027-05-30');
    expect(await posted(onTime, P)).toEqual({ building: 0, system: 0, transfers: 0 });
    expect(await posted(nextDay, P)).toEqual({ building: 1000, system: 1000, transfers: 2 });
  });

  it('stops at 50 % of the month’s overdue amount', async () => {
    const P = '2027-06';
    const { buildingId, list } = await owners(w.h, 2);
    const [person, company] = list as [(typeof list)[0], (typeof list)[0]];
    await legalEntity(company.ownerId);
    await charge(w.h, person, buildingId, P, 1_000_000);
    await charge(w.h, company, buildingId, P, 1_000_000);
    // 124 days late: 0.4 % × 124 = 49.6 %, under the cap.
    await runDaily(w.h, '2027-10-17');
    expect(await posted(company, P)).toMatchObject({ building: 248_000, system: 248_000 });
    // 127 days: 50.8 % uncapped, so 50 %; the individual's 12.7 % is not capped.
    await runDaily(w.h, '2027-10-20');
    expect(await posted(company, P)).toMatchObject({ building: 250_000, system: 250_000 });
    expect(await posted(person, P)).toMatchObject({ building: 63_500, system: 63_500 });
    const later = await runDaily(w.h, '2027-12-31');
    expect(await posted(company, P)).toEqual({ building: 250_000, system: 250_000, transfers: 4 });
    const receipt = await penaltiesForReceipt(em(), company.ownerId, '2027-12-31', DEFAULT_BILLING_POLICY);
    expect(receipt).toMatchObject([{ period: P, amount: 500_000, capped: true, posted: 500_000 }]);
    expect(later.totals.penaltyTransfers).toBeGreaterThan(0); // the individual's still grows
  });
});

describe('the daily schedule', () => {
  it('runs billingDaily every day at 00:30 in Tashkent with the configured catch-up window', async () => {
    const scheduleId = `billing-daily-test-${randomUUID()}`;
    const opts = { scheduleId, taskQueue: w.h.taskQueue };
    expect(await ensureBillingDailySchedule(w.h.client, w.h.config, opts)).toBe('created');
    expect(await ensureBillingDailySchedule(w.h.client, w.h.config, opts)).toBe('updated');
    const handle = w.h.client.schedule.getHandle(scheduleId);
    try {
      const d = await handle.describe();
      expect(d.spec.timezone).toBe('Asia/Tashkent');
      expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 0 }], minute: [{ start: 30 }] });
      expect(d.policies.catchupWindow).toBe(w.h.config.billing.daily.catchupWindowMs);
      expect(d.action).toMatchObject({
        workflowType: 'billingDaily',
        args: [{ batchSize: w.h.config.billing.daily.batchSize }],
      });
      // Started by the schedule, the run takes its day from its start in Tashkent.
      await handle.trigger();
      const started = await until(
        'the triggered run',
        async () => (await handle.describe()).info.recentActions[0],
      );
      const summary = await w.h.client.workflow.getHandle(started.action.workflow.workflowId).result();
      expect(summary.date).toBe(tashkentDate(started.takenAt.getTime()));
    } finally {
      await handle.delete();
    }
  });
});
