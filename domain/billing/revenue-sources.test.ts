import { describe, expect, it } from 'vitest';
import { validateTransfer } from './ledger.ts';
import {
  checkRevenueSource,
  monthCharge,
  type RevenueSourceTerms,
  revenueTransfer,
} from './revenue-sources.ts';

const terms = (over: Partial<RevenueSourceTerms> = {}): RevenueSourceTerms => ({
  kind: 'household_service_centre',
  partyName: 'Sartaroshxona MChJ',
  partyId: '301234567',
  contractNumber: 'MXK-7',
  monthlyCharge: 120_000_000,
  from: '2026-08-16',
  to: null,
  ...over,
});

describe('revenue sources', () => {
  it('prorates the first and last month by days and charges whole months in between', () => {
    const t = terms({ to: '2026-10-11' });
    // 16 of 31 days: 120 000 000 × 16 / 31 = 61 935 483.87 → 61 935 484
    expect(monthCharge(t, '2026-08')).toBe(61_935_484);
    expect(monthCharge(t, '2026-09')).toBe(120_000_000);
    // 10 of 31 days
    expect(monthCharge(t, '2026-10')).toBe(38_709_677);
    expect(monthCharge(t, '2026-11')).toBe(0);
    expect(monthCharge(t, '2026-07')).toBe(0);
  });

  it('posts a month as other revenue of its kind into the building account, named by source and period', () => {
    const tr = revenueTransfer(
      { ...terms({ kind: 'lightweight_structure' }), id: 'src-1', buildingId: 'b-1' },
      '2026-09',
    );
    expect(tr).toMatchObject({
      id: 'revenue/src-1/2026-09',
      debit: 'bank/b-1',
      credit: 'revenue/b-1/lightweight_structure',
      amount: 120_000_000,
      kind: 'other_revenue',
      period: '2026-09',
    });
    expect(validateTransfer(tr!)).toEqual([]);
    expect(revenueTransfer({ ...terms(), id: 'src-1', buildingId: 'b-1' }, '2026-07')).toBeNull();
  });

  it('names every bad field', () => {
    const problems = checkRevenueSource(
      terms({
        kind: 'lease' as never,
        partyName: ' ',
        partyId: '12',
        contractNumber: '',
        monthlyCharge: 1.5,
        from: '2026-02-30',
        to: '2026-01-01',
      }),
    );
    expect(problems.map((p) => p.field)).toEqual([
      'kind',
      'partyName',
      'partyId',
      'contractNumber',
      'monthlyCharge',
      'from',
    ]);
    expect(checkRevenueSource(terms({ to: '2026-08-16' })).map((p) => p.field)).toEqual(['to']);
    expect(checkRevenueSource(terms({ partyId: '12345678901234' }))).toEqual([]);
  });
});
