import { describe, expect, it } from 'vitest';
import {
  type PaymeContext,
  type PaymeOutcome,
  type PaymeTransaction,
  paymeStatement,
  paymeTransition,
} from './payme.ts';
import { isAccountError, PAYME_CANCEL_REASONS, PAYME_ERRORS, PAYME_MESSAGES } from './payme-codes.ts';
import { DEFAULT_BILLING_POLICY } from './policy.ts';

const H12 = 12 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 6, 10, 5, 0, 0);
const account = { personal_account: '0000000422' };
const ctx = (over: Partial<PaymeContext> = {}): PaymeContext => ({
  now: T0,
  policy: DEFAULT_BILLING_POLICY,
  account: 'ok',
  otherActive: false,
  canRefund: true,
  newTransactionId: 'payme/p-1',
  ...over,
});
const create = (stored: PaymeTransaction | null, c = ctx(), amount = 500_000) =>
  paymeTransition(
    stored,
    { method: 'CreateTransaction', params: { id: 'p-1', time: T0 - 1000, amount, account } },
    c,
  );
const perform = (stored: PaymeTransaction | null, c = ctx()) =>
  paymeTransition(stored, { method: 'PerformTransaction', params: { id: 'p-1' } }, c);
const cancel = (stored: PaymeTransaction | null, c = ctx(), reason: 1 | 5 = 5) =>
  paymeTransition(stored, { method: 'CancelTransaction', params: { id: 'p-1', reason } }, c);
const check = (stored: PaymeTransaction | null) =>
  paymeTransition(stored, { method: 'CheckTransaction', params: { id: 'p-1' } }, ctx());
const code = (o: PaymeOutcome) => ('error' in o.reply ? o.reply.error.code : 0);
const created = () => create(null).transaction!;

describe('Payme codes', () => {
  it('every error code has its message in ru, uz and en', () => {
    for (const c of Object.values(PAYME_ERRORS)) {
      const m = PAYME_MESSAGES[c];
      expect([m.ru, m.uz, m.en].every((s) => s.length > 0)).toBe(true);
    }
    expect(isAccountError(-31050)).toBe(true);
    expect(isAccountError(-31099)).toBe(true);
    expect(isAccountError(-31100)).toBe(false);
    expect(isAccountError(-31008)).toBe(false);
    expect(Object.keys(PAYME_CANCEL_REASONS).map(Number)).toEqual([1, 2, 3, 4, 5, 10]);
  });
});

describe('CheckPerformTransaction', () => {
  const cpt = (c: PaymeContext, amount = 500_000) =>
    paymeTransition(null, { method: 'CheckPerformTransaction', params: { amount, account } }, c);
  it('allows a payable account and amount; refuses a bad account (naming the field) or amount', () => {
    expect(cpt(ctx()).reply).toEqual({ result: { allow: true } });
    const notFound = cpt(ctx({ account: 'not_found' })).reply;
    expect('error' in notFound && notFound.error).toMatchObject({ code: -31050, data: 'personal_account' });
    expect(code(cpt(ctx({ account: 'not_payable' })))).toBe(-31051);
    expect(code(cpt(ctx(), 99))).toBe(-31001); // below 1 so'm
    expect(code(cpt(ctx(), 100))).toBe(0);
    expect(code(cpt(ctx(), 10_000_000_001))).toBe(-31001);
    expect(code(cpt(ctx(), 500.5))).toBe(-31001);
  });
});

