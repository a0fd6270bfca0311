// The Click SHOP API against the database: Prepare and Complete each run in one transaction under
// the lock of the Click transaction's row (a new one also under the owner's account lock, so a
// concurrent Prepare of the same id waits and then sees it); domain/billing/click.ts decides, and
// a Complete posts the payment to the ledger in the same transaction.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type ClickContext,
  type ClickTransaction,
  clickComplete,
  clickPrepare,
  clickSignString,
  readClickRequest,
} from '../../domain/billing/click.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import { type AccountLookup, findPayableAccount, lockAccount, postPayment } from './payments.ts';

interface Row {
  click_trans_id: string;
  merchant_trans_id: string;
  account_id: string;
  merchant_prepare_id: string;
  merchant_confirm_id: string | null;
  amount: string;
  state: ClickTransaction['state'];
  prepare_time: string;
  complete_time: string | null;
}

const fromRow = (r: Row): ClickTransaction => ({
  click_trans_id: r.click_trans_id,
  merchant_trans_id: r.merchant_trans_id,
  merchant_prepare_id: Number(r.merchant_prepare_id),
  merchant_confirm_id: r.merchant_confirm_id === null ? null : Number(r.merchant_confirm_id),
  amount: Number(r.amount),
  state: r.state,
  prepare_time: Number(r.prepare_time),
  complete_time: r.complete_time === null ? null : Number(r.complete_time),
});

async function locked(em: EntityManager, id: string): Promise<Row | null> {
  const [row] = await em.execute<Row[]>(
    `select * from click_transaction where click_trans_id = ? for update`,
    [id],
  );
  return row ?? null;
}

/** The ledger transfer of a Click payment: Click's id is the idempotency key. */
export const clickTransferId = (clickTransId: string) => `click:${clickTransId}`;

export interface ClickOptions {
  policy: BillingPolicy;
  now: number;
  /** Unset: no signature matches, every call is −1. */
  secretKey?: string;
}

export type ClickReply = Record<string, string | number | null>;

/** One Click form post (Prepare or Complete, as the path says): the JSON Click gets back. */
export async function handleClickCall(
  em: EntityManager,
  step: 'prepare' | 'complete',
  form: Readonly<Record<string, string | undefined>>,
  o: ClickOptions,
): Promise<ClickReply> {
  const read = readClickRequest(form);
  if (!read.ok) return read.reply;
  const r = read.request;
  // Transaction ids longer than the column are nobody's: −8 rather than a database error.
  if (r.click_trans_id.length > 32 || r.merchant_trans_id.length > 64)
    return {
      click_trans_id: r.click_trans_id,
      merchant_trans_id: r.merchant_trans_id,
      error: -8,
      error_note: 'Error in request from click',
    };
  const expectedSign = o.secretKey
    ? createHash('md5').update(clickSignString(r, o.secretKey)).digest('hex')
    : '';
  return em.transactional(async (tx) => {
    let row = await locked(tx, r.click_trans_id);
    let lookup: AccountLookup = { status: 'not_found' };
    let newPrepareId = 0;
    if (!row && step === 'prepare') {
      lookup = await findPayableAccount(tx, r.merchant_trans_id);
      if (lookup.status === 'ok') {
        await lockAccount(tx, lookup.accountId);
        row = await locked(tx, r.click_trans_id);
        const [next] = await tx.execute<{ id: string }[]>(
          `select nextval(pg_get_serial_sequence('click_transaction', 'merchant_prepare_id'))::text as id`,
        );
        newPrepareId = Number(next!.id);
      }
    }
    const stored = row ? fromRow(row) : null;
    const context: ClickContext = {
      now: o.now,
      expectedSign,
      policy: o.policy,
      account: lookup.status,
      newPrepareId,
      // One Click transaction is confirmed once: its prepare id serves as its confirm id too.
      newConfirmId: stored?.merchant_prepare_id ?? 0,
    };
    const outcome = step === 'prepare' ? clickPrepare(r, stored, context) : clickComplete(r, stored, context);
    const t = outcome.transaction;
    if (!outcome.changed || !t) return outcome.reply;
    const account = row?.account_id ?? (lookup.status === 'ok' ? lookup.accountId : null);
    if (!account) throw new Error(`Click transaction ${t.click_trans_id} has no account to store`);
    await tx.execute(
      `insert into click_transaction (click_trans_id, merchant_trans_id, account_id, merchant_prepare_id,
                                      merchant_confirm_id, amount, state, prepare_time, complete_time)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (click_trans_id) do update set merchant_confirm_id = excluded.merchant_confirm_id,
              state = excluded.state, complete_time = excluded.complete_time`,
      [
        t.click_trans_id,
        t.merchant_trans_id,
        account,
        t.merchant_prepare_id,
        t.merchant_confirm_id,
        t.amount,
        t.state,
        t.prepare_time,
        t.complete_time,
      ],
    );
    if (outcome.effect === 'payment')
      await postPayment(tx, {
        provider: 'click',
        providerId: t.click_trans_id,
        transferId: clickTransferId(t.click_trans_id),
        account,
        amount: t.amount,
        policy: o.policy,
      });
    return outcome.reply;
  });
}
