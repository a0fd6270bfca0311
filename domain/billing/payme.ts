// The Payme Merchant API's transaction rules as a pure state machine: given the transaction as
// stored (or none), a parsed call, the clock and what the caller looked up, it answers what to
// reply, what to store and what the ledger must post. Repeating a call with a known id answers the
// stored result and changes nothing, so Payme's retries and reorderings never double a payment.
//
// Timeout: a created transaction lives while now − create_time ≤ paymeTimeoutMs (12 h) and is
// expired only strictly after, as in Payme's reference merchant; our create_time, not Payme's
// `time`, so one clock decides. An expired transaction met by CreateTransaction or
// PerformTransaction is cancelled with reason 4 (to be stored) and the call answers −31008.
import { type PaymeCancelReason, type PaymeError, type PaymeState, paymeError } from './payme-codes.ts';
import { PAYME_ACCOUNT_FIELD, type PaymeAccount, type PaymeCall } from './payme-request.ts';
import type { BillingPolicy } from './policy.ts';

export interface PaymeTransaction {
  /** Payme's id. */
  id: string;
  /** Payme's creation time, UTC ms. */
  time: number;
  amount: number;
  account: PaymeAccount;
  /** Our id for it: the ledger transfer's. */
  transaction: string;
  state: PaymeState;
  create_time: number;
  perform_time: number;
  cancel_time: number;
  reason: PaymeCancelReason | null;
}

export interface PaymeContext {
  now: number;
  policy: Pick<BillingPolicy, 'paymeTimeoutMs' | 'payment'>;
  /** The personal account in the call's `account`, as the caller found it. */
  account: 'ok' | 'not_found' | 'not_payable';
  /** Another created, unperformed transaction holds the same account. */
  otherActive: boolean;
  /** A performed payment may still be refunded (cancel to −2) rather than answered −31007. */
  canRefund: boolean;
  /** Our id for a transaction created by this call. */
  newTransactionId: string;
}

export type PaymeReply = { result: Record<string, unknown> } | { error: PaymeError };

export interface PaymeOutcome {
  reply: PaymeReply;
  /** The transaction as it must now be stored; `changed` says whether to write it. */
  transaction: PaymeTransaction | null;
  changed: boolean;
  /** What the ledger posts in the same database transaction as the store. */
  effect: 'payment' | 'refund' | null;
}

const KNOWN_STATES: readonly number[] = [1, 2, -1, -2];

const expired = (t: PaymeTransaction, c: PaymeContext) =>
  t.state === 1 && c.now - t.create_time > c.policy.paymeTimeoutMs;

const answer = (transaction: PaymeTransaction | null, result: Record<string, unknown>): PaymeOutcome => ({
  reply: { result },
  transaction,
  changed: false,
  effect: null,
});
const fail = (transaction: PaymeTransaction | null, error: PaymeError): PaymeOutcome => ({
  reply: { error },
  transaction,
  changed: false,
  effect: null,
});
const store = (
  t: PaymeTransaction,
  reply: PaymeReply,
  effect: PaymeOutcome['effect'] = null,
): PaymeOutcome => ({
  reply,
  transaction: t,
  changed: true,
  effect,
});

const cancelled = (t: PaymeTransaction, now: number, reason: PaymeCancelReason): PaymeTransaction => ({
  ...t,
  state: t.state === 2 ? -2 : -1,
  cancel_time: now,
  reason,
});
const createdResult = (t: PaymeTransaction) => ({
  create_time: t.create_time,
  transaction: t.transaction,
  state: t.state,
});
const cancelResult = (t: PaymeTransaction) => ({
  transaction: t.transaction,
  cancel_time: t.cancel_time,
  state: t.state,
});

/** The account and amount rules shared by CheckPerformTransaction and CreateTransaction. */
function refusal(amount: number, c: PaymeContext): PaymeError | null {
  if (c.account === 'not_found') return paymeError(-31050, PAYME_ACCOUNT_FIELD);
  if (c.account === 'not_payable') return paymeError(-31051, PAYME_ACCOUNT_FIELD);
  const { minTiyin, maxTiyin } = c.policy.payment;
  if (!Number.isSafeInteger(amount) || amount < minTiyin || amount > maxTiyin) return paymeError(-31001);
  return null;
}

export function paymeTransition(
  stored: PaymeTransaction | null,
  call: Exclude<PaymeCall, { method: 'GetStatement' | 'ChangePassword' }>,
  c: PaymeContext,
): PaymeOutcome {
  // A stored state outside Payme's four means the data is damaged: a system error, not a guess.
  if (stored && !KNOWN_STATES.includes(stored.state)) return fail(stored, paymeError(-32400));
  switch (call.method) {
    case 'CheckPerformTransaction': {
      const refused = refusal(call.params.amount, c);
      return refused ? fail(null, refused) : answer(null, { allow: true });
    }
    case 'CreateTransaction': {
      if (stored) {
        if (stored.state !== 1) return fail(stored, paymeError(-31008));
        if (expired(stored, c)) return store(cancelled(stored, c.now, 4), { error: paymeError(-31008) });
        return answer(stored, createdResult(stored));
      }
      const refused = refusal(call.params.amount, c);
      if (refused) return fail(null, refused);
      if (c.otherActive) return fail(null, paymeError(-31008));
      const t: PaymeTransaction = {
        ...call.params,
        transaction: c.newTransactionId,
        state: 1,
        create_time: c.now,
        perform_time: 0,
        cancel_time: 0,
        reason: null,
      };
      return store(t, { result: createdResult(t) });
    }
    case 'PerformTransaction': {
      if (!stored) return fail(null, paymeError(-31003));
      const performed = {
        transaction: stored.transaction,
        perform_time: stored.perform_time,
        state: stored.state,
      };
      if (stored.state === 2) return answer(stored, performed);
      if (stored.state !== 1) return fail(stored, paymeError(-31008));
      if (expired(stored, c)) return store(cancelled(stored, c.now, 4), { error: paymeError(-31008) });
      const t: PaymeTransaction = { ...stored, state: 2, perform_time: c.now };
      return store(
        t,
        { result: { transaction: t.transaction, perform_time: t.perform_time, state: 2 } },
        'payment',
      );
    }
    case 'CancelTransaction': {
      if (!stored) return fail(null, paymeError(-31003));
      if (stored.state < 0) return answer(stored, cancelResult(stored));
      if (stored.state === 2 && !c.canRefund) return fail(stored, paymeError(-31007));
      const t = cancelled(stored, c.now, call.params.reason);
      return store(t, { result: cancelResult(t) }, stored.state === 2 ? 'refund' : null);
    }
    case 'CheckTransaction': {
      if (!stored) return fail(null, paymeError(-31003));
      const { create_time, perform_time, cancel_time, transaction, state, reason } = stored;
      return answer(stored, { create_time, perform_time, cancel_time, transaction, state, reason });
    }
  }
}

/** GetStatement: the transactions Payme created in [from, to] (its `time`), oldest first. */
export function paymeStatement(
  transactions: readonly PaymeTransaction[],
  from: number,
  to: number,
): { transactions: Record<string, unknown>[] } {
  return {
    transactions: transactions
      .filter((t) => t.time >= from && t.time <= to)
      .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1))
      .map((t) => ({
        id: t.id,
        time: t.time,
        amount: t.amount,
        account: t.account,
        create_time: t.create_time,
        perform_time: t.perform_time,
        cancel_time: t.cancel_time,
        transaction: t.transaction,
        state: t.state,
        reason: t.reason,
      })),
  };
}
