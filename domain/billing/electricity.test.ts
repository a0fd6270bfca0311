import { describe, expect, it } from 'vitest';
import {
  electricityChanges,
  electricityDebtors,
  handoverDate,
  type OwnerContributions,
} from './electricity.ts';
import { DEFAULT_BILLING_POLICY as P } from './policy.ts';

const owner = (ownerId: string, ...debts: [string, string, number][]): OwnerContributions => ({
  ownerId,
  debts: debts.map(([apartmentId, period, outstanding]) => ({ apartmentId, period, outstanding })),
});

describe('debtors on the handover day', () => {
  it('the July contribution unpaid on the 16th makes a debtor; on the 15th it does not', () => {
    const o = [owner('a', ['apt-1', '2026-07', 500_000])];
    expect(handoverDate('2026-07-03', P)).toBe('2026-07-16');
    expect(electricityDebtors(o, '2026-07-16', P)).toEqual([
      { ownerId: 'a', overdue: 500_000, periods: ['2026-07'] },
    ]);
    expect(electricityDebtors(o, '2026-07-15', P)).toEqual([]);
  });

  it('not before the rule applies (1 July 2026)', () => {
    expect(electricityDebtors([owner('a', ['apt-1', '2026-05', 500_000])], '2026-06-16', P)).toEqual([]);
  });

  it('sums over the owner`s apartments; not-yet-due months and settled ones do not count', () => {
    const o = owner(
      'a',
      ['apt-1', '2026-07', 100],
      ['apt-2', '2026-07', 200],
      ['apt-1', '2026-08', 300],
      ['apt-2', '2026-06', 0],
    );
    expect(electricityDebtors([o], '2026-08-10', P)).toEqual([
      { ownerId: 'a', overdue: 300, periods: ['2026-07'] },
    ]);
  });

  it('above the threshold only', () => {
    const o = [owner('a', ['apt-1', '2026-07', 100]), owner('b', ['apt-1', '2026-07', 101])];
    expect(
      electricityDebtors(o, '2026-07-16', { ...P, electricityDebtThresholdTiyin: 100 }).map((d) => d.ownerId),
    ).toEqual(['b']);
    expect(electricityDebtors(o, '2026-07-16', P).map((d) => d.ownerId)).toEqual(['a', 'b']);
  });
});

describe('blocks and lifts', () => {
  it('blocks on the handover day only, and not twice', () => {
    const o = [owner('a', ['apt-1', '2026-07', 500]), owner('b', ['apt-1', '2026-07', 700])];
    expect(electricityChanges(new Set(['a']), o, '2026-07-16', P).block.map((d) => d.ownerId)).toEqual(['b']);
    expect(electricityChanges(new Set(), o, '2026-07-17', P).block).toEqual([]);
  });

  it('lifts at once, any day, when nothing is overdue; a partial payment lifts nothing', () => {
    const blocked = new Set(['a', 'b']);
    const paid = [
      owner('a', ['apt-1', '2026-07', 0], ['apt-1', '2026-08', 800]),
      owner('b', ['apt-1', '2026-07', 1]),
    ];
    expect(electricityChanges(blocked, paid, '2026-08-03', P)).toEqual({ block: [], lift: ['a'] });
    // Even under a threshold, the block lifts only at zero.
    expect(
      electricityChanges(blocked, paid, '2026-08-03', { ...P, electricityDebtThresholdTiyin: 100 }).lift,
    ).toEqual(['a']);
  });
});
