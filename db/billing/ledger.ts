// The ledger's repository: what every part of billing (and whoever else records money) calls.
//
//   postTransfers(em, transfers)   record a batch: posted ones with their entries, pending ones alone
//   postPending(em, ids)           pending → posted, with their entries
//   voidPending(em, ids)           pending → voided
//   balanceOf(em, account, at?)    the balance now, or at any instant
//   entriesOf(em, account, from, to)
//   trialBalance(em)               the sum of all balances: 0n, or the books are broken
//
// A batch is one statement however large (thousands of transfers travel as one JSON parameter):
// it inserts the transfers, locks every account they touch in one fixed order (code-unit order of
// the id, as lockOrder in domain/billing/ledger.ts, so two batches never wait on each other in a
// cycle), computes each entry's balance before and after with a running sum, inserts the entries
// and moves the accounts' balances. Transfer ids are the idempotency keys: an id already recorded
// with the same content is skipped, with other content the whole batch is refused.
import { type EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import type { BillingRuleCode } from '../../domain/billing/errors.ts';
import {
  compareWithRecorded,
  parseAccountId,
  type Transfer,
  type TransferKind,
  validateTransfer,
} from '../../domain/billing/ledger.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { executeBound, groupCommitted, isUuid, preparedExecute, statement, statementsBy } from '../sql.ts';

export interface TransferInput {
  /** The idempotency key, deterministic from what is recorded. */
  id: string;
  debit: string;
  credit: string;
  /** Tiyin, > 0. */
  amount: number;
  kind: TransferKind;
  reason: string;
  period: string | null;
  /** Default 'posted'. */
  status?: 'pending' | 'posted';
  /** The building whose books the transfer belongs to (statements group by it). */
  buildingId?: string | null;
  /** A correction names the transfer it corrects. */
  correctsId?: string | null;
  /** What a receipt or statement shows about it. */
  detail?: Record<string, unknown> | null;
}

export interface PostResult {
  /** Transfers newly recorded (posted or pending). */
  recorded: number;
  /** Of them, or of the pending ones moved, how many are now posted. */
  posted: number;
  /** Already recorded with the same content: nothing done. */
  duplicates: number;
}

/** Batches this large sort in memory (work_mem); a payment's single transfer needs no setting. */
const BIG_BATCH = 100;

const refuse = (message: string, fields: string[] = []) =>
  new RuleError<BillingRuleCode>('invalid', message, fields);

/**
 * Locks, entries and balances for the transfers the CTE `moved` yields: the tail of one statement,
 * which answers `recorded` (an expression) and how many were posted. The accounts are found by
 * `= any (array(…))`, an index lookup each: the planner cannot tell how many rows a JSON
 * parameter holds (it guesses 100) and would hash-join a guess that large against every account,
 * which for a payment's two accounts was nearly all the statement's time.
 */
const postTail = (recorded: string, also = '') => `
  sides as (
    select id as transfer_id, seq, debit_account_id as account_id, amount as change from moved
    union all
    select id, seq, credit_account_id, -amount from moved
  ),
  locked as (
    select a.id, a.balance from ledger_account a
     where a.id = any (array(select distinct account_id from sides))
     order by a.id collate "C"
     for update
  ),
  running as (
    select s.transfer_id, s.account_id, s.change, s.seq,
           l.balance + sum(s.change) over (partition by s.account_id order by s.seq
                                            rows between unbounded preceding and current row) as balance_after
      from sides s join locked l on l.id = s.account_id
  ),
  entries as (
    insert into ledger_entry (transfer_id, account_id, change, balance_before, balance_after, posted_at)
    select transfer_id, account_id, change, balance_after - change, balance_after,
           date_trunc('milliseconds', clock_timestamp())
      from running order by account_id collate "C", seq
    returning 1
  ),
  balances as (
    update ledger_account a set balance = f.balance
      from (select s.account_id, l.balance + sum(s.change) as balance
              from sides s join locked l on l.id = s.account_id
             group by s.account_id, l.balance) f
     where a.id = f.account_id and a.id = any (array(select id from locked))
    returning 1
  )
select ${recorded} as recorded, (select count(*) from moved)::int as posted,
       (select count(*) from entries)::int as entries,
       (select count(*) from balances)::int as accounts${also}`;

function accountRow(id: string) {
  const a = parseAccountId(id);
  if (a === null) throw refuse(`'${id}' is not an account`, ['account']);
  const uuid = (v: string, what: string) => {
    if (!isUuid(v)) throw refuse(`account '${id}': ${what} must be a UUID`, ['account']);
    return v;
  };
  switch (a.kind) {
    case 'owner_receivable':
      return {
        id,
        kind: a.kind,
        owner: uuid(a.ownerId, 'owner'),
        apartment: uuid(a.apartmentId, 'apartment'),
      };
    case 'building_bank':
      return { id, kind: a.kind, building: uuid(a.buildingId, 'building') };
    case 'management_organization':
      return { id, kind: a.kind, organization: uuid(a.organizationId, 'organization') };
    case 'revenue':
      return { id, kind: a.kind, building: uuid(a.buildingId, 'building'), revenue: a.revenue };
    case 'building_expense':
      return { id, kind: a.kind, building: uuid(a.buildingId, 'building') };
    case 'provider_clearing':
      return a.buildingId === undefined
        ? { id, kind: a.kind }
        : { id, kind: a.kind, building: uuid(a.buildingId, 'building') };
    case 'system_upkeep':
      return { id, kind: a.kind };
  }
}

/** ensureAccounts' insert, its rows (accountRow's) in the JSON parameter `param`; `also`, a further condition. */
const ensureAccountsSql = (
  param: string,
  also = 'true',
) => `insert into ledger_account (id, kind, building_id, apartment_id, owner_id, organization_id,
                                                      revenue_kind, balance, created_at)
     select r.id, r.kind, coalesce(r.building, ap.building_id), r.apartment, r.owner, r.organization,
            r.revenue, 0, now()
       from jsonb_to_recordset(${param}::jsonb) as r(id text, kind text, building uuid, apartment uuid,
                                                     owner uuid, organization uuid, revenue text)
       left join apartment ap on ap.id = r.apartment
      where not exists (select 1 from ledger_account a where a.id = r.id) and ${also}
      order by r.id collate "C"
     on conflict (id) do nothing`;

/**
 * Creates the accounts that do not exist yet (an owner's account takes its apartment's building),
 * in the same fixed order as the locks. Existing ids are skipped before the insert, so their
 * personal-account serials are not spent on a conflict.
 */
export async function ensureAccounts(em: EntityManager, ids: Iterable<string>): Promise<void> {
  const rows = [...new Set(ids)].map(accountRow);
  if (rows.length === 0) return;
  await executeBound(em, ensureAccountsSql('$1'), [JSON.stringify(rows)]);
}

const asTransfer = (t: TransferInput): Transfer => ({
  id: t.id,
  debit: t.debit,
  credit: t.credit,
  amount: t.amount,
  kind: t.kind,
  reason: t.reason,
  period: t.period,
  status: t.status ?? 'posted',
});

/** The batch's ids (JSON in $1) already recorded with other content, with what they hold. */
const CLASH_SQL = `select t.id, t.debit_account_id as debit, t.credit_account_id as credit, t.amount::text as amount,
              t.kind, t.reason, t.period, t.status
         from jsonb_to_recordset($1::jsonb) as r(id text, debit text, credit text, amount bigint, kind text,
                                                 reason text, period text)
         join ledger_transfer t on t.id = r.id
        where (t.debit_account_id, t.credit_account_id, t.amount, t.kind, t.reason, t.period)
              is distinct from (r.debit, r.credit, r.amount, r.kind, r.reason, r.period)`;

type ClashRow = {
  id: string;
  debit: string;
  credit: string;
  amount: string;
  kind: TransferKind;
  reason: string;
  period: string | null;
  status: Transfer['status'];
};

const CONFLICTS_OR_ENSURE = statement(
  `with clash as (${CLASH_SQL}),
     ensured as (${ensureAccountsSql('$2', 'not exists (select 1 from clash)')})
     select * from clash`,
);

/**
 * Ids already recorded with other content, each with the fields that differ; when there are none,
 * the same statement creates the accounts the batch touches that do not exist yet (ensureAccounts).
 */
async function conflictsOrEnsure(
  em: EntityManager,
  json: string,
  transfers: Map<string, TransferInput>,
  accounts: Iterable<string>,
) {
  const rows = await preparedExecute<ClashRow>(em, CONFLICTS_OR_ENSURE, [
    json,
    JSON.stringify([...new Set(accounts)].map(accountRow)),
  ]);
  return clashes(rows, transfers);
}

function clashes(rows: readonly ClashRow[], transfers: Map<string, TransferInput>) {
  return rows.map((r) => {
    const recorded = { ...r, amount: Number(r.amount) };
    const outcome = compareWithRecorded(recorded, asTransfer(transfers.get(r.id)!));
    return { id: r.id, fields: outcome.outcome === 'conflict' ? outcome.fields : [] };
  });
}

const postNewSql = (known: boolean, along = '', guard = '') =>
  `with ${
    known
      ? `clash as (${CLASH_SQL}),
       ${guard ? `guard as (${guard}),` : ''}
       ${along ? `along as (${along}),` : ''}`
      : ''
  } input as (
         select * from jsonb_to_recordset($1::jsonb) as r(id text, debit text, credit text, amount bigint,
                  kind text, reason text, period text, status text, building uuid, corrects text, detail jsonb)
         ${known ? `where not exists (select 1 from clash)${guard ? ' and exists (select 1 from guard)' : ''}` : ''}
       ),
       inserted as (
         insert into ledger_transfer (id, kind, debit_account_id, credit_account_id, amount, reason, period,
                                      building_id, corrects_id, status, detail, created_at, posted_at)
         select id, kind, debit, credit, amount, reason, period, building, corrects, status, detail, now(),
                case when status = 'posted' then now() end
           from input order by id collate "C"
         on conflict (id) do nothing
         returning id, seq, debit_account_id, credit_account_id, amount, status
       ),
       moved as (select * from inserted where status = 'posted'),
       ${postTail(
         '(select count(*) from inserted)::int',
         known ? `, (select coalesce(jsonb_agg(clash), '[]'::jsonb) from clash) as clash` : '',
       )}`;
const POST_NEW = statement(postNewSql(false));
/** postNewSql with its statement made once per `along` and `guard` (the key holds both). */
const postKnown = statementsBy((key) => {
  const [along, guard] = key.split('\u0000');
  return postNewSql(true, along, guard);
});
const alongKey = (a: Along | undefined) => (a ? `${a.sql}\u0000${a.guard ?? ''}` : '');

/**
 * A write that must commit with the batch or not at all, run in the posting statement itself (a
 * provider's transaction row): `sql` is a data-modifying statement whose parameters are $2, $3 …
 * in the order of `values`. It runs even when the batch is refused, which then aborts the
 * transaction it is part of.
 */
export interface Along {
  sql: string;
  values: readonly unknown[];
  /**
   * A select of the rows the batch stands on, locked (`for update`), which yields no row when they
   * are no longer as the caller read them: then nothing is recorded (`recorded` 0), and `sql`
   * should ask `exists (select 1 from guard)` too. Its parameters are numbered with `values`.
   */
  guard?: string;
}

export interface PostOptions {
  /**
   * Every account the batch touches is known to exist (the caller read them in this transaction):
   * the conflict check runs inside the posting statement instead of one of its own, which also
   * creates missing accounts.
   */
  accountsExist?: boolean;
  /** Only with accountsExist. */
  along?: Along;
  /**
   * Outside a transaction, the posting statement runs alone, as its own transaction (one round
   * trip instead of three); only with accountsExist, whose one statement is the whole batch.
   */
  alone?: boolean;
  /**
   * With alone: the statement commits together with the others arriving meanwhile (db/sql.ts
   * groupCommitted). Only for a statement whose guard makes it write nothing when its rows changed.
   */
  grouped?: boolean;
}

/**
 * Records a batch of transfers in one transaction and one posting statement. Refuses the whole
 * batch, naming the transfer and field, when any transfer is invalid or reuses a recorded id with
 * other content.
 */
export async function postTransfers(
  em: EntityManager,
  transfers: readonly TransferInput[],
  options: PostOptions = {},
): Promise<PostResult> {
  if (transfers.length === 0) return { recorded: 0, posted: 0, duplicates: 0 };
  const byId = new Map<string, TransferInput>();
  transfers.forEach((t, i) => {
    const problems = validateTransfer(asTransfer(t));
    if (t.status !== undefined && t.status !== 'pending' && t.status !== 'posted')
      problems.push({ field: 'status', message: 'a new transfer is pending or posted' });
    if (t.buildingId != null && !isUuid(t.buildingId))
      problems.push({ field: 'buildingId', message: 'must be a UUID' });
    if (t.kind === 'correction' && !t.correctsId)
      problems.push({ field: 'correctsId', message: 'a correction names the transfer it corrects' });
    if (problems.length > 0)
      throw refuse(
        `transfer ${t.id}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
        problems.map((p) => `transfers[${i}].${p.field}`),
      );
    const earlier = byId.get(t.id);
    if (earlier && compareWithRecorded(asTransfer(earlier), asTransfer(t)).outcome === 'conflict')
      throw new RuleError<BillingRuleCode>(
        'transfer_conflict',
        `transfer ${t.id} appears twice with different content`,
        [`transfers[${i}].id`],
      );
    byId.set(t.id, t);
  });
  const unique = [...byId.values()];
  const json = JSON.stringify(
    unique.map((t) => ({
      id: t.id,
      debit: t.debit,
      credit: t.credit,
      amount: t.amount,
      kind: t.kind,
      reason: t.reason,
      period: t.period,
      status: t.status ?? 'posted',
      building: t.buildingId ?? null,
      corrects: t.correctsId ?? null,
      detail: t.detail ?? null,
    })),
  );
  // Inside the caller's transaction (a provider's payment) it joins it rather than opening a
  // savepoint: a refusal aborts the caller's transaction, which rolls back with it anyway.
  const postKnownBatch = async (tx: EntityManager, grouped = false): Promise<PostResult> => {
    type Answer = { recorded: number; posted: number; clash: ClashRow[] };
    const s = postKnown(alongKey(options.along));
    const values = [json, ...(options.along?.values ?? [])];
    // A lane per debited account (a payment's clearing account of its building): the groups of
    // different lanes commit at once and seldom wait on each other's locks.
    const [result] = grouped
      ? await groupCommitted<Answer>(tx, s, values, unique[0]!.debit)
      : await preparedExecute<Answer>(tx, s, values);
    const clash = clashes(result!.clash, byId);
    if (clash.length > 0)
      throw new RuleError<BillingRuleCode>(
        'transfer_conflict',
        `transfer ${clash[0]!.id} is already recorded with another ${clash[0]!.fields.join(', ')}`,
        clash[0]!.fields,
      );
    return {
      recorded: result!.recorded,
      posted: result!.posted,
      duplicates: unique.length - result!.recorded,
    };
  };
  if (options.alone && options.accountsExist && unique.length < BIG_BATCH && !em.getTransactionContext())
    return postKnownBatch(em, options.grouped === true);
  return em.transactional(
    async (tx) => {
      // A big batch's sorts (thousands of rows with their receipt detail) stay in memory.
      if (unique.length >= BIG_BATCH) await tx.execute(`set local work_mem = '64MB'`);
      if (options.accountsExist) return postKnownBatch(tx);
      if (options.along) throw new Error('postTransfers: along needs accountsExist');
      const clash = await conflictsOrEnsure(
        tx,
        json,
        byId,
        unique.flatMap((t) => [t.debit, t.credit]),
      );
      if (clash.length > 0)
        throw new RuleError<BillingRuleCode>(
          'transfer_conflict',
          `transfer ${clash[0]!.id} is already recorded with another ${clash[0]!.fields.join(', ')}`,
          clash[0]!.fields,
        );
      const [result] = await preparedExecute<{ recorded: number; posted: number }>(tx, POST_NEW, [json]);
      const recorded = result!.recorded;
      return { recorded, posted: result!.posted, duplicates: unique.length - recorded };
    },
    { propagation: TransactionPropagation.REQUIRED },
  );
}

async function settlePending(em: EntityManager, ids: readonly string[], to: 'posted' | 'voided') {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { recorded: 0, posted: 0, duplicates: 0 };
  return em.transactional(async (tx) => {
    const states = await tx.execute<{ id: string; status: string }[]>(
      `select id, status from ledger_transfer where id in (select jsonb_array_elements_text(?::jsonb))`,
      [JSON.stringify(unique)],
    );
    const missing = unique.filter((id) => !states.some((s) => s.id === id));
    if (missing.length > 0)
      throw new RuleError<BillingRuleCode>('not_found', `transfer ${missing[0]} does not exist`, ['id']);
    // Settling again to the same end is a retry; to the other end, a refusal.
    const wrong = states.find((s) => s.status !== 'pending' && s.status !== to);
    if (wrong)
      throw new RuleError<BillingRuleCode>(
        'not_pending',
        `transfer ${wrong.id} is ${wrong.status}: it cannot be ${to}`,
        ['id'],
      );
    const json = JSON.stringify(states.filter((s) => s.status === 'pending').map((s) => s.id));
    if (to === 'voided') {
      const rows = await tx.execute<{ id: string }[]>(
        `update ledger_transfer set status = 'voided', voided_at = now()
          where id in (select jsonb_array_elements_text(?::jsonb)) and status = 'pending'
         returning id`,
        [json],
      );
      return { recorded: 0, posted: 0, duplicates: unique.length - rows.length };
    }
    const [result] = await tx.execute<{ posted: number }[]>(
      `with moved as (
         update ledger_transfer set status = 'posted', posted_at = now()
          where id in (select jsonb_array_elements_text(?::jsonb)) and status = 'pending'
         returning id, seq, debit_account_id, credit_account_id, amount
       ),
       ${postTail('0')}`,
      [json],
    );
    return { recorded: 0, posted: result!.posted, duplicates: unique.length - result!.posted };
  });
}

/** Posts pending transfers with their entries; already posted ones are skipped, voided refused. */
export const postPending = (em: EntityManager, ids: readonly string[]) => settlePending(em, ids, 'posted');
/** Voids pending transfers; already voided ones are skipped, posted refused. */
export const voidPending = (em: EntityManager, ids: readonly string[]) => settlePending(em, ids, 'voided');

/** The balance (debit minus credit, tiyin) now, or just after the last entry posted at or before `at`. */
export async function balanceOf(em: EntityManager, account: string, at?: Date): Promise<bigint> {
  const [row] = at
    ? await em.execute<{ balance: string }[]>(
        `select balance_after::text as balance from ledger_entry
          where account_id = ? and posted_at <= ? order by posted_at desc, id desc limit 1`,
        [account, at.toISOString()],
      )
    : await em.execute<{ balance: string }[]>(
        `select balance::text as balance from ledger_account where id = ?`,
        [account],
      );
  return BigInt(row?.balance ?? 0);
}

export interface EntryView {
  id: number;
  transferId: string;
  kind: TransferKind;
  reason: string;
  period: string | null;
  /** The other side of the transfer. */
  counterAccount: string;
  change: bigint;
  balanceBefore: bigint;
  balanceAfter: bigint;
  postedAt: string;
  detail: Record<string, unknown> | null;
}

/** An account's entries posted in [from, to), in posting order. */
export async function entriesOf(
  em: EntityManager,
  account: string,
  from: Date,
  to: Date,
): Promise<EntryView[]> {
  const rows = await em.execute<
    {
      id: string;
      transfer_id: string;
      kind: TransferKind;
      reason: string;
      period: string | null;
      counter: string;
      change: string;
      balance_before: string;
      balance_after: string;
      posted_at: Date | string;
      detail: Record<string, unknown> | null;
    }[]
  >(
    `select e.id, e.transfer_id, t.kind, t.reason, t.period,
            case when t.debit_account_id = e.account_id then t.credit_account_id else t.debit_account_id end as counter,
            e.change::text as change, e.balance_before::text as balance_before,
            e.balance_after::text as balance_after, e.posted_at, t.detail
       from ledger_entry e join ledger_transfer t on t.id = e.transfer_id
      where e.account_id = ? and e.posted_at >= ? and e.posted_at < ?
      order by e.posted_at, e.id`,
    [account, from.toISOString(), to.toISOString()],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    transferId: r.transfer_id,
    kind: r.kind,
    reason: r.reason,
    period: r.period,
    counterAccount: r.counter,
    change: BigInt(r.change),
    balanceBefore: BigInt(r.balance_before),
    balanceAfter: BigInt(r.balance_after),
    postedAt: new Date(r.posted_at).toISOString(),
    detail: r.detail,
  }));
}

/** The sum of every account's balance: 0n, or the books are broken. */
export async function trialBalance(em: EntityManager): Promise<bigint> {
  const [row] = await em.execute<{ sum: string }[]>(
    `select coalesce(sum(balance), 0)::text as sum from ledger_account`,
  );
  return BigInt(row!.sum);
}

export interface LedgerAudit {
  /** Σ account balances. */
  accounts: bigint;
  /** Σ entry changes. */
  entries: bigint;
  /** Accounts whose balance is not their last entry's balance_after (ids, at most 10). */
  drifted: string[];
  /** Posted transfers without their two entries (ids, at most 10). */
  unbalanced: string[];
}

/** Everything the books promise, checked over the whole ledger: what tests assert after each scenario. */
export async function auditLedger(em: EntityManager): Promise<LedgerAudit> {
  const [sums] = await em.execute<{ accounts: string; entries: string }[]>(
    `select (select coalesce(sum(balance), 0) from ledger_account)::text as accounts,
            (select coalesce(sum(change), 0) from ledger_entry)::text as entries`,
  );
  const drifted = await em.execute<{ id: string }[]>(
    `select a.id from ledger_account a
       left join lateral (select balance_after from ledger_entry e where e.account_id = a.id
                           order by e.posted_at desc, e.id desc limit 1) last on true
      where a.balance <> coalesce(last.balance_after, 0)
      limit 10`,
  );
  const unbalanced = await em.execute<{ id: string }[]>(
    `select t.id from ledger_transfer t
      where t.status = 'posted'
        and (select coalesce(sum(abs(e.change)), 0) from ledger_entry e where e.transfer_id = t.id) <> 2 * t.amount
      limit 10`,
  );
  return {
    accounts: BigInt(sums!.accounts),
    entries: BigInt(sums!.entries),
    drifted: drifted.map((r) => r.id),
    unbalanced: unbalanced.map((r) => r.id),
  };
}
