// The electricity block end to end on Temporal, PostgreSQL and the supplier's sandbox over HTTP:
// nobody blocked on the 15th, the debtors (and only they) blocked on the 16th and told the
// supplier once, and a full payment lifting the block at once even while the supplier is down —
// the lift waits in the outbox and reaches the supplier exactly once when it is back.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliverTo, startElectricityDispatcher } from '../../activities/billing/electricity-dispatcher.ts';
import { dispatchElectricity, onOwnerPaid } from '../../db/billing/electricity.ts';
import { postTransfers } from '../../db/billing/ledger.ts';
import { postPayment } from '../../db/billing/payments.ts';
import { addMonths } from '../../domain/billing/period.ts';
import { DEFAULT_BILLING_POLICY } from '../../domain/billing/policy.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { createElectricityClient } from '../../platform/electricity/client.ts';
import { type ElectricitySandbox, startElectricitySandbox } from '../../platform/electricity/sandbox.ts';
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
let supplier: ElectricitySandbox;
const em = () => w.h.orm.em.fork();

beforeAll(async () => {
  [w, supplier] = await Promise.all([
    startDebtorsWorld('billing-electricity', inject('postgres'), inject('temporalAddress')),
    startElectricitySandbox(),
  ]);
});
afterEach(async () => {
  await expectBalancedBooks(em());
});
afterAll(async () => {
  await supplier?.close();
  await w?.stop();
});

/** One dispatcher pass, retrying a failed message at the next pass (no wall-clock pause). */
const dispatch = () =>
  dispatchElectricity(em(), deliverTo(createElectricityClient({ baseUrl: supplier.url, timeoutMs: 5000 })), {
    limit: 50,
    backoffMs: () => 0,
  });

const outbox = (ownerId: string) =>
  em().execute<{ action: string; status: string; attempts: number }[]>(
    `select action, status, attempts from electricity_outbox where owner_id = ? order by id`,
    [ownerId],
  );

