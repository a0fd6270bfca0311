import { describe, expect, it } from 'vitest';
import {
  type Account,
  accountId,
  balancesAfter,
  compareWithRecorded,
  lockOrder,
  parseAccountId,
  post,
  type Transfer,
  transition,
  trialBalance,
  validateTransfer,
} from './ledger.ts';

const owner = accountId({ kind: 'owner_receivable', ownerId: 'p1', apartmentId: 'a1' });
const contributions = accountId({ kind: 'revenue', buildingId: 'b1', revenue: 'contributions' });
const penalties = accountId({ kind: 'revenue', buildingId: 'b1', revenue: 'penalties' });
const payme = accountId({ kind: 'provider_clearing', provider: 'payme' });
const bank = accountId({ kind: 'building_bank', buildingId: 'b1' });
const upkeep = accountId({ kind: 'system_upkeep' });

const tr = (over: Partial<Transfer>): Transfer => ({
  id: 't1',
  debit: owner,
  credit: contributions,
  amount: 100,
  kind: 'accrual',
  reason: '',
  period: '2026-07',
  status: 'posted',
  ...over,
});
const fields = (t: Transfer) => validateTransfer(t).map((p) => p.field);

describe('accounts', () => {
  it('every kind has an id that parses back', () => {
    const all: Account[] = [
      { kind: 'owner_receivable', ownerId: 'p1', apartmentId: 'a1' },
      { kind: 'building_bank', buildingId: 'b1' },
      { kind: 'management_organization', organizationId: 'o1' },
      { kind: 'revenue', buildingId: 'b1', revenue: 'household_service_centre' },
      { kind: 'system_upkeep' },
      { kind: 'provider_clearing', provider: 'click' },
      { kind: 'provider_clearing', provider: 'payme', buildingId: 'b1' },
    ];
    for (const a of all) expect(parseAccountId(accountId(a))).toEqual(a);
    expect(accountId(all[0]!)).toBe('owner/p1/a1');
    expect(accountId(all.at(-1)!)).toBe('clearing/payme/b1');
  });

  it('refuses keys that would make ids ambiguous, and ids of no account', () => {
    expect(() => accountId({ kind: 'building_bank', buildingId: 'b/1' })).toThrow(/bad key/);
    expect(parseAccountId('revenue/b1/tips')).toBeNull();
    expect(parseAccountId('clearing/uzum')).toBeNull();
    expect(parseAccountId('owner/p1')).toBeNull();
  });
});

describe('transfers', () => {
  it('accepts each kind on its own accounts', () => {
    expect(validateTransfer(tr({}))).toEqual([]);
    expect(validateTransfer(tr({ kind: 'penalty', credit: upkeep }))).toEqual([]);
    expect(validateTransfer(tr({ kind: 'payment', debit: payme, credit: owner }))).toEqual([]);
    expect(validateTransfer(tr({ kind: 'payment', debit: 'clearing/payme/b1', credit: owner }))).toEqual([]);
    expect(validateTransfer(tr({ kind: 'settlement', debit: bank, credit: payme, period: null }))).toEqual(
      [],
    );
    expect(
      validateTransfer(
        tr({ kind: 'correction', debit: contributions, credit: owner, reason: 'area was 54.73' }),
      ),
    ).toEqual([]);
  });

  it('names the field of each refusal', () => {
    expect(fields(tr({ amount: 0 }))).toEqual(['amount']);
    expect(fields(tr({ amount: -5 }))).toEqual(['amount']);
    expect(fields(tr({ amount: 1.5 }))).toEqual(['amount']);
    expect(fields(tr({ credit: owner }))).toEqual(['credit', 'kind']);
    expect(fields(tr({ debit: 'cash/drawer' }))).toEqual(['debit']);
    expect(fields(tr({ kind: 'payment' }))).toEqual(['kind']);
    expect(validateTransfer(tr({ kind: 'payment' }))[0]?.message).toBe(
      'a payment cannot move money from revenue:contributions to owner_receivable',
    );
    expect(fields(tr({ kind: 'gift' as Transfer['kind'] }))).toEqual(['kind']);
    expect(fields(tr({ kind: 'correction', reason: '  ' }))).toEqual(['reason']);
    expect(fields(tr({ period: '2026-7' }))).toEqual(['period']);
    expect(fields(tr({ id: '' }))).toEqual(['id']);
  });

  it('moves pending to posted or voided once, and never a posted one', () => {
    expect(transition(tr({ status: 'pending' }), 'posted').status).toBe('posted');
    expect(transition(tr({ status: 'pending' }), 'voided').status).toBe('voided');
    expect(() => transition(tr({ status: 'posted' }), 'voided')).toThrow(/is posted, not pending/);
    expect(() => transition(tr({ status: 'voided' }), 'posted')).toThrow(/is voided/);
  });

  it('tells a retried transfer from a conflicting reuse of its id', () => {
    expect(compareWithRecorded(undefined, tr({}))).toEqual({ outcome: 'new' });
    expect(compareWithRecorded(tr({ status: 'pending' }), tr({}))).toEqual({ outcome: 'duplicate' });
    expect(compareWithRecorded(tr({}), tr({ amount: 101, period: '2026-08' }))).toEqual({
      outcome: 'conflict',
      fields: ['amount', 'period'],
    });
  });
});

