// The Click SHOP API's rules without HTTP: Click POSTs Prepare (action=0) and then Complete
// (action=1), signed with md5 over a string of the fields and our secret. The md5 itself is the
// caller's (node:crypto); here are the string to hash, the constant-time check of the digest, the
// error codes, and the state of one Click transaction. Amounts come in so'm as decimal strings
// and are read exactly into tiyin; the signature covers the amount exactly as sent.
import { hexDigestEqual } from './constant-time.ts';
import { parseDecimalSom } from './money.ts';
import type { BillingPolicy } from './policy.ts';

/** Click's codes with the error_note it expects and what makes us answer each. */
export const CLICK_ERRORS = {
  0: { note: 'Success', when: 'accepted' },
  [-1]: { note: 'SIGN CHECK FAILED!', when: 'sign_string is not the md5 of the fields with our secret' },
  [-2]: { note: 'Incorrect parameter amount', when: 'not an amount we take, or not the prepared amount' },
  [-3]: { note: 'Action not found', when: 'action is not 0 at Prepare or 1 at Complete' },
  [-4]: { note: 'Already paid', when: 'this click_trans_id is already completed' },
  [-5]: { note: 'User does not exist', when: 'merchant_trans_id is no personal account taking payments' },
  [-6]: { note: 'Transaction does not exist', when: 'Complete without our Prepare of that id' },
  [-7]: { note: 'Failed to update user', when: 'our stored transaction is damaged; nothing recorded' },
  [-8]: { note: 'Error in request from click', when: 'a field is missing or malformed' },
  [-9]: { note: 'Transaction cancelled', when: 'cancelled before, or Click reports the payment failed' },
} as const;
export type ClickErrorCode = keyof typeof CLICK_ERRORS;

export interface ClickRequest {
  click_trans_id: string;
  service_id: string;
  click_paydoc_id: string;
  /** Our personal account number. */
  merchant_trans_id: string;
  /** At Complete only. */
  merchant_prepare_id: string | null;
  /** So'm, as sent: the signature covers this exact text. */
  amount: string;
  action: string;
  /** Click's own status of the payment; below 0 at Complete: it failed on Click's side. */
  error: number;
  sign_time: string;
  sign_string: string;
}

/**
 * md5 input: click_trans_id + service_id + SECRET_KEY + merchant_trans_id + (Complete:
 * merchant_prepare_id) + amount + action + sign_time, each exactly as received.
 */
export const clickSignString = (r: ClickRequest, secret: string): string =>
  `${r.click_trans_id}${r.service_id}${secret}${r.merchant_trans_id}${r.action === '1' ? (r.merchant_prepare_id ?? '') : ''}${r.amount}${r.action}${r.sign_time}`;

const FIELDS = [
  'click_trans_id',
  'service_id',
  'click_paydoc_id',
  'merchant_trans_id',
  'amount',
  'action',
  'error',
  'sign_time',
  'sign_string',
] as const;
const SIGN_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** The form Click posted, or the −8 reply when a field is missing or malformed. */
export function readClickRequest(
  form: Readonly<Record<string, string | undefined>>,
): { ok: true; request: ClickRequest } | { ok: false; reply: Record<string, string | number | null> } {
  const prepareId = form.merchant_prepare_id ?? null;
  const f = form as Record<(typeof FIELDS)[number], string>;
  const wellFormed =
    FIELDS.every((k) => form[k] !== undefined && form[k] !== '') &&
    /^\d+$/.test(f.click_trans_id) &&
    /^\d+$/.test(f.service_id) &&
    /^-?\d+$/.test(f.error) &&
    SIGN_TIME.test(f.sign_time) &&
    (f.action !== '1' || (prepareId !== null && /^\d+$/.test(prepareId)));
  if (!wellFormed)
    return {
      ok: false,
      reply: {
        click_trans_id: form.click_trans_id ?? null,
        merchant_trans_id: form.merchant_trans_id ?? null,
        error: -8,
        error_note: CLICK_ERRORS[-8].note,
      },
    };
  return { ok: true, request: { ...f, merchant_prepare_id: prepareId, error: Number(f.error) } };
}

export interface ClickTransaction {
  click_trans_id: string;
  merchant_trans_id: string;
  merchant_prepare_id: number;
  merchant_confirm_id: number | null;
  amount: number;
  state: 'prepared' | 'completed' | 'cancelled';
  prepare_time: number;
  complete_time: number | null;
}

