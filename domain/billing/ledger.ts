// The pure model of the double-entry ledger the database enforces as well: every movement of money
// is a transfer of a positive amount of tiyin from one account (credit) to another (debit), so the
// sum of all balances is always zero. Transfer ids are chosen by the client (the idempotency key:
// a retried activity posts nothing twice); a transfer may be held pending and later posted or
// voided, never edited; a correction is a new transfer with its reason. Balances are debit minus
// credit, in bigint like PostgreSQL's int8, because a clearing or upkeep account sums the whole
// country's money over the years.
import { EXPENSE_KINDS, type ExpenseKind } from './expenses.ts';
import { isPeriod } from './period.ts';

export const REVENUE_KINDS = [
  'contributions',
  'lease',
  'household_service_centre',
  'lightweight_structure',
  'penalties',
] as const;
export type RevenueKind = (typeof REVENUE_KINDS)[number];
export const PROVIDERS = ['payme', 'click', 'bank'] as const;
export type Provider = (typeof PROVIDERS)[number];

export type Account =
  | { kind: 'owner_receivable'; ownerId: string; apartmentId: string }
  | { kind: 'building_bank'; buildingId: string }
  | { kind: 'management_organization'; organizationId: string }
  | { kind: 'revenue'; buildingId: string; revenue: RevenueKind }
  | { kind: 'building_expense'; buildingId: string; expense: ExpenseKind }
  | { kind: 'system_upkeep' }
  // What the provider owes: per building (the money it settles to that building's bank account),
  // so payments to different buildings never queue on one account's row; without a building, the
  // provider-wide account.
  | { kind: 'provider_clearing'; provider: Provider; buildingId?: string };
export type AccountKind = Account['kind'];

const ID_PART = /^[A-Za-z0-9_-]+$/;

/** The account's id: its kind and keys joined by '/', readable in SQL and unique by construction. */
export function accountId(a: Account): string {
  const parts = ((): string[] => {
    switch (a.kind) {
      case 'owner_receivable':
        return ['owner', a.ownerId, a.apartmentId];
      case 'building_bank':
        return ['bank', a.buildingId];
      case 'management_organization':
        return ['org', a.organizationId];
      case 'revenue':
        return ['revenue', a.buildingId, a.revenue];
      case 'building_expense':
        return ['expense', a.buildingId, a.expense];
      case 'system_upkeep':
        return ['system', 'upkeep'];
      case 'provider_clearing':
        return a.buildingId === undefined ? ['clearing', a.provider] : ['clearing', a.provider, a.buildingId];
    }
  })();
  if (!parts.every((p) => ID_PART.test(p))) throw new RangeError(`bad key in ${parts.join('/')}`);
  return parts.join('/');
}

export function parseAccountId(id: string): Account | null {
  const p = id.split('/');
  if (!p.every((x) => ID_PART.test(x))) return null;
  const [head, a, b] = p;
  if (head === 'owner' && p.length === 3) return { kind: 'owner_receivable', ownerId: a!, apartmentId: b! };
  if (head === 'bank' && p.length === 2) return { kind: 'building_bank', buildingId: a! };
  if (head === 'org' && p.length === 2) return { kind: 'management_organization', organizationId: a! };
  if (head === 'revenue' && p.length === 3 && (REVENUE_KINDS as readonly string[]).includes(b!))
    return { kind: 'revenue', buildingId: a!, revenue: b as RevenueKind };
  if (head === 'expense' && p.length === 3 && (EXPENSE_KINDS as readonly string[]).includes(b!))
    return { kind: 'building_expense', buildingId: a!, expense: b as ExpenseKind };
  if (id === 'system/upkeep') return { kind: 'system_upkeep' };
  if (
    head === 'clearing' &&
    (p.length === 2 || p.length === 3) &&
    (PROVIDERS as readonly string[]).includes(a!)
  )
    return p.length === 2
      ? { kind: 'provider_clearing', provider: a as Provider }
      : { kind: 'provider_clearing', provider: a as Provider, buildingId: b! };
  return null;
}

/** What each kind of transfer may move: debit account kind ← credit account kind. */
const RULES = {
  accrual: [['owner_receivable', 'revenue:contributions']],
  penalty: [
    ['owner_receivable', 'revenue:penalties'],
    ['owner_receivable', 'system_upkeep'],
  ],
  payment: [['provider_clearing', 'owner_receivable']],
  refund: [['owner_receivable', 'provider_clearing']],
  settlement: [['building_bank', 'provider_clearing']],
  other_revenue: [
    ['building_bank', 'revenue:lease'],
    ['building_bank', 'revenue:household_service_centre'],
    ['building_bank', 'revenue:lightweight_structure'],
  ],
  // The building's own electricity (domain/billing/expenses.ts) and the management organization.
  expense: [
    ['building_expense:electricity', 'building_bank'],
    ['management_organization', 'building_bank'],
  ],
  // A correction may undo or adjust any of the above; its reason is what makes it legitimate.
  correction: null,
} as const satisfies Record<string, readonly (readonly [string, string])[] | null>;
export type TransferKind = keyof typeof RULES;
export const TRANSFER_KINDS = Object.keys(RULES) as TransferKind[];