describe('balances', () => {
  const month: Transfer[] = [
    tr({ id: 'acc', amount: 8_155_500 }),
    tr({ id: 'pay', kind: 'payment', debit: payme, credit: owner, amount: 5_000_000 }),
    tr({ id: 'set', kind: 'settlement', debit: bank, credit: payme, amount: 5_000_000, period: null }),
    tr({ id: 'pen-b', kind: 'penalty', credit: penalties, amount: 1_578 }),
    tr({ id: 'pen-s', kind: 'penalty', credit: upkeep, amount: 1_577 }),
    tr({ id: 'held', kind: 'payment', debit: payme, credit: owner, amount: 999, status: 'pending' }),
    tr({ id: 'void', kind: 'payment', debit: payme, credit: owner, amount: 777, status: 'voided' }),
  ];

  it('keeps each entry`s balance before and after; pending and voided move nothing', () => {
    const { entries } = post(month);
    expect(
      entries.filter((e) => e.account === owner).map((e) => [e.transferId, e.balanceBefore, e.balanceAfter]),
    ).toEqual([
      ['acc', 0n, 8_155_500n],
      ['pay', 8_155_500n, 3_155_500n],
      ['pen-b', 3_155_500n, 3_157_078n],
      ['pen-s', 3_157_078n, 3_158_655n],
    ]);
    expect(entries.some((e) => e.transferId === 'held' || e.transferId === 'void')).toBe(false);
  });

  it('sums to zero over all accounts, from opening balances too', () => {
    const balances = balancesAfter(month);
    expect(balances.get(bank)).toBe(5_000_000n);
    expect(balances.get(payme)).toBe(0n);
    expect(balances.get(contributions)).toBe(-8_155_500n);
    expect(trialBalance(balances)).toBe(0n);
    const { balances: later } = post(
      month,
      new Map([
        [owner, 10n],
        [bank, -10n],
      ]),
    );
    expect(later.get(owner)).toBe(3_158_665n);
    expect(trialBalance(later)).toBe(0n);
    expect(trialBalance(new Map([[owner, 1n]]))).toBe(1n);
  });

  it('locks accounts in one order whatever the batch`s order', () => {
    const a = lockOrder([
      tr({ debit: 'owner/p2/a1', credit: contributions }),
      tr({ debit: bank, credit: payme }),
    ]);
    const b = lockOrder([
      tr({ debit: bank, credit: payme }),
      tr({ debit: 'owner/p2/a1', credit: contributions }),
    ]);
    expect(a).toEqual(['bank/b1', 'clearing/payme', 'owner/p2/a1', 'revenue/b1/contributions']);
    expect(b).toEqual(a);
    // Code-unit order, not locale order: upper case sorts before lower case.
    expect(lockOrder([tr({ debit: 'owner/b/x', credit: 'owner/B/x' })])).toEqual(['owner/B/x', 'owner/b/x']);
  });
});