export interface ClickContext {
  now: number;
  /** md5 of clickSignString(request, secret), hex, computed by the caller. */
  expectedSign: string;
  policy: Pick<BillingPolicy, 'payment'>;
  /** The personal account in merchant_trans_id, as the caller found it (Prepare). */
  account: 'ok' | 'not_found' | 'not_payable';
  /** Our next ids, integers as Click requires. */
  newPrepareId: number;
  newConfirmId: number;
}

export interface ClickOutcome {
  reply: Record<string, string | number | null>;
  transaction: ClickTransaction | null;
  changed: boolean;
  effect: 'payment' | null;
}

const STATES: readonly string[] = ['prepared', 'completed', 'cancelled'];

function outcome(
  r: ClickRequest,
  code: ClickErrorCode,
  t: ClickTransaction | null,
  changed = false,
  effect: ClickOutcome['effect'] = null,
): ClickOutcome {
  const ids: Record<string, number | null> =
    r.action === '1'
      ? { merchant_confirm_id: t?.merchant_confirm_id ?? null }
      : { merchant_prepare_id: t?.merchant_prepare_id ?? null };
  return {
    reply: {
      click_trans_id: r.click_trans_id,
      merchant_trans_id: r.merchant_trans_id,
      ...ids,
      error: code,
      error_note: CLICK_ERRORS[code].note,
    },
    transaction: t,
    changed,
    effect,
  };
}

/** Checks both steps share: the signature, then the action, then a damaged record. */
function common(
  r: ClickRequest,
  stored: ClickTransaction | null,
  c: ClickContext,
  action: '0' | '1',
): ClickOutcome | null {
  if (!hexDigestEqual(r.sign_string, c.expectedSign)) return outcome(r, -1, null);
  if (r.action !== action) return outcome(r, -3, null);
  if (stored && !STATES.includes(stored.state)) return outcome(r, -7, null);
  return null;
}

const amountOf = (r: ClickRequest, c: ClickContext): number | null => {
  const parsed = parseDecimalSom(r.amount);
  const { minTiyin, maxTiyin } = c.policy.payment;
  return parsed.ok && parsed.tiyin >= minTiyin && parsed.tiyin <= maxTiyin ? parsed.tiyin : null;
};

/** Prepare: a repeat of a prepared id answers as before; nothing is posted yet. */
export function clickPrepare(
  r: ClickRequest,
  stored: ClickTransaction | null,
  c: ClickContext,
): ClickOutcome {
  const refused = common(r, stored, c, '0');
  if (refused) return refused;
  const amount = amountOf(r, c);
  if (stored) {
    if (stored.state === 'completed') return outcome(r, -4, stored);
    if (stored.state === 'cancelled') return outcome(r, -9, stored);
    return outcome(r, amount === stored.amount ? 0 : -2, stored);
  }
  if (c.account !== 'ok') return outcome(r, -5, null);
  if (amount === null) return outcome(r, -2, null);
  const t: ClickTransaction = {
    click_trans_id: r.click_trans_id,
    merchant_trans_id: r.merchant_trans_id,
    merchant_prepare_id: c.newPrepareId,
    merchant_confirm_id: null,
    amount,
    state: 'prepared',
    prepare_time: c.now,
    complete_time: null,
  };
  return outcome(r, 0, t, true);
}

/**
 * Complete: posts the payment once. Click's failure report cancels the prepared transaction; a
 * repeat after completion is −4 and posts nothing.
 */
export function clickComplete(
  r: ClickRequest,
  stored: ClickTransaction | null,
  c: ClickContext,
): ClickOutcome {
  const refused = common(r, stored, c, '1');
  if (refused) return refused;
  if (!stored || String(stored.merchant_prepare_id) !== r.merchant_prepare_id) return outcome(r, -6, null);
  if (stored.state === 'completed') return outcome(r, -4, stored);
  if (stored.state === 'cancelled') return outcome(r, -9, stored);
  if (r.error < 0) return outcome(r, -9, { ...stored, state: 'cancelled' }, true);
  if (amountOf(r, c) !== stored.amount) return outcome(r, -2, stored);
  const t: ClickTransaction = {
    ...stored,
    state: 'completed',
    merchant_confirm_id: c.newConfirmId,
    complete_time: c.now,
  };
  return outcome(r, 0, t, true, 'payment');
}
