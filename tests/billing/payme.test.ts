// The Payme Merchant API end to end: the sandbox calls our endpoint over HTTP as Payme does, on
// real PostgreSQL. Every method and error code, the states, the 12-hour timeout (the clock moved
// by ageing the stored times), replays, reordering, lost answers and a sandbox that dies mid-call;
// after each scenario the books balance and the owner's balance is exactly what was paid.

import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { postTransfers } from '../../db/billing/ledger.ts';
import { paymeTransferId } from '../../db/billing/payme.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { type PaymeReplyBody, startPaymeSandbox } from '../../platform/payments/payme-sandbox.ts';
import { expectBalancedBooks } from './books.ts';
import {
  allocationsOf,
  PAYME_KEY,
  type PaymentStack,
  startPaymentStack,
  TOTAL_OWED,
  transfersOf,
} from './payment-fixtures.ts';

let s: PaymentStack;
beforeAll(async () => {
  s = await startPaymentStack(inject('postgres'), 'billing_payme');
});
afterAll(() => s?.close());
afterEach(() => expectBalancedBooks(s.orm.em.fork()));

const HOUR = 3600_000;
const account = (number: string) => ({ personal_account: number });
const codeOf = (r: { error?: { code: number } }) => r.error?.code;
const age = (id: string, column: 'create_time' | 'perform_time', ms: number) =>
  s.orm.em.fork().execute(`update payme_transaction set ${column} = ${column} - ? where id = ?`, [ms, id]);

