// What Payme and Click have in common once a call is understood: finding the owner's account
// behind a personal account number, and posting a payment (or its reversal) to the ledger with
// the oldest debt settled first. The callers hold the provider transaction's row lock and call
// these in the same database transaction, so the row and the ledger never disagree.
//
// Debts are rebuilt from the ledger: each month's contribution (accrual) and penalty charged to
// the account, less what earlier payments' recorded allocations settled (a reversal gives its
// allocations back). An advance the accrual consumed, or a correction, shows only in the balance,
// so the debts are capped at the balance, the oldest settled first: the books decide, the
// allocation only explains.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type Allocation,
  allocatePayment,
  type Debt,
  settlementOrder,
} from '../../domain/billing/allocation.ts';
import { accountId, type Provider, parseAccountId } from '../../domain/billing/ledger.ts';
import { personalAccountSerial } from '../../domain/billing/personal-account.ts';
import type { AllocationOrder, BillingPolicy } from '../../domain/billing/policy.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { executeBound, preparedExecute, statement } from '../sql.ts';
import { onOwnerPaid, onOwnersPaid } from './electricity.ts';
import { type Along, postTransfers, type TransferInput } from './ledger.ts';

/** An `along` statement on its own: its parameters $2 … become $1 …. */
const renumbered = (sql: string) => sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) - 1}`);

export type AccountLookup =
  | { status: 'ok'; accountId: string; buildingId: string }
  | { status: 'not_found' | 'not_payable' };

/** findPayableAccount's read, one parameter (the serial), for a caller that folds it into its own statement. */
export const PAYABLE_ACCOUNT_SQL = `select a.id, a.building_id,
        exists (select 1 from billing_building b where b.building_id = a.building_id) as payable
   from ledger_account a where a.serial = ? and a.kind = 'owner_receivable'`;

const PAYABLE_ACCOUNT = statement(PAYABLE_ACCOUNT_SQL);

export type PayableRow = { id: string; building_id: string | null; payable: boolean };

export function payableLookup(row: PayableRow | null | undefined): AccountLookup {
  if (!row) return { status: 'not_found' };
  if (!row.payable || !row.building_id) return { status: 'not_payable' };
  return { status: 'ok', accountId: row.id, buildingId: row.building_id };
}

/** The owner's receivable a personal account number names, and whether its building takes payments. */
export async function findPayableAccount(em: EntityManager, personalAccount: string): Promise<AccountLookup> {
  const serial = personalAccountSerial(personalAccount);
  if (serial === null) return { status: 'not_found' };
  const [row] = await preparedExecute<PayableRow>(em, PAYABLE_ACCOUNT, [serial]);
  return payableLookup(row);
}

const LOCK_ACCOUNT = statement(
  `select balance::text as balance, building_id from ledger_account where id = ? for update`,
);

/** The owner's account row, locked until the transaction ends: payments to one account queue here. */
export async function lockAccount(em: EntityManager, account: string): Promise<LockedAccount> {
  const [row] = await preparedExecute<{ balance: string; building_id: string | null }>(em, LOCK_ACCOUNT, [
    account,
  ]);
  if (!row) throw new Error(`ledger account ${account} does not exist`);
  return { balance: BigInt(row.balance), buildingId: row.building_id };
}

/**
 * What an account still owes by month and kind, before capping at its balance: `account` is an SQL
 * expression (a parameter, or a column of the caller's statement). Through the account's entries
 * (indexed by account), not by scanning transfers: an entry exists only for a posted transfer, and
 * the kinds fix which side the account is on.
 */
export const debtRowsSql = (account: string) => `with moves as (
       select t.kind, t.period, t.amount, t.detail
         from ledger_entry e join ledger_transfer t on t.id = e.transfer_id
        where e.account_id = ${account} and t.kind in ('accrual', 'penalty', 'payment', 'refund')
     ),
     charged as (
       select period, case when kind = 'accrual' then 'contribution' else 'penalty' end as kind, amount
         from moves where kind in ('accrual', 'penalty') and period is not null
     ),
     settled as (
       select a.period, a.kind, case when m.kind = 'payment' then -a.amount else a.amount end as amount
         from moves m
         cross join lateral jsonb_to_recordset(coalesce(m.detail->'allocations', '[]'::jsonb))
                    as a(period text, kind text, amount bigint)
        where m.kind in ('payment', 'refund')
     )
     select period, kind, sum(amount)::text as outstanding
       from (select * from charged union all select * from settled) x
      group by period, kind having sum(amount) > 0`;

const DEBTS = statement(debtRowsSql('?'));

export interface DebtRow {
  period: string;
  kind: Debt['kind'];
  outstanding: string;
}

/** The debts in settlement order, capped at the balance: an advance the accrual consumed shows only there. */
export function capDebts(rows: readonly DebtRow[], balance: bigint, order: AllocationOrder): Debt[] {
  const room = balance > 0n ? balance : 0n;
  const total = rows.reduce((s, r) => s + BigInt(r.outstanding), 0n);
  let excess = total > room ? total - room : 0n;
  const debts: Debt[] = [];
  for (const d of settlementOrder(
    rows.map((r) => ({ period: r.period, kind: r.kind, outstanding: Number(r.outstanding) })),
    order,
  )) {
    const cut = BigInt(d.outstanding) < excess ? BigInt(d.outstanding) : excess;
    excess -= cut;
    if (BigInt(d.outstanding) - cut > 0n) debts.push({ ...d, outstanding: d.outstanding - Number(cut) });
  }
  return debts;
}

/** What the account still owes by month and kind, in settlement order, capped at its balance. */
export async function debtsOf(
  em: EntityManager,
  account: string,
  balance: bigint,
  order: AllocationOrder,
): Promise<Debt[]> {
  return capDebts(await preparedExecute<DebtRow>(em, DEBTS, [account]), balance, order);
}

/** debtsOf for several accounts in one query, each capped at its own balance. */
async function debtsOfAccounts(
  em: EntityManager,
  balances: ReadonlyMap<string, bigint>,
  order: AllocationOrder,
): Promise<Map<string, Debt[]>> {
  const rows = await em.execute<
    { account_id: string; period: string; kind: Debt['kind']; outstanding: string }[]
  >(
    // Through the accounts' entries (indexed by account), not by scanning transfers: an entry
    // exists only for a posted transfer, and the kinds fix which side the account is on.
    `with moves as (
       select e.account_id, t.kind, t.period, t.amount, t.detail
         from ledger_entry e join ledger_transfer t on t.id = e.transfer_id
        where e.account_id in (select jsonb_array_elements_text(?::jsonb))
          and t.kind in ('accrual', 'penalty', 'payment', 'refund')
     ),
     charged as (
       select account_id, period, case when kind = 'accrual' then 'contribution' else 'penalty' end as kind, amount
         from moves where kind in ('accrual', 'penalty') and period is not null
     ),
     settled as (
       select m.account_id, a.period, a.kind, case when m.kind = 'payment' then -a.amount else a.amount end as amount
         from moves m
         cross join lateral jsonb_to_recordset(coalesce(m.detail->'allocations', '[]'::jsonb))
                    as a(period text, kind text, amount bigint)
        where m.kind in ('payment', 'refund')
     )
     select account_id, period, kind, sum(amount)::text as outstanding
       from (select * from charged union all select * from settled) x
      group by account_id, period, kind having sum(amount) > 0`,
    [JSON.stringify([...balances.keys()])],
  );
  const out = new Map<string, Debt[]>();
  for (const [account, balance] of balances)
    out.set(
      account,
      capDebts(
        rows.filter((r) => r.account_id === account),
        balance,
        order,
      ),
    );
  return out;
}

export interface LockedAccount {
  balance: bigint;
  buildingId: string | null;
}

export interface PaymentPosting {
  provider: Provider;
  /** The provider's transaction id: the transfer's idempotency key comes from it. */
  providerId: string;
  transferId: string;
  account: string;
  amount: number;
  policy: BillingPolicy;
  /** The Tashkent day the money came in, when it is not today: a bank statement's value date. */
  paidOn?: string;
  /** The owner's account as the caller locked it in this transaction (lockAccount's answer). */
  locked?: LockedAccount;
  /**
   * What the caller read with that lock, in the same statement (paymentReadSql): the payment then
   * posts in one statement more, and `along` rides in it.
   */
  known?: KnownAccount;
  along?: Along;
}

/** paymentReadSql's answer about the locked owner's account. */
export interface KnownAccount {
  debts: DebtRow[];
  /** The provider's clearing account of the building exists (else the posting creates it). */
  clearingExists: boolean;
  /** The owner's electricity is blocked: the payment may lift it. */
  blocked: boolean;
}

/**
 * For a caller that locks the owner's account in its own statement (`a`, a relation with the
 * account's id, building_id and owner_id; `provider` an SQL expression): the columns of
 * KnownAccount as `debts`, `clearing` and `blocked`. Read in the statement that takes the lock,
 * they are as of its snapshot: the caller compares the locked row's xmin with the snapshot's
 * (`seen`) and reads again when another transaction changed the account meanwhile.
 */
export const knownAccountSql = (a: string, provider: string) => `
  (select xmin::text from ledger_account where id = (select id from ${a})) as seen,
  (select coalesce(jsonb_agg(d), '[]'::jsonb) from (${debtRowsSql(`(select id from ${a})`)}) d) as debts,
  -- accountId's provider_clearing with a building (domain/billing/ledger.ts)
  exists (select 1 from ledger_account c
           where c.id = 'clearing/' || ${provider} || '/' || (select building_id from ${a})) as clearing,
  exists (select 1 from electricity_block b
           where b.owner_id = (select owner_id from ${a}) and b.status = 'blocked') as blocked`;

/**
 * The provider's clearing account of the owner's building: payments of different buildings lock
 * different rows, so they do not queue behind one provider-wide row. The bank statements settle
 * into it and the reconciliation reads it per building. An account with no building (none is
 * made so) stays on the provider-wide one.
 */
const clearingOf = (provider: Provider, buildingId: string | null) =>
  accountId({ kind: 'provider_clearing', provider, ...(buildingId ? { buildingId } : {}) });

/** A payment's transfer, its allocations of `debts` (capped, in settlement order) and the day it counts. */
function paymentTransfer(
  p: Pick<
    PaymentPosting,
    'provider' | 'providerId' | 'transferId' | 'account' | 'amount' | 'policy' | 'paidOn'
  >,
  buildingId: string | null,
  debts: Debt[],
): { transfer: TransferInput; allocations: Allocation[]; paidOn: string } {
  const { allocations, advance } = allocatePayment(p.amount, debts, p.policy.allocationOrder);
  // Penalty days are counted to the day the money came in, in Tashkent.
  const paidOn = p.paidOn ?? tashkentDate(Date.now());
  return {
    transfer: {
      id: p.transferId,
      debit: clearingOf(p.provider, buildingId),
      credit: p.account,
      amount: p.amount,
      kind: 'payment',
      reason: `${p.provider} payment ${p.providerId}`,
      period: null,
      buildingId,
      detail: { provider: p.provider, providerId: p.providerId, allocations, advance, paidOn },
    },
    allocations,
    paidOn,
  };
}

/**
 * A payment posted in one statement, outside any transaction, on what the caller read without a
 * lock (`seen`): the statement locks the rows `along.guard` names and records nothing when they
 * changed since (it then answers false, and the caller takes the locked way). Only for an account
 * whose clearing exists and whose electricity is not blocked: there is nothing else to write.
 */
export async function postPaymentAlone(
  em: EntityManager,
  p: Omit<PaymentPosting, 'locked' | 'known'> & {
    seen: LockedAccount & { debts: DebtRow[] };
    along: Along;
    /** Committed with the other payments arriving meanwhile (ledger.ts PostOptions.grouped). */
    grouped?: boolean;
  },
): Promise<boolean> {
  const debts = capDebts(p.seen.debts, p.seen.balance, p.policy.allocationOrder);
  const { transfer } = paymentTransfer(p, p.seen.buildingId, debts);
  const result = await postTransfers(em, [transfer], {
    accountsExist: true,
    along: p.along,
    alone: true,
    grouped: p.grouped,
  });
  return result.recorded === 1;
}

/**
 * The provider's clearing of the owner's building → owner's receivable, settling the oldest debts; the rest stays as an
 * advance. Call inside the transaction that records the provider's
 * transaction.
 */
export async function postPayment(em: EntityManager, p: PaymentPosting): Promise<Allocation[]> {
  const { balance, buildingId } = p.locked ?? (await lockAccount(em, p.account));
  const debts = p.known
    ? capDebts(p.known.debts, balance, p.policy.allocationOrder)
    : await debtsOf(em, p.account, balance, p.policy.allocationOrder);
  const { transfer, allocations, paidOn } = paymentTransfer(p, buildingId, debts);
  await postTransfers(em, [transfer], p.known?.clearingExists ? { accountsExist: true, along: p.along } : {});
  if (p.along && !p.known?.clearingExists) await executeBound(em, renumbered(p.along.sql), p.along.values);
  // A payment that clears the debt lifts the owner's electricity block at once, in the same
  // transaction: the lift's message to the supplier commits with the money or not at all.
  const owner = parseAccountId(p.account);
  if (owner?.kind === 'owner_receivable' && (!p.known || p.known.blocked))
    await onOwnerPaid(em, owner.ownerId, p.policy, paidOn);
  return allocations;
}

/**
 * Several payments in one transaction, as one ledger batch (a bank statement's matched lines):
 * the accounts locked in the ledger's order, their debts read at once, and each account's payments
 * allocated in the order given, each against what the earlier ones left, exactly as one
 * postPayment after another would. All carry the same policy.
 */
export async function postPayments(
  em: EntityManager,
  payments: readonly PaymentPosting[],
): Promise<Allocation[][]> {
  if (payments.length === 0) return [];
  const policy = payments[0]!.policy;
  const order = policy.allocationOrder;
  const locked = await em.execute<{ id: string; balance: string; building_id: string | null }[]>(
    `select id, balance::text as balance, building_id from ledger_account
      where id in (select jsonb_array_elements_text(?::jsonb)) order by id collate "C" for update`,
    [JSON.stringify([...new Set(payments.map((p) => p.account))])],
  );
  const accounts = new Map(locked.map((r) => [r.id, r]));
  for (const p of payments)
    if (!accounts.has(p.account)) throw new Error(`ledger account ${p.account} does not exist`);
  const debts = await debtsOfAccounts(em, new Map(locked.map((r) => [r.id, BigInt(r.balance)])), order);
  // Penalty days are counted to the day the money came in, in Tashkent.
  const today = tashkentDate(Date.now());
  const paidOwners = new Map<string, string>();
  const results: Allocation[][] = [];
  const transfers: TransferInput[] = payments.map((p) => {
    const { allocations, advance, remaining } = allocatePayment(p.amount, debts.get(p.account)!, order);
    debts.set(p.account, remaining);
    results.push(allocations);
    const paidOn = p.paidOn ?? today;
    const owner = parseAccountId(p.account);
    if (owner?.kind === 'owner_receivable') {
      const last = paidOwners.get(owner.ownerId);
      if (last === undefined || last < paidOn) paidOwners.set(owner.ownerId, paidOn);
    }
    return {
      id: p.transferId,
      debit: clearingOf(p.provider, accounts.get(p.account)!.building_id),
      credit: p.account,
      amount: p.amount,
      kind: 'payment',
      reason: `${p.provider} payment ${p.providerId}`,
      period: null,
      buildingId: accounts.get(p.account)!.building_id,
      detail: { provider: p.provider, providerId: p.providerId, allocations, advance, paidOn },
    };
  });
  await postTransfers(em, transfers);
  // A payment that clears the debt lifts the owner's electricity block at once, in the same
  // transaction: the lift's message to the supplier commits with the money or not at all.
  await onOwnersPaid(
    em,
    [...paidOwners].map(([ownerId, date]) => ({ ownerId, date })),
    policy,
  );
  return results;
}

/**
 * The payment undone: owner's receivable → provider clearing, with its reason, giving back what
 * the payment settled so the debts it cleared are owed again.
 */
export async function postReversal(
  em: EntityManager,
  p: { provider: Provider; providerId: string; paymentId: string; reason: string },
): Promise<void> {
  const [payment] = await em.execute<
    {
      debit_account_id: string;
      credit_account_id: string;
      amount: string;
      building_id: string | null;
      detail: { allocations?: Allocation[] } | null;
    }[]
  >(
    `select debit_account_id, credit_account_id, amount::text as amount, building_id, detail from ledger_transfer
      where id = ? and kind = 'payment' and status = 'posted'`,
    [p.paymentId],
  );
  if (!payment) throw new Error(`payment ${p.paymentId} is not on the ledger`);
  await lockAccount(em, payment.credit_account_id);
  await postTransfers(em, [
    {
      id: `${p.paymentId}:reversal`,
      debit: payment.credit_account_id,
      // Back to the clearing account the payment came from.
      credit: payment.debit_account_id,
      amount: Number(payment.amount),
      kind: 'refund',
      reason: p.reason,
      period: null,
      buildingId: payment.building_id,
      detail: {
        provider: p.provider,
        providerId: p.providerId,
        reverses: p.paymentId,
        allocations: payment.detail?.allocations ?? [],
      },
    },
  ]);
}
