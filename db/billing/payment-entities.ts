// The payment providers' transactions as they call us: Payme's (its id, our state machine's row)
// and Click's (its click_trans_id, with the integer ids we hand back). A row is written under its
// own lock in the same database transaction as the ledger transfer it causes, so a replayed or
// reordered call finds the stored state and posts nothing twice.
import { defineEntity, p } from '@mikro-orm/core';
import { KEEP, now } from '../columns.ts';
import { LedgerAccount } from './entities.ts';

export const PaymeTransactionRow = defineEntity({
  name: 'PaymeTransactionRow',
  tableName: 'payme_transaction',
  // The account alone, not its state: Perform moves the state, and a column no index holds lets
  // that update stay on its page (HOT) without new entries in every index. An account has a
  // handful of rows, so the live-transaction check filters them by state after the index.
  indexes: [{ properties: ['time'] }, { properties: ['account'] }],
  checks: [
    { name: 'payme_transaction_state_check', expression: 'state in (1, 2, -1, -2)' },
    { name: 'payme_transaction_amount_check', expression: 'amount > 0' },
  ],
  properties: {
    /** Payme's transaction id. */
    id: p.string().length(64).primary(),
    /** Payme's creation time, UTC ms. */
    time: p.bigint('number'),
    /** Tiyin. */
    amount: p.bigint('number'),
    /** The `account` object as Payme sent it. */
    accountFields: p.json<Record<string, string>>(),
    /** The owner's receivable the payment credits. */
    account: () => p.manyToOne(LedgerAccount).deleteRule(KEEP).updateRule(KEEP),
    /** Our id for it, which is also the payment transfer's id on the ledger. */
    transaction: p.string().length(200).unique(),
    state: p.smallint(),
    createTime: p.bigint('number'),
    performTime: p.bigint('number').default(0),
    cancelTime: p.bigint('number').default(0),
    reason: p.smallint().nullable(),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const ClickTransactionRow = defineEntity({
  name: 'ClickTransactionRow',
  tableName: 'click_transaction',
  checks: [
    { name: 'click_transaction_state_check', expression: "state in ('prepared', 'completed', 'cancelled')" },
  ],
  properties: {
    clickTransId: p.string().length(32).primary(),
    /** Our personal account number, as Click sent it. */
    merchantTransId: p.string().length(64),
    account: () => p.manyToOne(LedgerAccount).deleteRule(KEEP).updateRule(KEEP),
    merchantPrepareId: p.bigint('number').autoincrement().unique(),
    merchantConfirmId: p.bigint('number').nullable().unique(),
    /** Tiyin. */
    amount: p.bigint('number'),
    state: p.string().length(16),
    prepareTime: p.bigint('number'),
    completeTime: p.bigint('number').nullable(),
  },
});

export const paymentEntities = [PaymeTransactionRow, ClickTransactionRow];
