// The Payme Merchant API against the database: each call runs in one transaction, under the lock
// of its Payme transaction's row (and, to create one, of the owner's account, so two creations for
// one account cannot both see it free); domain/billing/payme.ts decides, this file stores what it
// decided and posts the payment or its reversal to the ledger in the same transaction.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type PaymeContext,
  type PaymeReply,
  type PaymeTransaction,
  paymeStatement,
  paymeTransition,
} from '../../domain/billing/payme.ts';
import { PAYME_CANCEL_REASONS, type PaymeState, paymeError } from '../../domain/billing/payme-codes.ts';
import { PAYME_ACCOUNT_FIELD, type PaymeCall } from '../../domain/billing/payme-request.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import {
  type AccountLookup,
  findPayableAccount,
  lockAccount,
  postPayment,
  postReversal,
} from './payments.ts';

interface Row {
  id: string;
  time: string;
  amount: string;
  account_fields: Record<string, string>;
  account_id: string;
  transaction: string;
  state: number;
  create_time: string;
  perform_time: string;
  cancel_time: string;
  reason: number | null;
}

const COLUMNS = `id, time::text, amount::text, account_fields, account_id, transaction, state, create_time::text,
                 perform_time::text, cancel_time::text, reason`;

const fromRow = (r: Row): PaymeTransaction => ({
  id: r.id,
  time: Number(r.time),
  amount: Number(r.amount),
  account: r.account_fields,
  transaction: r.transaction,
  state: r.state as PaymeState,
  create_time: Number(r.create_time),
  perform_time: Number(r.perform_time),
  cancel_time: Number(r.cancel_time),
  reason: r.reason as PaymeTransaction['reason'],
});

async function locked(em: EntityManager, id: string): Promise<Row | null> {
  const [row] = await em.execute<Row[]>(`select ${COLUMNS} from payme_transaction where id = ? for update`, [
    id,
  ]);
  return row ?? null;
}

/** The ledger transfer of a Payme payment: Payme's id is the idempotency key. */
export const paymeTransferId = (paymeId: string) => `payme:${paymeId}`;

/** The month a Tashkent receipt counts a payment in (UTC+5 all year). */
const tashkentMonth = (ms: number) => new Date(ms + 5 * 3600_000).toISOString().slice(0, 7);

export interface PaymeOptions {
  policy: BillingPolicy;
  now: number;
}

/** One authorized, well-formed call: the reply Payme gets. */
export async function handlePaymeCall(
  em: EntityManager,
  call: PaymeCall,
  o: PaymeOptions,
): Promise<PaymeReply> {
  if (call.method === 'ChangePassword')
    // The key lives in the deployment's configuration, which Payme may not rewrite.
    return { error: paymeError(-32504) };
  if (call.method === 'GetStatement') {
    const rows = await em.execute<Row[]>(
      `select ${COLUMNS} from payme_transaction where time between ? and ? order by time, id`,
      [call.params.from, call.params.to],
    );
    return { result: paymeStatement(rows.map(fromRow), call.params.from, call.params.to) };
  }
  return em.transactional(async (tx) => {
    const id = 'id' in call.params ? call.params.id : null;
    let row = id === null ? null : await locked(tx, id);
    let lookup: AccountLookup = { status: 'not_found' };
    let otherActive = false;
    if (!row && 'account' in call.params) {
      lookup = await findPayableAccount(tx, call.params.account[PAYME_ACCOUNT_FIELD] ?? '');
      if (lookup.status === 'ok' && call.method === 'CreateTransaction') {
        await lockAccount(tx, lookup.accountId);
        // A concurrent creation of this id held the account's lock until it committed.
        row = await locked(tx, id!);
        const [other] = await tx.execute<{ n: number }[]>(
          `select count(*)::int as n from payme_transaction
            where account_id = ? and state = 1 and id <> ? and create_time >= ?`,
          [lookup.accountId, id, o.now - o.policy.paymeTimeoutMs],
        );
        otherActive = other!.n > 0;
      }
    }
    const stored = row ? fromRow(row) : null;
    const context: PaymeContext = {
      now: o.now,
      policy: o.policy,
      account: lookup.status,
      otherActive,
      // A payment a month's receipt has counted is corrected by the organization, not refunded by Payme.
      canRefund: stored !== null && tashkentMonth(stored.perform_time) === tashkentMonth(o.now),
      newTransactionId: paymeTransferId(id ?? ''),
    };
    const outcome = paymeTransition(stored, call, context);
    const t = outcome.transaction;
    if (!outcome.changed || !t) return outcome.reply;
    const account = row?.account_id ?? (lookup.status === 'ok' ? lookup.accountId : null);
    if (!account) throw new Error(`Payme transaction ${t.id} has no account to store`);
    await tx.execute(
      `insert into payme_transaction (id, time, amount, account_fields, account_id, transaction, state, create_time,
                                      perform_time, cancel_time, reason, updated_at)
       values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, now())
       on conflict (id) do update set state = excluded.state, perform_time = excluded.perform_time,
              cancel_time = excluded.cancel_time, reason = excluded.reason, updated_at = now()`,
      [
        t.id,
        t.time,
        t.amount,
        JSON.stringify(t.account),
        account,
        t.transaction,
        t.state,
        t.create_time,
        t.perform_time,
        t.cancel_time,
        t.reason,
      ],
    );
    if (outcome.effect === 'payment')
      await postPayment(tx, {
        provider: 'payme',
        providerId: t.id,
        transferId: t.transaction,
        account,
        amount: t.amount,
        policy: o.policy,
      });
    if (outcome.effect === 'refund')
      await postReversal(tx, {
        provider: 'payme',
        providerId: t.id,
        paymentId: t.transaction,
        reason: `Payme cancelled transaction ${t.id} after it was performed: ${t.reason} (${PAYME_CANCEL_REASONS[t.reason!]})`,
      });
    return outcome.reply;
  });
}
