// Penalties on the ledger. Each day (the daily billing run, or a test naming the day) every owner's
// account is read back from the ledger — contributions charged, payments dated and settled oldest
// first (domain/billing/arrears.ts) — and each overdue month's penalty through that day is
// computed by penaltyFor. What is posted is the difference between that figure and what is
// already on the ledger for the month, for the building's and the system's parts separately, so
// no rounding accumulates and a re-run of the same or an earlier day posts nothing.
//
// Transfer ids name the account, the month and the day ('penalty:<period>:<day>:<apartment>:
// <owner>:b|s'): a retried batch is a duplicate, never a second posting.
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type AccountHistory,
  type PeriodSettlement,
  penaltyInputs,
  settle,
} from '../../domain/billing/arrears.ts';
import { accountId, parseAccountId } from '../../domain/billing/ledger.ts';
import { type Penalty, penaltyFor } from '../../domain/billing/penalties.ts';
import type { BillingPolicy, PayerKind } from '../../domain/billing/policy.ts';
import { postTransfers, type TransferInput } from './ledger.ts';

type PenaltyRules = Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset' | 'penalty'>;

export interface OwnerAccount {
  id: string;
  ownerId: string;
  apartmentId: string;
  buildingId: string;
}

interface Loaded {
  history: Map<string, AccountHistory>;
  posted: Map<string, { building: number; system: number }>;
  payerKind: Map<string, PayerKind>;
}

const postedKey = (account: string, period: string) => `${account}|${period}`;

/**
 * The histories of these owner accounts as the ledger has them now: charges (accruals, by
 * period), payments (dated by detail.paidOn when the payment recorded the provider's date, else
 * the Tashkent day they were posted), penalties already posted per month and part.
 */
