// The Click SHOP API end to end: the sandbox posts Prepare and Complete to our endpoints over
// HTTP as Click does, on real PostgreSQL. Every error code, replays, reordering, lost answers and
// a sandbox that dies mid-call; after each scenario the books balance and the owner's balance is
// exactly what was paid.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { clickTransferId } from '../../db/billing/click.ts';
import { startClickSandbox } from '../../platform/payments/click-sandbox.ts';
import { expectBalancedBooks } from './books.ts';
import {
  allocationsOf,
  CLICK_SERVICE_ID,
  type PaymentStack,
  startPaymentStack,
  TOTAL_OWED,
  transfersOf,
} from './payment-fixtures.ts';

let s: PaymentStack;
beforeAll(async () => {
  s = await startPaymentStack(inject('postgres'), 'billing_click');
});
afterAll(() => s?.close());
afterEach(() => expectBalancedBooks(s.orm.em.fork()));

const prepare = (clickTransId: string, account: string, amount: number, override = {}) =>
  s.click.post('prepare', s.click.form({ clickTransId, account, amount, action: '0' }, override));
const complete = (
  clickTransId: string,
  account: string,
  amount: number,
  prepareId: unknown,
  o: { error?: number; override?: Record<string, string> } = {},
) =>
  s.click.post(
    'complete',
    s.click.form(
      { clickTransId, account, amount, action: '1', prepareId: String(prepareId), error: o.error },
      o.override,
    ),
  );

describe('a payment', () => {
  it('prepares, completes once, settles the oldest debt first and answers a repeated Complete −4', async () => {
    const o = await s.owner();
    const id = s.click.newId();
    const prepared = await prepare(id, o.number, 150_000);
    expect(prepared).toMatchObject({ error: 0, click_trans_id: id, merchant_prepare_id: expect.any(Number) });
    const completed = await complete(id, o.number, 150_000, prepared.merchant_prepare_id);
    expect(completed).toMatchObject({ error: 0, merchant_confirm_id: expect.any(Number) });
    expect(await allocationsOf(s.orm, clickTransferId(id))).toMatchObject({
      allocations: [
        { period: '2026-10', kind: 'contribution', amount: 100_000 },
        { period: '2026-11', kind: 'contribution', amount: 50_000 },
      ],
      advance: 0,
    });
    expect(await complete(id, o.number, 150_000, prepared.merchant_prepare_id)).toMatchObject({ error: -4 });
    expect(await prepare(id, o.number, 150_000)).toMatchObject({ error: -4 });
    const transfers = await transfersOf(s.orm, clickTransId(id));
    expect(transfers).toHaveLength(1);
    // From Click's clearing account of the owner's building.
    expect(transfers[0]!.debit).toBe(`clearing/click/${o.buildingId}`);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 150_000));
  });

  it('answers a repeated Prepare as before and keeps an overpayment as an advance', async () => {
    const o = await s.owner();
    const paid = await s.click.pay({ account: o.number, amount: 300_000, replays: 2 });
    expect(paid.error).toBe(0);
    const id = String(paid.click_trans_id);
    expect(await allocationsOf(s.orm, clickTransferId(id))).toMatchObject({ advance: 75_000 });
    expect(await transfersOf(s.orm, clickTransId(id))).toHaveLength(1);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 300_000));
  });

  it('posts once under concurrent Completes and lost answers', async () => {
    const o = await s.owner();
    const id = s.click.newId();
    const prepared = await prepare(id, o.number, 50_000);
    const form = s.click.form({
      clickTransId: id,
      account: o.number,
      amount: 50_000,
      action: '1',
      prepareId: String(prepared.merchant_prepare_id),
    });
    const lost = await Promise.allSettled(
      Array.from({ length: 4 }, () => s.click.post('complete', form, { timeoutMs: 1 })),
    );
    const replies = await Promise.all(Array.from({ length: 6 }, () => s.click.post('complete', form)));
    expect(replies.every((r) => r.error === -4 || r.error === 0)).toBe(true);
    expect(lost.length).toBe(4);
    expect(await transfersOf(s.orm, clickTransId(id))).toHaveLength(1);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 50_000));
  });

  it('posts once when the sandbox dies mid-Complete and a restarted Click completes again', async () => {
    const o = await s.owner();
    const dying = await startClickSandbox({
      merchantUrl: `${s.server.url}/api/v1/payments/click`,
      serviceId: CLICK_SERVICE_ID,
      secretKey: 'sandbox-click-secret-1',
    });
    const id = dying.newId();
    const prepared = await dying.post(
      'prepare',
      dying.form({ clickTransId: id, account: o.number, amount: 90_000, action: '0' }),
    );
    const form = dying.form({
      clickTransId: id,
      account: o.number,
      amount: 90_000,
      action: '1',
      prepareId: String(prepared.merchant_prepare_id),
    });
    const lost = dying.post('complete', form);
    dying.die();
    await expect(lost).rejects.toThrow();
    await dying.close();
    const again = await s.click.post('complete', form);
    expect([0, -4]).toContain(again.error);
    expect(await transfersOf(s.orm, clickTransId(id))).toHaveLength(1);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 90_000));
  });
});

