import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CLICK_ERRORS,
  type ClickContext,
  type ClickRequest,
  type ClickTransaction,
  clickComplete,
  clickPrepare,
  clickSignString,
  readClickRequest,
} from './click.ts';
import { DEFAULT_BILLING_POLICY } from './policy.ts';

const SECRET = 'click-secret';
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const form = (over: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
  click_trans_id: '98765',
  service_id: '1234',
  click_paydoc_id: '555',
  merchant_trans_id: '0000000422',
  amount: '5000.00',
  action: '0',
  error: '0',
  error_note: 'Success',
  sign_time: '2026-07-10 10:00:00',
  ...over,
});
/** A request as Click would sign it (sign_string over the final fields). */
const signed = (over: Record<string, string | undefined> = {}): ClickRequest => {
  const read = readClickRequest({ ...form(over), sign_string: 'x' });
  if (!read.ok) throw new Error('test form is malformed');
  return { ...read.request, sign_string: md5(clickSignString(read.request, SECRET)) };
};
const ctx = (r: ClickRequest, over: Partial<ClickContext> = {}): ClickContext => ({
  now: 1000,
  expectedSign: md5(clickSignString(r, SECRET)),
  policy: DEFAULT_BILLING_POLICY,
  account: 'ok',
  newPrepareId: 11,
  newConfirmId: 21,
  ...over,
});
const prepare = (
  over: Record<string, string> = {},
  stored: ClickTransaction | null = null,
  c: Partial<ClickContext> = {},
) => {
  const r = signed(over);
  return clickPrepare(r, stored, ctx(r, c));
};
const complete = (
  stored: ClickTransaction | null,
  over: Record<string, string> = {},
  c: Partial<ClickContext> = {},
) => {
  const r = signed({ action: '1', merchant_prepare_id: '11', ...over });
  return clickComplete(r, stored, ctx(r, c));
};
const prepared = () => prepare().transaction!;
const code = (o: { reply: Record<string, unknown> }) => o.reply.error;

describe('Click signature', () => {
  it('joins the fields in Click`s order, the prepare id only at Complete', () => {
    const r = signed();
    expect(clickSignString(r, SECRET)).toBe('987651234click-secret00000004225000.0002026-07-10 10:00:00');
    const c = signed({ action: '1', merchant_prepare_id: '11' });
    expect(clickSignString(c, SECRET)).toBe('987651234click-secret0000000422115000.0012026-07-10 10:00:00');
  });

  it('keeps the amount as sent: "5000" and "5000.00" sign differently', () => {
    expect(clickSignString(signed({ amount: '5000' }), SECRET)).not.toBe(clickSignString(signed(), SECRET));
  });
});

describe('Click requests', () => {
  it('−8 for a missing or malformed field', () => {
    const bad = [
      form(),
      form({ click_trans_id: 'abc', sign_string: 's' }),
      form({ sign_time: '2026-07-10T10:00:00', sign_string: 's' }),
      form({ action: '1', sign_string: 's' }),
      form({ error: 'x', sign_string: 's' }),
    ];
    for (const f of bad)
      expect(readClickRequest(f)).toMatchObject({
        ok: false,
        reply: { error: -8, error_note: 'Error in request from click' },
      });
  });

  it('has a note for each code 0 … −9', () => {
    expect(
      Object.keys(CLICK_ERRORS)
        .map(Number)
        .sort((a, b) => b - a),
    ).toEqual([0, -1, -2, -3, -4, -5, -6, -7, -8, -9]);
  });
});

