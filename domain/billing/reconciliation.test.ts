import { describe, expect, it } from 'vitest';
import {
  type BankInputs,
  type LedgerPayment,
  type ProviderTransaction,
  reconcileBank,
  reconcileProvider,
} from './reconciliation.ts';

const B = 'building-1';
const DAY = '2026-12-05';
const tx = (id: string, amount: number, over: Partial<ProviderTransaction> = {}): ProviderTransaction => ({
  provider: 'payme',
  id,
  day: DAY,
  amount,
  cancelled: false,
  buildingId: B,
  ...over,
});
const paid = (
  providerId: string | null,
  amount: number,
  over: Partial<LedgerPayment> = {},
): LedgerPayment => ({
  transferId: `payme:${providerId ?? 'none'}`,
  provider: 'payme',
  providerId,
  buildingId: B,
  amount,
  paidOn: DAY,
  ...over,
});

describe('a provider registry against the ledger', () => {
  it('finds nothing when every performed transaction is recorded at its amount', () => {
    expect(
      reconcileProvider(DAY, 'payme', [tx('a', 100), tx('b', 250)], [paid('a', 100), paid('b', 250)]),
    ).toEqual([]);
  });

  it('a transaction the provider performed that the ledger lacks is money without its income', () => {
    expect(reconcileProvider(DAY, 'payme', [tx('a', 100), tx('lost', 700)], [paid('a', 100)])).toEqual([
      {
        kind: 'transfer_without_income',
        source: 'payme',
        buildingId: B,
        amount: 700,
        occurredOn: DAY,
        reference: 'payme:lost',
      },
    ]);
  });

  it('a ledger payment the provider does not know is an income without its transfer', () => {
    const orphan = paid('ghost', 300, { buildingId: 'building-2' });
    const unnamed = paid(null, 40, { transferId: 'manual-1' });
    expect(reconcileProvider(DAY, 'payme', [], [orphan, unnamed])).toEqual([
      {
        kind: 'income_without_transfer',
        source: 'payme',
        buildingId: 'building-2',
        amount: 300,
        occurredOn: DAY,
        reference: 'payme:ghost',
      },
      {
        kind: 'income_without_transfer',
        source: 'payme',
        buildingId: B,
        amount: 40,
        occurredOn: DAY,
        reference: 'ledger:manual-1',
      },
    ]);
  });

  it('a different amount is the difference, as the case of the side that has more', () => {
    const [more, less] = [
      reconcileProvider(DAY, 'payme', [tx('a', 1000)], [paid('a', 900)]),
      reconcileProvider(DAY, 'payme', [tx('a', 900)], [paid('a', 1000)]),
    ];
    expect(more).toMatchObject([{ kind: 'transfer_without_income', amount: 100, reference: 'payme:a' }]);
    expect(less).toMatchObject([{ kind: 'income_without_transfer', amount: 100, reference: 'payme:a' }]);
  });

  it('a cancelled transaction matches a reversed payment; either side alone is a case', () => {
    expect(reconcileProvider(DAY, 'payme', [tx('a', 500, { cancelled: true })], [paid('a', 0)])).toEqual([]);
    expect(
      reconcileProvider(DAY, 'payme', [tx('a', 500, { cancelled: true })], [paid('a', 500)]),
    ).toMatchObject([{ kind: 'income_without_transfer', amount: 500 }]);
    expect(reconcileProvider(DAY, 'payme', [tx('a', 500)], [paid('a', 0)])).toMatchObject([
      { kind: 'transfer_without_income', amount: 500 },
    ]);
  });

  it('across midnight: a neighbouring day’s transaction only matches, it opens nothing of its own', () => {
    const late = tx('late', 100, { day: '2026-12-04' });
    // The provider dated it the 4th, the ledger the 5th: matched, no case either way.
    expect(reconcileProvider(DAY, 'payme', [late], [paid('late', 100)])).toEqual([]);
    // The 4th's transaction the ledger lacks is the 4th's run's to report.
    expect(reconcileProvider(DAY, 'payme', [late], [])).toEqual([]);
    // A payment of another day is that day's run's to report.
    expect(reconcileProvider(DAY, 'payme', [], [paid('x', 100, { paidOn: '2026-12-06' })])).toEqual([]);
  });

  it('looks only at its own provider on both sides', () => {
    const click = tx('c', 100, { provider: 'click' });
    const clickPaid = paid('c', 100, { provider: 'click' });
    expect(reconcileProvider(DAY, 'payme', [click], [clickPaid])).toEqual([]);
    expect(reconcileProvider(DAY, 'click', [click], [])).toMatchObject([
      { kind: 'transfer_without_income', source: 'click', reference: 'click:c' },
    ]);
  });
});