describe('error codes', () => {
  it('−1: a signature not made with our secret, or altered after signing', async () => {
    const o = await s.owner();
    expect(await prepare(s.click.newId(), o.number, 10_000, { sign_string: 'a'.repeat(32) })).toMatchObject({
      error: -1,
      error_note: 'SIGN CHECK FAILED!',
    });
    expect(await prepare(s.click.newId(), o.number, 10_000, { amount: '1.00' })).toMatchObject({ error: -1 });
    const forged = await startClickSandbox({
      merchantUrl: `${s.server.url}/api/v1/payments/click`,
      serviceId: CLICK_SERVICE_ID,
      secretKey: 'not-our-secret',
    });
    expect(await forged.pay({ account: o.number, amount: 10_000 })).toMatchObject({ error: -1 });
    await forged.close();
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED));
  });

  it('−2 for an amount we do not take or not the prepared one; −3 for the wrong action; −5 for an unknown account', async () => {
    const o = await s.owner();
    expect(await prepare(s.click.newId(), o.number, 50)).toMatchObject({ error: -2 });
    const id = s.click.newId();
    const prepared = await prepare(id, o.number, 20_000);
    expect(await complete(id, o.number, 20_001, prepared.merchant_prepare_id)).toMatchObject({ error: -2 });
    const wrongAction = await s.click.post(
      'prepare',
      s.click.form({
        clickTransId: s.click.newId(),
        account: o.number,
        amount: 10_000,
        action: '1',
        prepareId: '1',
      }),
    );
    expect(wrongAction).toMatchObject({ error: -3 });
    expect(await prepare(s.click.newId(), '9999999998', 10_000)).toMatchObject({ error: -5 });
    expect(await prepare(s.click.newId(), (await s.unregisteredOwner()).number, 10_000)).toMatchObject({
      error: -5,
    });
    expect(await complete(id, o.number, 20_000, prepared.merchant_prepare_id)).toMatchObject({ error: 0 });
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 20_000));
  });

  it('−6 for a Complete without our Prepare or with another prepare id; −8 for a malformed request', async () => {
    const o = await s.owner();
    expect(await complete(s.click.newId(), o.number, 10_000, 123)).toMatchObject({ error: -6 });
    const id = s.click.newId();
    const prepared = await prepare(id, o.number, 10_000);
    expect(await complete(id, o.number, 10_000, Number(prepared.merchant_prepare_id) + 1)).toMatchObject({
      error: -6,
    });
    const res = await fetch(`${s.server.url}/api/v1/payments/click/prepare`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'click_trans_id=5&amount=100',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ error: -8, click_trans_id: '5' });
    expect(await prepare(s.click.newId(), o.number, 10_000, { sign_time: 'yesterday' })).toMatchObject({
      error: -8,
    });
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED));
  });

  it('−9 once Click reports the payment failed: the transaction is cancelled and never completes', async () => {
    const o = await s.owner();
    const id = s.click.newId();
    const prepared = await prepare(id, o.number, 10_000);
    expect(
      await complete(id, o.number, 10_000, prepared.merchant_prepare_id, { error: -5017 }),
    ).toMatchObject({ error: -9 });
    expect(await complete(id, o.number, 10_000, prepared.merchant_prepare_id)).toMatchObject({ error: -9 });
    expect(await prepare(id, o.number, 10_000)).toMatchObject({ error: -9 });
    expect(await transfersOf(s.orm, clickTransId(id))).toEqual([]);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED));
  });
});

describe('a failing database', () => {
  it('answers −7 with nothing recorded, and the same Complete succeeds when Click asks again', async () => {
    const o = await s.owner();
    const id = s.click.newId();
    const prepared = await prepare(id, o.number, 15_000);
    const db = s.orm.em.fork();
    await db.execute(`create function click_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'disk full'; end $$`);
    await db.execute(`create trigger click_test_refuse before update on click_transaction
      for each row when (new.click_trans_id = '${id}') execute function click_test_refuse()`);
    try {
      expect(await complete(id, o.number, 15_000, prepared.merchant_prepare_id)).toMatchObject({ error: -7 });
      expect(await transfersOf(s.orm, clickTransId(id))).toEqual([]);
    } finally {
      await db.execute('drop trigger click_test_refuse on click_transaction');
      await db.execute('drop function click_test_refuse');
    }
    expect(await complete(id, o.number, 15_000, prepared.merchant_prepare_id)).toMatchObject({ error: 0 });
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 15_000));
  });
});

describe('the checkout page', () => {
  it('pays a receipt the portal opens', async () => {
    const o = await s.owner();
    expect(await (await fetch(s.click.checkoutUrl(o.number, TOTAL_OWED))).text()).toContain(o.number);
    const paid = await fetch(`${s.click.url}/checkout/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ account: o.number, amount: String(TOTAL_OWED) }).toString(),
    });
    expect(await paid.text()).toContain('Paid');
    expect(await s.balance(o.account)).toBe(0n);
  });
});

const clickTransId = (id: string) => clickTransferId(id);