describe('the electricity block', () => {
  it('blocks the debtors on the 16th and lifts a block on full payment while the supplier is down', async () => {
    const P = '2027-08';
    const { buildingId, list } = await owners(w.h, 3);
    const [debtor, paid, late] = list as [(typeof list)[0], (typeof list)[0], (typeof list)[0]];
    for (const o of list) await charge(w.h, o, buildingId, P, 3_000_000);
    await postTransfers(em(), [
      payment(paid, 3_000_000, '2027-08-10'),
      payment(late, 1_000_000, '2027-08-12'),
    ]);

    const day15 = await runDaily(w.h, '2027-08-15');
    expect(day15.totals.blocked).toBe(0);
    const day16 = await runDaily(w.h, '2027-08-16');
    expect(day16.totals.blocked).toBe(2);
    expect((await dispatch()).delivered).toBe(2);
    expect([...supplier.blocked].sort()).toEqual([debtor.ownerId, late.ownerId].sort());
    const [request] = supplier.log.filter((l) => l.ownerId === late.ownerId);
    expect(request).toMatchObject({ action: 'block', key: `block:${late.ownerId}:2027-08-16` });

    // Run again the same day: nothing new is recorded or sent.
    const again = await runDaily(w.h, '2027-08-16', 'again');
    expect(again.totals.blocked).toBe(0);
    expect((await dispatch()).claimed).toBe(0);

    // A partial payment lifts nothing; the full payment of the rest does, in its own transaction.
    supplier.failNext(1000, 503);
    await em().transactional(async (tx) => {
      await postTransfers(tx, [payment(debtor, 1_000_000, '2027-08-20')]);
      expect(await onOwnerPaid(tx, debtor.ownerId, DEFAULT_BILLING_POLICY, '2027-08-20')).toBe(false);
    });
    await em().transactional(async (tx) => {
      // The penalty posted on the 16th is not a contribution: it does not keep the block.
      await postTransfers(tx, [payment(debtor, 2_000_000, '2027-08-20')]);
      expect(await onOwnerPaid(tx, debtor.ownerId, DEFAULT_BILLING_POLICY, '2027-08-20')).toBe(true);
    });
    const down = await dispatch();
    expect(down).toMatchObject({ claimed: 1, delivered: 0, failed: 1 });
    expect((await dispatch()).failed).toBe(1);
    expect(supplier.blocked.has(debtor.ownerId)).toBe(true);
    expect(await outbox(debtor.ownerId)).toEqual([
      { action: 'block', status: 'delivered', attempts: 1 },
      { action: 'lift', status: 'pending', attempts: 2 },
    ]);

    // A second payment after the lift records nothing more.
    await em().transactional(async (tx) => {
      await postTransfers(tx, [payment(debtor, 500, '2027-08-21')]);
      expect(await onOwnerPaid(tx, debtor.ownerId, DEFAULT_BILLING_POLICY, '2027-08-21')).toBe(false);
    });

    supplier.clearInjections();
    expect((await dispatch()).delivered).toBe(1);
    expect((await dispatch()).claimed).toBe(0);
    expect(supplier.blocked.has(debtor.ownerId)).toBe(false);
    expect(supplier.blocked.has(late.ownerId)).toBe(true);
    expect(supplier.log.filter((l) => l.ownerId === debtor.ownerId).map((l) => l.action)).toEqual([
      'block',
      'lift',
    ]);
    const [block] = await em().execute<{ status: string }[]>(
      `select status from electricity_block where owner_id = ?`,
      [debtor.ownerId],
    );
    expect(block!.status).toBe('lifted');
  });

  it('lifts on the daily run a block whose debt went without onOwnerPaid, and blocks again next month', async () => {
    const P = '2027-09';
    const { buildingId, list } = await owners(w.h, 1);
    const o = list[0]!;
    await charge(w.h, o, buildingId, P, 700_000);
    expect((await runDaily(w.h, '2027-09-16')).totals.blocked).toBe(1);
    await postTransfers(em(), [payment(o, 700_000, '2027-09-25')]);
    const next = await runDaily(w.h, '2027-09-26');
    expect(next.totals.lifted).toBe(1);
    await charge(w.h, o, buildingId, '2027-10', 700_000);
    expect((await runDaily(w.h, '2027-10-16')).totals.blocked).toBeGreaterThanOrEqual(1);
    expect((await outbox(o.ownerId)).map((r) => r.action)).toEqual(['block', 'lift', 'block']);
    await dispatch();
    expect(supplier.blocked.has(o.ownerId)).toBe(true);
  });

  it('is told by the running dispatcher, which keeps retrying while the supplier is down', async () => {
    const { buildingId, list } = await owners(w.h, 1);
    const o = list[0]!;
    await charge(w.h, o, buildingId, '2027-12', 900_000);
    supplier.failNext(3, 502);
    const dispatcher = startElectricityDispatcher({
      orm: w.h.orm,
      client: createElectricityClient({ baseUrl: supplier.url }),
      intervalMs: 20,
      backoffMs: () => 0,
    });
    try {
      expect((await runDaily(w.h, '2027-12-16')).totals.blocked).toBe(1);
      await until('the block at the supplier', async () => supplier.blocked.has(o.ownerId) || undefined);
      // The supplier records the block before it answers; the outbox row follows its answer.
      await until('the answer recorded', async () =>
        (await outbox(o.ownerId))[0]?.status === 'delivered' ? true : undefined,
      );
      expect(await outbox(o.ownerId)).toEqual([{ action: 'block', status: 'delivered', attempts: 4 }]);
    } finally {
      await dispatcher.stop();
    }
  });

  it('refuses an unknown route and a request without its key at the sandbox, as the contract says', async () => {
    const res = await fetch(`${supplier.url}/v1/blocks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ownerId: 'x', date: '2027-01-16', overdueTiyin: 1, periods: [] }),
    });
    expect(res.status).toBe(400);
    const client = createElectricityClient({ baseUrl: supplier.url });
    await expect(
      client.block({ ownerId: 'x', date: 'bad', overdueTiyin: 1, periods: [] }, 'k-1'),
    ).rejects.toThrow(/validation_failed.*date/);
  });
});

describe('a payment through a provider', () => {
  it('lifts the block in the transaction that posts the payment, and records the day it came in', async () => {
    // Last month, so the block is in the past and the payment (posted today) clears it.
    const today = tashkentDate(Date.now());
    const P = addMonths(today.slice(0, 7), -1);
    const { buildingId, list } = await owners(w.h, 1);
    const debtor = list[0]!;
    await charge(w.h, debtor, buildingId, P, 2_000_000);
    expect((await runDaily(w.h, `${P}-16`, 'provider')).totals.blocked).toBe(1);
    await em().transactional((tx) =>
      postPayment(tx, {
        provider: 'payme',
        providerId: `lift-${debtor.ownerId}`,
        transferId: `payme:lift-${debtor.ownerId}`,
        account: ownerAccount(debtor.ownerId, debtor.apartmentId),
        amount: 2_000_000,
        policy: DEFAULT_BILLING_POLICY,
      }),
    );
    expect((await outbox(debtor.ownerId)).map((m) => m.action)).toEqual(['block', 'lift']);
    const [detail] = await em().execute<{ paid_on: string }[]>(
      `select detail->>'paidOn' as paid_on from ledger_transfer where id = ?`,
      [`payme:lift-${debtor.ownerId}`],
    );
    expect(detail?.paid_on).toBe(today);
  });
});
