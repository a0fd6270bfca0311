import { describe, expect, it } from 'vitest';
import { allocatePayment, type Debt } from './allocation.ts';

const debts: Debt[] = [
  { period: '2026-09', kind: 'contribution', outstanding: 800_000 },
  { period: '2026-07', kind: 'penalty', outstanding: 30_000 },
  { period: '2026-07', kind: 'contribution', outstanding: 500_000 },
  { period: '2026-08', kind: 'contribution', outstanding: 800_000 },
  { period: '2026-08', kind: 'penalty', outstanding: 10_000 },
];
const steps = (r: ReturnType<typeof allocatePayment>) =>
  r.allocations.map((a) => `${a.period} ${a.kind} ${a.amount}`);

describe('payment allocation', () => {
  it('contributions oldest first, then penalties oldest first (the default)', () => {
    const r = allocatePayment(1_350_000, debts, 'contributions_first');
    expect(steps(r)).toEqual([
      '2026-07 contribution 500000',
      '2026-08 contribution 800000',
      '2026-09 contribution 50000',
    ]);
    expect(r.advance).toBe(0);
    expect(r.remaining).toEqual([
      { period: '2026-09', kind: 'contribution', outstanding: 750_000 },
      { period: '2026-07', kind: 'penalty', outstanding: 30_000 },
      { period: '2026-08', kind: 'penalty', outstanding: 10_000 },
    ]);
  });

  it('period by period: each month`s contribution then its penalty', () => {
    const r = allocatePayment(1_350_000, debts, 'period_by_period');
    expect(steps(r)).toEqual([
      '2026-07 contribution 500000',
      '2026-07 penalty 30000',
      '2026-08 contribution 800000',
      '2026-08 penalty 10000',
      '2026-09 contribution 10000',
    ]);
  });

  it('an overpayment settles everything and keeps the rest as an advance', () => {
    const r = allocatePayment(2_500_000, debts, 'contributions_first');
    expect(r.allocations.reduce((s, a) => s + a.amount, 0)).toBe(2_140_000);
    expect(r.advance).toBe(360_000);
    expect(r.remaining).toEqual([]);
  });

  it('the advance settles the next month when it is accrued, and what is left stays', () => {
    const october: Debt[] = [{ period: '2026-10', kind: 'contribution', outstanding: 800_000 }];
    const partly = allocatePayment(360_000, october, 'contributions_first');
    expect(partly).toEqual({
      allocations: [{ period: '2026-10', kind: 'contribution', amount: 360_000 }],
      advance: 0,
      remaining: [{ period: '2026-10', kind: 'contribution', outstanding: 440_000 }],
    });
    expect(allocatePayment(900_000, october, 'contributions_first').advance).toBe(100_000);
  });

  it('pays nothing into settled debts and accepts a zero advance', () => {
    const r = allocatePayment(
      0,
      [{ period: '2026-07', kind: 'contribution', outstanding: 0 }],
      'contributions_first',
    );
    expect(r).toEqual({ allocations: [], advance: 0, remaining: [] });
  });

  it('refuses bad inputs rather than misallocate', () => {
    expect(() => allocatePayment(-1, debts, 'contributions_first')).toThrow(/negative/);
    expect(() => allocatePayment(10.5, debts, 'contributions_first')).toThrow(/payment/);
    expect(() => allocatePayment(1, [...debts, debts[0]!], 'contributions_first')).toThrow(/listed twice/);
    expect(() =>
      allocatePayment(1, [{ period: '2026-7', kind: 'penalty', outstanding: 1 }], 'contributions_first'),
    ).toThrow(/YYYY-MM/);
    expect(() =>
      allocatePayment(1, [{ period: '2026-07', kind: 'penalty', outstanding: -1 }], 'contributions_first'),
    ).toThrow(/negative/);
  });
});
