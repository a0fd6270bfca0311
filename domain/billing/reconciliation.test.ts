import { describe, expect, it } from 'vitest';
import { type LedgerPayment, type ProviderTransaction, reconcileProvider } from './reconciliation.ts';

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