describe('transaction lifecycle', () => {
  it('create → perform posts one payment; repeats answer the stored result and change nothing', () => {
    const c = create(null);
    expect(c).toMatchObject({
      changed: true,
      effect: null,
      reply: { result: { create_time: T0, transaction: 'payme/p-1', state: 1 } },
    });
    const again = create(c.transaction, ctx({ now: T0 + 5000 }));
    expect(again).toMatchObject({ changed: false, reply: { result: { create_time: T0, state: 1 } } });
    const p = perform(c.transaction, ctx({ now: T0 + 60_000 }));
    expect(p).toMatchObject({
      changed: true,
      effect: 'payment',
      reply: { result: { perform_time: T0 + 60_000, state: 2 } },
    });
    const p2 = perform(p.transaction, ctx({ now: T0 + 120_000 }));
    expect(p2).toMatchObject({
      changed: false,
      effect: null,
      reply: { result: { perform_time: T0 + 60_000, state: 2 } },
    });
    expect(code(create(p.transaction))).toBe(-31008);
  });

  it('refuses a second transaction on an account that has one waiting', () => {
    expect(code(create(null, ctx({ otherActive: true })))).toBe(-31008);
    expect(code(create(null, ctx({ account: 'not_found' })))).toBe(-31050);
    expect(code(create(null, ctx(), 0))).toBe(-31001);
  });

  it('unknown ids are −31003', () => {
    expect(code(perform(null))).toBe(-31003);
    expect(code(cancel(null))).toBe(-31003);
    expect(code(check(null))).toBe(-31003);
  });

  it('cancels a created transaction (−1) and a performed one as a refund (−2), idempotently', () => {
    const c = cancel(created(), ctx({ now: T0 + 1 }), 1);
    expect(c).toMatchObject({
      changed: true,
      effect: null,
      reply: { result: { cancel_time: T0 + 1, state: -1 } },
    });
    expect(c.transaction?.reason).toBe(1);
    expect(cancel(c.transaction, ctx({ now: T0 + 99 }))).toMatchObject({
      changed: false,
      reply: { result: { cancel_time: T0 + 1, state: -1 } },
    });
    expect(code(perform(c.transaction))).toBe(-31008);

    const performed = perform(created()).transaction!;
    const refund = cancel(performed, ctx({ now: T0 + 2 }));
    expect(refund).toMatchObject({ changed: true, effect: 'refund', reply: { result: { state: -2 } } });
    expect(refund.transaction?.reason).toBe(5);
    expect(cancel(refund.transaction)).toMatchObject({ changed: false, effect: null });
  });

  it('a performed payment that may not be undone is −31007', () => {
    expect(code(cancel(perform(created()).transaction, ctx({ canRefund: false })))).toBe(-31007);
  });

  it('CheckTransaction reports times, state and reason', () => {
    expect(check(created()).reply).toEqual({
      result: {
        create_time: T0,
        perform_time: 0,
        cancel_time: 0,
        transaction: 'payme/p-1',
        state: 1,
        reason: null,
      },
    });
  });

  it('a damaged stored state is a system error', () => {
    expect(code(check({ ...created(), state: 7 as 1 }))).toBe(-32400);
  });
});

describe('the 12-hour timeout', () => {
  it('at exactly 12 h a created transaction still performs', () => {
    expect(perform(created(), ctx({ now: T0 + H12 }))).toMatchObject({
      effect: 'payment',
      reply: { result: { state: 2 } },
    });
  });

  it('one millisecond later it is cancelled with reason 4 and the call answers −31008', () => {
    const late = perform(created(), ctx({ now: T0 + H12 + 1 }));
    expect(code(late)).toBe(-31008);
    expect(late).toMatchObject({ changed: true, effect: null });
    expect(late.transaction).toMatchObject({ state: -1, reason: 4, cancel_time: T0 + H12 + 1 });
    const recreate = create(created(), ctx({ now: T0 + H12 + 1 }));
    expect(code(recreate)).toBe(-31008);
    expect(recreate.transaction).toMatchObject({ state: -1, reason: 4 });
    expect(create(created(), ctx({ now: T0 + H12 }))).toMatchObject({
      changed: false,
      reply: { result: { state: 1 } },
    });
  });
});

describe('GetStatement', () => {
  it('lists transactions by Payme time within [from, to], oldest first', () => {
    const t = (id: string, time: number) => ({ ...created(), id, time });
    const s = paymeStatement([t('c', 30), t('a', 10), t('b', 20), t('d', 40)], 20, 30);
    expect(s.transactions.map((x) => x.id)).toEqual(['b', 'c']);
    expect(Object.keys(s.transactions[0]!)).toEqual([
      'id',
      'time',
      'amount',
      'account',
      'create_time',
      'perform_time',
      'cancel_time',
      'transaction',
      'state',
      'reason',
    ]);
  });
});