describe('authorization and the envelope', () => {
  it('answers −32504 with HTTP 200 without the merchant key, with another key or login, and for ChangePassword', async () => {
    for (const key of [null, 'wrong-key-123']) {
      const r = await s.payme.call('CheckTransaction', { id: 'x' }, { key });
      expect(codeOf(r)).toBe(-32504);
    }
    const res = await fetch(`${s.server.url}/api/v1/payments/payme`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`Admin:${PAYME_KEY}`).toString('base64')}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'CheckTransaction', params: { id: 'x' } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: 7,
      error: { code: -32504, message: { ru: expect.any(String) } },
    });
    expect(codeOf(await s.payme.call('ChangePassword', { password: 'new-key-12345' }))).toBe(-32504);
  });

  it('answers −32700 to broken JSON, −32600 to a bad envelope or parameters, −32601 to an unknown method', async () => {
    const raw = async (body: string) => {
      const res = await fetch(`${s.server.url}/api/v1/payments/payme`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`Paycom:${PAYME_KEY}`).toString('base64')}` },
        body,
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { error?: { code: number } };
    };
    expect(codeOf(await raw('{"id": 1, "method":'))).toBe(-32700);
    expect(codeOf(await raw('[1]'))).toBe(-32600);
    expect(codeOf(await s.payme.call('CreateTransaction', { id: 'a', amount: '100' }))).toBe(-32600);
    expect(codeOf(await s.payme.call('CancelTransaction', { id: 'a', reason: 99 }))).toBe(-32600);
    expect(codeOf(await s.payme.call('Refund', { id: 'a' }))).toBe(-32601);
  });
});

describe('CheckPerformTransaction', () => {
  it('allows a payable account and refuses unknown (−31050), unregistered (−31051) and bad amounts (−31001)', async () => {
    const o = await s.owner();
    const check = (number: string, amount: number) =>
      s.payme.call('CheckPerformTransaction', { amount, account: account(number) });
    expect((await check(o.number, 50_000)).result).toEqual({ allow: true });
    const unknown = await check('9999999998', 50_000);
    expect(unknown.error).toMatchObject({ code: -31050, data: 'personal_account' });
    expect(codeOf(await check('1234567890', 50_000))).toBe(-31050);
    expect(codeOf(await check((await s.unregisteredOwner()).number, 50_000))).toBe(-31051);
    expect(codeOf(await check(o.number, 99))).toBe(-31001);
    expect(codeOf(await check(o.number, 10_000_000_001))).toBe(-31001);
    expect(codeOf(await s.payme.call('CheckPerformTransaction', { amount: 100_000, account: {} }))).toBe(
      -31050,
    );
  });
});

describe('a payment', () => {
  it('settles the oldest contributions first, then the penalty, and keeps an overpayment as an advance', async () => {
    const o = await s.owner();
    const first = await s.payme.pay({ account: o.number, amount: 150_000 });
    expect(first.result).toMatchObject({ state: 2, perform_time: expect.any(Number) });
    const id = String(first.result!.transaction);
    expect(await allocationsOf(s.orm, id)).toEqual({
      // The Tashkent day the money came in: penalty days are counted to it.
      paidOn: tashkentDate(Date.now()),
      provider: 'payme',
      providerId: id.slice('payme:'.length),
      allocations: [
        { period: '2026-10', kind: 'contribution', amount: 100_000 },
        { period: '2026-11', kind: 'contribution', amount: 50_000 },
      ],
      advance: 0,
    });
    const second = await s.payme.pay({ account: o.number, amount: 100_000 });
    expect(await allocationsOf(s.orm, String(second.result!.transaction))).toMatchObject({
      allocations: [
        { period: '2026-11', kind: 'contribution', amount: 70_000 },
        { period: '2026-10', kind: 'penalty', amount: 5_000 },
      ],
      advance: 25_000,
    });
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 250_000));
  });

  it('answers every repeated call with the stored result and posts once', async () => {
    const o = await s.owner();
    const id = s.payme.newId();
    const performed = await s.payme.pay({ account: o.number, amount: 60_000, id, replays: 3 });
    const again = await s.payme.call('PerformTransaction', { id });
    expect(again.result).toEqual(performed.result);
    const checked = await s.payme.call('CheckTransaction', { id });
    expect(checked.result).toMatchObject({
      state: 2,
      cancel_time: 0,
      reason: null,
      transaction: paymeTransferId(id),
    });
    // A performed transaction is no longer creatable.
    expect(
      codeOf(
        await s.payme.call('CreateTransaction', {
          id,
          time: Date.now(),
          amount: 60_000,
          account: account(o.number),
        }),
      ),
    ).toBe(-31008);
    expect(await transfersOf(s.orm, paymeTransferId(id))).toHaveLength(1);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 60_000));
  });

  it('survives reordering: Perform, Cancel and Check before Create are −31003; concurrent Performs post once', async () => {
    const o = await s.owner();
    const id = s.payme.newId();
    for (const [m, p] of [
      ['PerformTransaction', { id }],
      ['CancelTransaction', { id, reason: 3 }],
      ['CheckTransaction', { id }],
    ] as const)
      expect(codeOf(await s.payme.call(m, p))).toBe(-31003);
    const created = await s.payme.call('CreateTransaction', {
      id,
      time: Date.now(),
      amount: 40_000,
      account: account(o.number),
    });
    expect(created.result).toMatchObject({ state: 1 });
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => s.payme.call('PerformTransaction', { id })),
    );
    expect(new Set(replies.map((r) => JSON.stringify(r.result))).size).toBe(1);
    expect(await transfersOf(s.orm, paymeTransferId(id))).toHaveLength(1);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 40_000));
  });

  it('refuses a second created transaction for the same account while the first is open (−31008)', async () => {
    const o = await s.owner();
    const params = (id: string) => ({ id, time: Date.now(), amount: 30_000, account: account(o.number) });
    const [a, b] = [s.payme.newId(), s.payme.newId()];
    const replies = await Promise.all([
      s.payme.call('CreateTransaction', params(a)),
      s.payme.call('CreateTransaction', params(b)),
    ]);
    expect(replies.map(codeOf).sort()).toEqual([-31008, undefined]);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED));
  });

  it('stores one transaction when the same CreateTransaction arrives several times at once, and answers each alike', async () => {
    const o = await s.owner();
    const id = s.payme.newId();
    const params = { id, time: Date.now(), amount: 25_000, account: account(o.number) };
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => s.payme.call('CreateTransaction', params)),
    );
    expect(replies.map(codeOf)).toEqual(Array(6).fill(undefined));
    expect(new Set(replies.map((r) => JSON.stringify(r.result))).size).toBe(1);
    expect(replies[0]!.result).toMatchObject({ state: 1, transaction: paymeTransferId(id) });
    const [n] = await s.orm.em
      .fork()
      .execute<{ n: number }[]>(`select count(*)::int as n from payme_transaction where account_id = ?`, [
        o.account,
      ]);
    expect(n!.n).toBe(1);
    expect((await s.payme.call('PerformTransaction', { id })).result).toMatchObject({ state: 2 });
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 25_000));
  });
});

describe('timeouts', () => {
  it('cancels a transaction created more than 12 hours ago with reason 4 and answers −31008', async () => {
    const o = await s.owner();
    const id = s.payme.newId();
    const params = { id, time: Date.now(), amount: 30_000, account: account(o.number) };
    await s.payme.call('CreateTransaction', params);
    await age(id, 'create_time', 12 * HOUR - 60_000);
    // Within 12 hours it is alive: a replayed Create answers as before.
    expect((await s.payme.call('CreateTransaction', params)).result).toMatchObject({ state: 1 });
    await age(id, 'create_time', 61_000);
    expect(codeOf(await s.payme.call('PerformTransaction', { id }))).toBe(-31008);
    expect((await s.payme.call('CheckTransaction', { id })).result).toMatchObject({ state: -1, reason: 4 });
    expect(codeOf(await s.payme.call('CreateTransaction', params))).toBe(-31008);
    // The expired one no longer holds the account.
    expect((await s.payme.pay({ account: o.number, amount: 30_000 })).result).toMatchObject({ state: 2 });
    expect(await transfersOf(s.orm, paymeTransferId(id))).toEqual([]);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 30_000));
  });

  it('posts once when Payme gives up on answers and asks again', async () => {
    const o = await s.owner();
    const id = s.payme.newId();
    const created = await s.payme.callUntilAnswered(
      'CreateTransaction',
      { id, time: Date.now(), amount: 70_000, account: account(o.number) },
      1,
    );
    expect(created.result).toMatchObject({ state: 1 });
    const performed = await s.payme.callUntilAnswered('PerformTransaction', { id }, 1);
    expect(performed.result).toMatchObject({ state: 2 });
    expect(await transfersOf(s.orm, paymeTransferId(id))).toHaveLength(1);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 70_000));
  });

  it('posts once when the sandbox dies mid-call and a restarted one checks and performs', async () => {
    const o = await s.owner();
    const dying = await startPaymeSandbox({
      merchantUrl: `${s.server.url}/api/v1/payments/payme`,
      key: PAYME_KEY,
    });
    const id = dying.newId();
    await dying.call('CreateTransaction', {
      id,
      time: Date.now(),
      amount: 80_000,
      account: account(o.number),
    });
    const lost = dying.call('PerformTransaction', { id });
    dying.die();
    await expect(lost).rejects.toThrow();
    await dying.close();
    // Whether or not the lost Perform reached us, the restarted Payme finds a consistent state.
    const checked = await s.payme.call('CheckTransaction', { id });
    expect([1, 2]).toContain(checked.result?.state);
    expect((await s.payme.call('PerformTransaction', { id })).result).toMatchObject({ state: 2 });
    expect(await transfersOf(s.orm, paymeTransferId(id))).toHaveLength(1);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 80_000));
  });
});

describe('a failing database', () => {
  it('answers −32400 with nothing stored or posted, and the same call succeeds when asked again', async () => {
    const o = await s.owner();
    const id = s.payme.newId();
    const db = s.orm.em.fork();
    await db.execute(`create function payme_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'disk full'; end $$`);
    await db.execute(`create trigger payme_test_refuse before update on payme_transaction
      for each row when (new.id = '${id}') execute function payme_test_refuse()`);
    try {
      await s.payme.call('CreateTransaction', {
        id,
        time: Date.now(),
        amount: 15_000,
        account: account(o.number),
      });
      expect(codeOf(await s.payme.call('PerformTransaction', { id }))).toBe(-32400);
      expect((await s.payme.call('CheckTransaction', { id })).result).toMatchObject({ state: 1 });
      expect(await transfersOf(s.orm, paymeTransferId(id))).toEqual([]);
    } finally {
      await db.execute('drop trigger payme_test_refuse on payme_transaction');
      await db.execute('drop function payme_test_refuse');
    }
    expect((await s.payme.call('PerformTransaction', { id })).result).toMatchObject({ state: 2 });
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 15_000));
  });
});

describe('CancelTransaction', () => {
  it('cancels a created transaction with nothing posted (−1) and then refuses to perform it', async () => {
    const o = await s.owner();
    const id = s.payme.newId();
    await s.payme.call('CreateTransaction', {
      id,
      time: Date.now(),
      amount: 10_000,
      account: account(o.number),
    });
    const cancelled = await s.payme.call('CancelTransaction', { id, reason: 3 });
    expect(cancelled.result).toMatchObject({ state: -1, cancel_time: expect.any(Number) });
    expect((await s.payme.call('CancelTransaction', { id, reason: 3 })).result).toEqual(cancelled.result);
    expect(codeOf(await s.payme.call('PerformTransaction', { id }))).toBe(-31008);
    expect(await transfersOf(s.orm, paymeTransferId(id))).toEqual([]);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED));
  });

  it('reverses a performed payment with its reason (−2), once, and the debts it settled are owed again', async () => {
    const o = await s.owner();
    const id = s.payme.newId();
    await s.payme.pay({ account: o.number, amount: 100_000, id });
    const cancelled = await s.payme.call('CancelTransaction', { id, reason: 5 });
    expect(cancelled.result).toMatchObject({ state: -2 });
    expect((await s.payme.call('CancelTransaction', { id, reason: 5 })).result).toEqual(cancelled.result);
    expect((await s.payme.call('CheckTransaction', { id })).result).toMatchObject({ state: -2, reason: 5 });
    const transfers = await transfersOf(s.orm, paymeTransferId(id));
    expect(transfers.map((t) => t.kind)).toEqual(['payment', 'refund']);
    expect(transfers[1]!.reason).toMatch(/cancelled .* 5 \(refund\)/);
    // From Payme's clearing account of the owner's building, and back to the account the payment came from.
    expect(transfers[0]!.debit).toBe(`clearing/payme/${o.buildingId}`);
    expect(transfers[1]!.credit).toBe(transfers[0]!.debit);
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED));
    // The October contribution is owed again, so the next payment settles it first.
    const next = await s.payme.pay({ account: o.number, amount: 100_000 });
    expect(await allocationsOf(s.orm, String(next.result!.transaction))).toMatchObject({
      allocations: [{ period: '2026-10', kind: 'contribution', amount: 100_000 }],
    });
  });

  it('refuses to cancel a payment performed in an earlier month, which a receipt has counted (−31007)', async () => {
    const o = await s.owner();
    const id = s.payme.newId();
    await s.payme.pay({ account: o.number, amount: 20_000, id });
    await age(id, 'perform_time', 40 * 24 * HOUR);
    expect(codeOf(await s.payme.call('CancelTransaction', { id, reason: 5 }))).toBe(-31007);
    expect((await s.payme.call('CheckTransaction', { id })).result).toMatchObject({ state: 2 });
    expect(await s.balance(o.account)).toBe(BigInt(TOTAL_OWED - 20_000));
  });
});

describe('GetStatement and the checkout page', () => {
  it('lists the transactions Payme created in the window, oldest first, with their states', async () => {
    const o = await s.owner();
    const from = Date.now() - 1;
    const a = s.payme.newId();
    await s.payme.pay({ account: o.number, amount: 11_000, id: a });
    const b = s.payme.newId();
    await s.payme.call('CreateTransaction', {
      id: b,
      time: Date.now() + 1,
      amount: 12_000,
      account: account(o.number),
    });
    const statement = await s.payme.call('GetStatement', { from, to: Date.now() + 10 });
    const rows = statement.result!.transactions as { id: string; state: number; amount: number }[];
    expect(rows.filter((r) => r.id === a || r.id === b).map((r) => [r.id, r.state, r.amount])).toEqual([
      [a, 2, 11_000],
      [b, 1, 12_000],
    ]);
    expect(codeOf(await s.payme.call('GetStatement', { from: 10, to: 5 }))).toBe(-32600);
    await s.payme.call('CancelTransaction', { id: b, reason: 3 });
  });

  it('pays a receipt from the checkout page the portal opens', async () => {
    const o = await s.owner();
    const page = await fetch(s.payme.checkoutUrl(o.number, TOTAL_OWED));
    expect(await page.text()).toContain(o.number);
    const paid = await fetch(`${s.payme.url}/checkout/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ account: o.number, amount: String(TOTAL_OWED) }).toString(),
    });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('Paid');
    expect(await s.balance(o.account)).toBe(0n);
  });
});