export type TransferStatus = 'pending' | 'posted' | 'voided';

export interface Transfer {
  /** Chosen by the client, deterministic from what is being recorded: the idempotency key. */
  id: string;
  debit: string;
  credit: string;
  /** Tiyin, > 0; the currency is always UZS. */
  amount: number;
  kind: TransferKind;
  reason: string;
  period: string | null;
  status: TransferStatus;
}

const kindOf = (id: string): string | null => {
  const a = parseAccountId(id);
  if (a === null) return null;
  if (a.kind === 'revenue') return `revenue:${a.revenue}`;
  return a.kind === 'building_expense' ? `building_expense:${a.expense}` : a.kind;
};

/** Problems of a transfer, each naming its field; empty when it may be recorded. */
export function validateTransfer(t: Transfer): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const bad = (field: string, message: string) => {
    problems.push({ field, message });
  };
  if (typeof t.id !== 'string' || t.id.length === 0 || t.id.length > 200)
    bad('id', 'must be 1 to 200 characters');
  if (!Number.isSafeInteger(t.amount) || t.amount <= 0) bad('amount', 'must be a positive integer of tiyin');
  const debit = kindOf(t.debit);
  const credit = kindOf(t.credit);
  if (debit === null) bad('debit', `'${t.debit}' is not an account`);
  if (credit === null) bad('credit', `'${t.credit}' is not an account`);
  if (t.debit === t.credit) bad('credit', 'must differ from the debit account');
  if (!(t.kind in RULES)) bad('kind', `must be one of ${TRANSFER_KINDS.join(', ')}`);
  else if (debit && credit) {
    const allowed = RULES[t.kind];
    if (allowed && !allowed.some(([d, c]) => d === debit && c === credit))
      bad('kind', `a ${t.kind} cannot move money from ${credit} to ${debit}`);
  }
  if (typeof t.reason !== 'string' || (t.kind === 'correction' && t.reason.trim() === ''))
    bad('reason', 'a correction must say why');
  if (t.period !== null && !isPeriod(t.period)) bad('period', "must be null or 'YYYY-MM'");
  if (!['pending', 'posted', 'voided'].includes(t.status)) bad('status', 'must be pending, posted or voided');
  return problems;
}

/** Pending becomes posted or voided, once; a posted or voided transfer never changes again. */
export function transition(t: Transfer, to: 'posted' | 'voided'): Transfer {
  if (t.status !== 'pending')
    throw new RangeError(`transfer ${t.id} is ${t.status}, not pending: it cannot be ${to}`);
  return { ...t, status: to };
}

/**
 * A transfer arriving with an id already recorded: the same transfer again is a duplicate to
 * answer as before; the same id with other content is a client bug, refused with the fields.
 */
export function compareWithRecorded(
  recorded: Transfer | undefined,
  incoming: Transfer,
): { outcome: 'new' } | { outcome: 'duplicate' } | { outcome: 'conflict'; fields: string[] } {
  if (!recorded) return { outcome: 'new' };
  const keys = ['debit', 'credit', 'amount', 'kind', 'reason', 'period'] as const;
  const fields = keys.filter((k) => recorded[k] !== incoming[k]);
  return fields.length === 0 ? { outcome: 'duplicate' } : { outcome: 'conflict', fields };
}

export interface Entry {
  transferId: string;
  account: string;
  /** +amount on the debit side, −amount on the credit side. */
  change: bigint;
  balanceBefore: bigint;
  balanceAfter: bigint;
}

/**
 * Entries of posted transfers in order, each with the account's balance before and after (as
 * the database keeps them, so the balance at any instant is one row), and the final balances.
 */
export function post(
  transfers: readonly Transfer[],
  opening: ReadonlyMap<string, bigint> = new Map(),
): { entries: Entry[]; balances: Map<string, bigint> } {
  const balances = new Map(opening);
  const entries: Entry[] = [];
  for (const t of transfers) {
    if (t.status !== 'posted') continue;
    for (const [account, change] of [
      [t.debit, BigInt(t.amount)],
      [t.credit, -BigInt(t.amount)],
    ] as const) {
      const balanceBefore = balances.get(account) ?? 0n;
      const balanceAfter = balanceBefore + change;
      balances.set(account, balanceAfter);
      entries.push({ transferId: t.id, account, change, balanceBefore, balanceAfter });
    }
  }
  return { entries, balances };
}

export const balancesAfter = (transfers: readonly Transfer[]): Map<string, bigint> =>
  post(transfers).balances;

/** The sum of all balances: zero, or the books are broken. */
export function trialBalance(balances: ReadonlyMap<string, bigint>): bigint {
  let sum = 0n;
  for (const b of balances.values()) sum += b;
  return sum;
}

/**
 * The accounts a batch of transfers touches, in the one order every writer locks them (plain
 * code-unit order, as PostgreSQL's ORDER BY id COLLATE "C"), so two batches never wait on each
 * other in a cycle.
 */
export function lockOrder(transfers: readonly Pick<Transfer, 'debit' | 'credit'>[]): string[] {
  const ids = new Set(transfers.flatMap((t) => [t.debit, t.credit]));
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