describe('Prepare', () => {
  it('prepares once and answers a repeat as before', () => {
    const p = prepare();
    expect(p.reply).toEqual({
      click_trans_id: '98765',
      merchant_trans_id: '0000000422',
      merchant_prepare_id: 11,
      error: 0,
      error_note: 'Success',
    });
    expect(p.transaction).toMatchObject({ amount: 500_000, state: 'prepared' });
    expect(p).toMatchObject({ changed: true, effect: null });
    expect(prepare({}, p.transaction, { newPrepareId: 12 })).toMatchObject({
      changed: false,
      reply: { error: 0, merchant_prepare_id: 11 },
    });
  });

  it('−1 for a wrong signature, whatever else is wrong', () => {
    const r = { ...signed(), sign_string: md5('forged') };
    expect(code(clickPrepare(r, null, ctx(signed(), { account: 'not_found' })))).toBe(-1);
    expect(
      code(
        clickPrepare({ ...signed(), sign_string: signed().sign_string.toUpperCase() }, null, ctx(signed())),
      ),
    ).toBe(0);
  });

  it('−3 for Complete`s action at Prepare, −5 for an unknown account, −2 for a bad amount', () => {
    expect(
      code(
        clickPrepare(
          signed({ action: '1', merchant_prepare_id: '1' }),
          null,
          ctx(signed({ action: '1', merchant_prepare_id: '1' })),
        ),
      ),
    ).toBe(-3);
    expect(code(prepare({}, null, { account: 'not_found' }))).toBe(-5);
    expect(code(prepare({}, null, { account: 'not_payable' }))).toBe(-5);
    expect(code(prepare({ amount: '5000.001' }))).toBe(-2);
    expect(code(prepare({ amount: '0.99' }))).toBe(-2);
    expect(code(prepare({ amount: '1.00' }))).toBe(0);
    expect(code(prepare({ amount: '4000.00' }, prepared()))).toBe(-2);
  });

  it('−4 when already completed, −9 when cancelled, −7 for a damaged record', () => {
    const done = complete(prepared()).transaction!;
    expect(code(prepare({}, done))).toBe(-4);
    expect(code(prepare({}, { ...prepared(), state: 'cancelled' }))).toBe(-9);
    expect(code(prepare({}, { ...prepared(), state: 'lost' as 'prepared' }))).toBe(-7);
  });
});

describe('Complete', () => {
  it('completes once, posting the payment; a repeat is −4 and posts nothing', () => {
    const c = complete(prepared(), {}, { now: 2000 });
    expect(c.reply).toEqual({
      click_trans_id: '98765',
      merchant_trans_id: '0000000422',
      merchant_confirm_id: 21,
      error: 0,
      error_note: 'Success',
    });
    expect(c).toMatchObject({
      changed: true,
      effect: 'payment',
      transaction: { state: 'completed', complete_time: 2000 },
    });
    expect(complete(c.transaction)).toMatchObject({
      changed: false,
      effect: null,
      reply: { error: -4, merchant_confirm_id: 21 },
    });
  });

  it('−6 without our Prepare of that id, −2 for another amount, −3 for Prepare`s action', () => {
    expect(code(complete(null))).toBe(-6);
    expect(code(complete(prepared(), { merchant_prepare_id: '12' }))).toBe(-6);
    expect(code(complete(prepared(), { amount: '5000.01' }))).toBe(-2);
    expect(code(complete(prepared(), { amount: '5000' }))).toBe(0);
    const r = signed();
    expect(code(clickComplete(r, prepared(), ctx(r)))).toBe(-3);
  });

  it('Click`s failure report cancels (−9), and so does every later call', () => {
    const failed = complete(prepared(), { error: '-5017' });
    expect(failed).toMatchObject({
      changed: true,
      effect: null,
      reply: { error: -9 },
      transaction: { state: 'cancelled' },
    });
    expect(code(complete(failed.transaction))).toBe(-9);
  });

  it('−1 for a wrong signature before looking anything up', () => {
    const r = { ...signed({ action: '1', merchant_prepare_id: '11' }), sign_string: '0'.repeat(32) };
    expect(code(clickComplete(r, null, ctx(signed({ action: '1', merchant_prepare_id: '11' }))))).toBe(-1);
  });
});