describe('the bank statements against the ledger', () => {
  const POLICY = { settlementLagDays: 3, unassignedLineDays: 10 };
  const AS_OF = '2026-12-10';
  const bank = (over: Partial<BankInputs> = {}): BankInputs => ({
    coverage: new Map([[B, '2026-11-01']]),
    payments: [],
    settlements: [],
    lines: [],
    bankPayments: [],
    ...over,
  });
  const day = (d: string, amount: number, provider: 'payme' | 'click' = 'payme') => ({
    buildingId: B,
    provider,
    day: d,
    amount,
  });
  const settled = (
    lineId: string,
    valueDate: string,
    amount: number,
    provider: 'payme' | 'click' = 'payme',
  ) => ({
    lineId,
    buildingId: B,
    provider,
    valueDate,
    amount,
  });

  it('settlements covering every day past the lag leave nothing; a day within the lag may wait', () => {
    const r = reconcileBank(
      AS_OF,
      POLICY,
      bank({
        payments: [day('2026-12-01', 1000), day('2026-12-02', 500), day('2026-12-08', 700)],
        settlements: [settled('l1', '2026-12-02', 1000), settled('l2', '2026-12-03', 500)],
      }),
    );
    expect(r).toEqual([]);
  });

  it('a day never settled after the lag is an income without its transfer, for the uncovered rest', () => {
    const r = reconcileBank(
      AS_OF,
      POLICY,
      bank({
        payments: [
          day('2026-12-01', 1000),
          day('2026-12-02', 500),
          day('2026-12-07', 300),
          day('2026-12-08', 9),
        ],
        settlements: [settled('l1', '2026-12-02', 1200)],
      }),
    );
    expect(r).toEqual([
      {
        kind: 'income_without_transfer',
        source: 'bank',
        buildingId: B,
        amount: 300,
        occurredOn: '2026-12-02',
        reference: `settlement:payme:${B}:2026-12-02`,
      },
      {
        kind: 'income_without_transfer',
        source: 'bank',
        buildingId: B,
        amount: 300,
        occurredOn: '2026-12-07',
        reference: `settlement:payme:${B}:2026-12-07`,
      },
    ]);
  });

  it('a settlement beyond every recorded payment is money without its income, on the latest lines', () => {
    const r = reconcileBank(
      AS_OF,
      POLICY,
      bank({
        payments: [day('2026-12-01', 1000)],
        settlements: [settled('l1', '2026-12-02', 1000), settled('l2', '2026-12-05', 800, 'payme')],
      }),
    );
    expect(r).toEqual([
      {
        kind: 'transfer_without_income',
        source: 'bank',
        buildingId: B,
        amount: 800,
        occurredOn: '2026-12-05',
        reference: 'bank-line:l2',
      },
    ]);
    // Another provider's settlement never pays this one's days.
    const crossed = reconcileBank(
      AS_OF,
      POLICY,
      bank({
        payments: [day('2026-12-01', 1000)],
        settlements: [settled('c1', '2026-12-02', 1000, 'click')],
      }),
    );
    expect(crossed.map((d) => [d.kind, d.reference])).toEqual([
      ['income_without_transfer', `settlement:payme:${B}:2026-12-01`],
      ['transfer_without_income', 'bank-line:c1'],
    ]);
  });

  it('days before the statements’ coverage absorb settlements but are never judged', () => {
    const r = reconcileBank(
      AS_OF,
      POLICY,
      bank({
        coverage: new Map([[B, '2026-12-02']]),
        payments: [day('2026-11-30', 400), day('2026-12-01', 600), day('2026-12-02', 100)],
        settlements: [settled('l1', '2026-12-02', 400)],
      }),
    );
    expect(r.map((d) => d.reference)).toEqual([`settlement:payme:${B}:2026-12-02`]);
  });

  it('an incoming line off the ledger, or unmatched too long, is money without its income', () => {
    const line = (lineId: string, valueDate: string, over: object = {}) => ({
      lineId,
      buildingId: B,
      kind: 'owner_payment' as const,
      status: 'unmatched',
      valueDate,
      amount: 5000,
      recorded: true,
      ...over,
    });
    const r = reconcileBank(
      AS_OF,
      POLICY,
      bank({
        lines: [
          line('waiting', '2026-12-01'),
          line('too-long', '2026-11-30'),
          line('matched', '2026-11-01', { status: 'matched' }),
          line('lost', '2026-12-09', { kind: 'other', status: 'ignored', recorded: false }),
        ],
      }),
    );
    expect(r.map((d) => [d.kind, d.reference, d.occurredOn])).toEqual([
      ['transfer_without_income', 'bank-line:too-long', '2026-11-30'],
      ['transfer_without_income', 'bank-line:lost', '2026-12-09'],
    ]);
  });

  it('a cash-desk payment no statement line carries is an income without its transfer', () => {
    const r = reconcileBank(
      AS_OF,
      POLICY,
      bank({
        bankPayments: [
          {
            ...paid(null, 700, { provider: 'bank', transferId: 'bank:1', paidOn: AS_OF }),
            onStatement: true,
          },
          {
            ...paid(null, 900, { provider: 'bank', transferId: 'manual:2', paidOn: AS_OF }),
            onStatement: false,
          },
        ],
      }),
    );
    expect(r).toEqual([
      {
        kind: 'income_without_transfer',
        source: 'bank',
        buildingId: B,
        amount: 900,
        occurredOn: AS_OF,
        reference: 'ledger:manual:2',
      },
    ]);
  });
});