/** December's contribution, 130,000 tiyin, charged to the owner. */
const chargeDecember = (
  em: Parameters<typeof postTransfers>[0],
  o: { account: string; buildingId: string },
) =>
  postTransfers(em, [
    {
      id: randomUUID(),
      debit: o.account,
      credit: accountId({ kind: 'revenue', buildingId: o.buildingId, revenue: 'contributions' }),
      amount: 130_000,
      kind: 'accrual',
      period: '2026-12',
      reason: '',
      buildingId: o.buildingId,
    },
  ]);

describe('what the payment reads with its lock', () => {
  it('allocates against the debts as they are once a charge the account waited on commits', async () => {
    const o = await s.owner();
    const id = s.payme.newId();
    const created = await s.payme.call('CreateTransaction', {
      id,
      time: Date.now(),
      amount: 300_000,
      account: account(o.number),
    });
    expect(created.result).toMatchObject({ state: 1 });
    const lockWaits = async () => {
      const [r] = await s.orm.em.fork().execute<{ n: number }[]>(
        `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
      );
      return r!.n;
    };
    // December is charged while the payment is performed: the payment waits for the account's lock,
    // and what it settles must include the month that arrived meanwhile.
    let performing: Promise<PaymeReplyBody> | undefined;
    await s.orm.em.fork().transactional(async (tx) => {
      await chargeDecember(tx, o);
      performing = s.payme.call('PerformTransaction', { id });
      await vi.waitFor(async () => expect(await lockWaits()).toBeGreaterThan(0), {
        timeout: 20_000,
        interval: 20,
      });
    });
    expect((await performing!).result).toMatchObject({ state: 2 });
    await expectDecemberPaidOldestFirst(id, o.account);
  });

  /** 300,000 tiyin paid after December's charge: October, November, then December, no advance. */
  async function expectDecemberPaidOldestFirst(id: string, accountId: string): Promise<void> {
    expect(await allocationsOf(s.orm, paymeTransferId(id))).toMatchObject({
      allocations: [
        { period: '2026-10', kind: 'contribution', amount: 100_000 },
        { period: '2026-11', kind: 'contribution', amount: 120_000 },
        { period: '2026-12', kind: 'contribution', amount: 80_000 },
      ],
      advance: 0,
    });
    expect(await s.balance(accountId)).toBe(BigInt(TOTAL_OWED + 130_000 - 300_000));
  }

  it('allocates against a charge posted between Create and Perform, not against what Create saw', async () => {
    // Another owner's payment first, so the building's clearing exists and Perform takes its usual way.
    await s.payme.pay({ account: (await s.owner()).number, amount: 10_000 });
    const o = await s.owner();
    const id = s.payme.newId();
    const params = { id, time: Date.now(), amount: 300_000, account: account(o.number) };
    expect((await s.payme.call('CreateTransaction', params)).result).toMatchObject({ state: 1 });
    await chargeDecember(s.orm.em.fork(), o);
    expect((await s.payme.call('PerformTransaction', { id })).result).toMatchObject({ state: 2 });
    await expectDecemberPaidOldestFirst(id, o.account);
  });

  it("lifts the owner's electricity block with the payment that clears the overdue months, not before", async () => {
    const o = await s.owner();
    const ownerId = o.account.split('/')[1]!;
    // As the handover on the 16th records a debtor (db/billing/electricity.ts).
    await s.orm.em.fork().execute(
      `insert into electricity_block (owner_id, status, blocked_on, overdue, periods, lifted_at, updated_at)
       values (?, 'blocked', '2026-11-16', 100000, '["2026-10"]'::jsonb, null, now())`,
      [ownerId],
    );
    const state = async () => {
      const [block] = await s.orm.em
        .fork()
        .execute<{ status: string }[]>(`select status from electricity_block where owner_id = ?`, [ownerId]);
      const sent = await s.orm.em
        .fork()
        .execute<{ action: string }[]>(`select action from electricity_outbox where owner_id = ?`, [ownerId]);
      return { status: block!.status, sent: sent.map((m) => m.action) };
    };
    expect((await s.payme.pay({ account: o.number, amount: 50_000 })).result).toMatchObject({ state: 2 });
    expect(await state()).toEqual({ status: 'blocked', sent: [] });
    expect((await s.payme.pay({ account: o.number, amount: TOTAL_OWED - 50_000 })).result).toMatchObject({
      state: 2,
    });
    expect(await state()).toEqual({ status: 'lifted', sent: ['lift'] });
  });
});

describe('Performs committed together', () => {
  /**
   * Created transactions of fresh owners, and their Performs fired at once while the building's
   * clearing row is locked: the first group waits on it and the others queue behind it, so they
   * commit together once it is released (not on a clock: on PostgreSQL showing the wait).
   */
  async function performTogether(n: number, before?: (ids: string[]) => Promise<void>) {
    // The building's Payme clearing exists once it has been paid into: Performs then take the usual way.
    const first = await s.owner();
    await s.payme.pay({ account: first.number, amount: 1_000, id: s.payme.newId() });
    const owners = [];
    for (let i = 0; i < n; i++) owners.push(await s.owner());
    const ids = owners.map(() => s.payme.newId());
    for (const [i, o] of owners.entries())
      expect(
        (
          await s.payme.call('CreateTransaction', {
            id: ids[i]!,
            time: Date.now(),
            amount: 10_000 + i,
            account: account(o.number),
          })
        ).result,
      ).toMatchObject({ state: 1 });
    await before?.(ids);
    const holder = s.orm.em.fork();
    const pool = (await holder.getConnection().getNativeClient()) as {
      connect(): Promise<{ query(q: string, v?: unknown[]): Promise<unknown>; release(): void }>;
    };
    const lock = await pool.connect();
    await lock.query('begin');
    await lock.query(`select 1 from ledger_account where id = $1 for update`, [
      accountId({ kind: 'provider_clearing', provider: 'payme', buildingId: owners[0]!.buildingId }),
    ]);
    const replies = Promise.all(ids.map((id) => s.payme.call('PerformTransaction', { id })));
    for (;;) {
      const [w] = await s.orm.em
        .fork()
        .execute<{ n: number }[]>(
          `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
        );
      if (w!.n > 0) break;
      await new Promise((r) => setImmediate(r));
    }
    await lock.query('commit');
    lock.release();
    return { owners, ids, replies: await replies };
  }

  it('posts each of many different transactions exactly once, several in one commit', async () => {
    const { owners, ids, replies } = await performTogether(12);
    for (const r of replies) expect(r.result).toMatchObject({ state: 2 });
    for (const [i, id] of ids.entries()) {
      expect(await transfersOf(s.orm, paymeTransferId(id))).toHaveLength(1);
      expect(await s.balance(owners[i]!.account)).toBe(BigInt(TOTAL_OWED - 10_000 - i));
    }
    // Rows one transaction wrote carry its id: fewer ids than payments, some committed together.
    const [x] = await s.orm.em
      .fork()
      .execute<{ n: number }[]>(
        `select count(distinct xmin::text)::int as n from ledger_transfer where id in (select jsonb_array_elements_text(?::jsonb))`,
        [JSON.stringify(ids.map(paymeTransferId))],
      );
    expect(x!.n).toBeLessThan(ids.length);
  });

  it('posts the others when one item of the group fails, and the failing one once it can', async () => {
    const db = s.orm.em.fork();
    let failing = '';
    const { owners, ids, replies } = await performTogether(8, async (ids) => {
      failing = ids[3]!;
      await db.execute(`create function payme_test_refuse() returns trigger language plpgsql as $$
        begin raise exception 'disk full'; end $$`);
      await db.execute(`create trigger payme_test_refuse before update on payme_transaction
        for each row when (new.id = '${failing}') execute function payme_test_refuse()`);
    });
    try {
      for (const [i, id] of ids.entries()) {
        if (id === failing) {
          expect(codeOf(replies[i]!)).toBe(-32400);
          expect(await transfersOf(s.orm, paymeTransferId(id))).toEqual([]);
          expect(await s.balance(owners[i]!.account)).toBe(BigInt(TOTAL_OWED));
        } else {
          expect(replies[i]!.result).toMatchObject({ state: 2 });
          expect(await transfersOf(s.orm, paymeTransferId(id))).toHaveLength(1);
          expect(await s.balance(owners[i]!.account)).toBe(BigInt(TOTAL_OWED - 10_000 - i));
        }
      }
    } finally {
      await db.execute('drop trigger payme_test_refuse on payme_transaction');
      await db.execute('drop function payme_test_refuse');
    }
    expect((await s.payme.call('PerformTransaction', { id: failing })).result).toMatchObject({ state: 2 });
    expect(await transfersOf(s.orm, paymeTransferId(failing))).toHaveLength(1);
    expect(await s.balance(owners[3]!.account)).toBe(BigInt(TOTAL_OWED - 10_003));
  });
});