export async function loadAccounts(em: EntityManager, accounts: readonly OwnerAccount[]): Promise<Loaded> {
  const ids = JSON.stringify(accounts.map((a) => a.id));
  // Through the accounts' entries (indexed by account), never a scan of the transfers.
  const charges = await em.execute<{ account: string; period: string; amount: string }[]>(
    `select e.account_id as account, t.period, sum(t.amount)::text as amount
       from ledger_entry e join ledger_transfer t on t.id = e.transfer_id
      where e.account_id in (select jsonb_array_elements_text(?::jsonb)) and e.change > 0
        and t.kind = 'accrual' and t.period is not null
      group by e.account_id, t.period`,
    [ids],
  );
  const payments = await em.execute<{ account: string; date: string; amount: string }[]>(
    `select e.account_id as account, t.amount::text as amount,
            coalesce(t.detail->>'paidOn', to_char(t.posted_at at time zone 'Asia/Tashkent', 'YYYY-MM-DD')) as date
       from ledger_entry e join ledger_transfer t on t.id = e.transfer_id
      where e.account_id in (select jsonb_array_elements_text(?::jsonb)) and e.change < 0
        and t.kind = 'payment'`,
    [ids],
  );
  const penalties = await em.execute<{ account: string; period: string; part: string; amount: string }[]>(
    `select e.account_id as account, t.period,
            case when t.credit_account_id = 'system/upkeep' then 's' else 'b' end as part,
            sum(t.amount)::text as amount
       from ledger_entry e join ledger_transfer t on t.id = e.transfer_id
      where e.account_id in (select jsonb_array_elements_text(?::jsonb)) and e.change > 0
        and t.kind = 'penalty'
      group by 1, 2, 3`,
    [ids],
  );
  const kinds = await em.execute<{ owner_id: string; kind: PayerKind }[]>(
    `select owner_id, kind from billing_payer_kind
      where owner_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [JSON.stringify([...new Set(accounts.map((a) => a.ownerId))])],
  );
  const history = new Map<
    string,
    { charges: { period: string; amount: number }[]; payments: { date: string; amount: number }[] }
  >(accounts.map((a) => [a.id, { charges: [], payments: [] }]));
  for (const c of charges)
    history.get(c.account)!.charges.push({ period: c.period, amount: Number(c.amount) });
  for (const p of payments) history.get(p.account)!.payments.push({ date: p.date, amount: Number(p.amount) });
  const posted = new Map<string, { building: number; system: number }>();
  for (const p of penalties) {
    const k = postedKey(p.account, p.period);
    const v = posted.get(k) ?? { building: 0, system: 0 };
    if (p.part === 's') v.system += Number(p.amount);
    else v.building += Number(p.amount);
    posted.set(k, v);
  }
  return { history, posted, payerKind: new Map(kinds.map((k) => [k.owner_id, k.kind])) };
}

export interface PenaltyLine {
  account: OwnerAccount;
  penalty: Penalty;
  /** Already on the ledger for the month, per part. */
  posted: { building: number; system: number };
}

/** Every overdue month's penalty through `asOf` for these accounts, with what is already posted. */
export function penaltyLines(
  accounts: readonly OwnerAccount[],
  loaded: Loaded,
  asOf: string,
  policy: PenaltyRules,
) {
  const lines: PenaltyLine[] = [];
  for (const a of accounts) {
    const settlements: PeriodSettlement[] = settle(loaded.history.get(a.id)!);
    const kind = loaded.payerKind.get(a.ownerId) ?? 'individual';
    for (const input of penaltyInputs(settlements, kind, asOf, policy)) {
      const penalty = penaltyFor(input, policy);
      lines.push({
        account: a,
        penalty,
        posted: loaded.posted.get(postedKey(a.id, input.period)) ?? { building: 0, system: 0 },
      });
    }
  }
  return lines;
}

/** The transfers bringing the ledger up to the penalties through `asOf` (none when it is there). */
export function penaltyTransfers(lines: readonly PenaltyLine[], asOf: string): TransferInput[] {
  const out: TransferInput[] = [];
  for (const { account: a, penalty: p, posted } of lines) {
    const base = `penalty:${p.period}:${asOf}:${a.apartmentId}:${a.ownerId}`;
    const detail = {
      ownerId: a.ownerId,
      apartmentId: a.apartmentId,
      through: asOf,
      daysLate: p.daysLate,
      amount: p.amount,
      capped: p.capped,
    };
    const parts = [
      [
        'b',
        p.building - posted.building,
        accountId({ kind: 'revenue', buildingId: a.buildingId, revenue: 'penalties' }),
      ],
      ['s', p.system - posted.system, accountId({ kind: 'system_upkeep' })],
    ] as const;
    for (const [part, amount, credit] of parts)
      if (amount > 0)
        out.push({
          id: `${base}:${part}`,
          debit: a.id,
          credit,
          amount,
          kind: 'penalty',
          reason: `penalty ${p.period} through ${asOf}`,
          period: p.period,
          buildingId: a.buildingId,
          detail,
        });
  }
  return out;
}

export interface PenaltyBatchResult {
  accounts: number;
  recorded: number;
  duplicates: number;
  /** Tiyin this batch computed as due (a retried batch finds nothing left to post). */
  amount: number;
  /** The last account of this batch, or null when every account was seen. */
  next: string | null;
}

const ownerAccountsQuery = `
  select id, owner_id as "ownerId", apartment_id as "apartmentId", building_id as "buildingId"
    from ledger_account where kind = 'owner_receivable'`;

/** One batch: the next `limit` owner accounts by id, one ledger statement. */
export async function postPenaltyBatch(
  em: EntityManager,
  input: { asOf: string; after: string | null; limit: number },
  policy: PenaltyRules,
): Promise<PenaltyBatchResult> {
  const accounts = await em.execute<OwnerAccount[]>(`${ownerAccountsQuery} and id > ? order by id limit ?`, [
    input.after ?? '',
    input.limit,
  ]);
  if (accounts.length === 0) return { accounts: 0, recorded: 0, duplicates: 0, amount: 0, next: null };
  const lines = penaltyLines(accounts, await loadAccounts(em, accounts), input.asOf, policy);
  const transfers = penaltyTransfers(lines, input.asOf);
  const posted = await postTransfers(em, transfers);
  return {
    accounts: accounts.length,
    recorded: posted.recorded,
    duplicates: posted.duplicates,
    amount: transfers.reduce((s, t) => s + t.amount, 0),
    next: accounts.length < input.limit ? null : accounts.at(-1)!.id,
  };
}

export interface ReceiptPenalty {
  apartmentId: string;
  period: string;
  daysLate: number;
  /** The month's penalty through the day asked, tiyin (what the ledger will hold after that day's run). */
  amount: number;
  capped: boolean;
  /** Of it, already posted to the ledger. */
  posted: number;
}

/**
 * The penalties an owner's receipt shows: each overdue month's penalty through `asOf` (the day
 * the receipt is made), per apartment, read from the same computation the daily run posts.
 */
export async function penaltiesForReceipt(
  em: EntityManager,
  ownerId: string,
  asOf: string,
  policy: PenaltyRules,
): Promise<ReceiptPenalty[]> {
  const accounts = await em.execute<OwnerAccount[]>(`${ownerAccountsQuery} and owner_id = ? order by id`, [
    ownerId,
  ]);
  if (accounts.length === 0) return [];
  return penaltyLines(accounts, await loadAccounts(em, accounts), asOf, policy)
    .filter((l) => l.penalty.amount > 0)
    .map((l) => ({
      apartmentId: l.account.apartmentId,
      period: l.penalty.period,
      daysLate: l.penalty.daysLate,
      amount: l.penalty.amount,
      capped: l.penalty.capped,
      posted: l.posted.building + l.posted.system,
    }));
}

/** The owner of an account id, for callers holding only ids. */
export const ownerOfAccount = (id: string): string | null => {
  const a = parseAccountId(id);
  return a?.kind === 'owner_receivable' ? a.ownerId : null;
};
