import { describe, expect, it } from 'vitest';
import { dueDate, type PenaltyInput, penaltyFor, splitPenalty } from './penalties.ts';
import { DEFAULT_BILLING_POLICY as P, type PayerKind } from './policy.ts';

const input = (asOf: string, over: Partial<PenaltyInput> = {}): PenaltyInput => ({
  period: '2026-07',
  overdue: 1_000_000, // 10,000 so'm
  payments: [],
  payerKind: 'individual',
  asOf,
  ...over,
});
const amount = (asOf: string, over: Partial<PenaltyInput> = {}) => penaltyFor(input(asOf, over), P).amount;

describe('penalty days', () => {
  it('the 15th is on time, the 16th is the first day late', () => {
    expect(dueDate('2026-07', P)).toBe('2026-07-15');
    expect(penaltyFor(input('2026-07-15'), P)).toMatchObject({ daysLate: 0, amount: 0 });
    expect(penaltyFor(input('2026-07-16'), P)).toMatchObject({ daysLate: 1, amount: 1_000 }); // 0.1 % of 10,000 so'm
    expect(amount('2026-07-01')).toBe(0);
  });

  it('paid in full on the 16th: one day of penalty, and no more later', () => {
    const paidOn16 = { payments: [{ date: '2026-07-16', amount: 1_000_000 }] };
    expect(amount('2026-07-16', paidOn16)).toBe(1_000);
    expect(amount('2026-12-31', paidOn16)).toBe(1_000);
  });

  it('a payment on or before the due day is not late and does not belong here', () => {
    expect(() => amount('2026-07-20', { payments: [{ date: '2026-07-15', amount: 1 }] })).toThrow(/not late/);
    expect(() => amount('2026-07-20', { payments: [{ date: '2026-07-16', amount: 1_000_001 }] })).toThrow(
      /exceed/,
    );
  });

  it('a partial payment reduces the base from the day after it', () => {
    const r = penaltyFor(input('2026-07-25', { payments: [{ date: '2026-07-20', amount: 400_000 }] }), P);
    // 16th–20th on 1,000,000 and 21st–25th on 600,000: 8,000,000 tiyin·days × 0.1 %
    expect(r.tiyinDays).toBe(8_000_000n);
    expect(r.amount).toBe(8_000);
    // A payment after asOf is not counted yet.
    expect(amount('2026-07-19', { payments: [{ date: '2026-07-20', amount: 400_000 }] })).toBe(4_000);
  });

  it('legal entities pay 0.4 % a day', () => {
    const day = (payerKind: PayerKind) => amount('2026-07-16', { payerKind });
    expect([day('individual'), day('legal_entity')]).toEqual([1_000, 4_000]);
  });

  it('respects a due month offset for billing in arrears, and a short month', () => {
    expect(dueDate('2026-07', { ...P, dueMonthOffset: 1 })).toBe('2026-08-15');
    expect(penaltyFor(input('2026-08-16'), { ...P, dueMonthOffset: 1 }).daysLate).toBe(1);
    expect(dueDate('2027-02', { ...P, dueDay: 27 })).toBe('2027-02-27');
  });
});

describe('penalty cap and rounding', () => {
  it('stops at 50 % of the month`s overdue amount: 125 days for a legal entity', () => {
    const legal = { payerKind: 'legal_entity' as const, overdue: 1_000_001 };
    // 15 Jul + 125 days = 17 Nov: 125 × 0.4 % = 50 % exactly (500,000.5 → 500,001 uncapped)
    const at125 = penaltyFor(input('2026-11-17', legal), P);
    expect(at125).toMatchObject({
      daysLate: 125,
      uncapped: 500_001,
      cap: 500_000,
      amount: 500_000,
      capped: true,
    });
    const at124 = penaltyFor(input('2026-11-16', legal), P);
    expect(at124).toMatchObject({ daysLate: 124, amount: 496_000, capped: false }); // 496,000.496
    expect(penaltyFor(input('2027-12-31', legal), P).amount).toBe(500_000);
  });

  it('individuals reach the cap after 500 days', () => {
    expect(penaltyFor(input('2027-11-27'), P)).toMatchObject({
      daysLate: 500,
      amount: 500_000,
      capped: false,
    });
    expect(penaltyFor(input('2027-11-28'), P)).toMatchObject({
      daysLate: 501,
      uncapped: 501_000,
      amount: 500_000,
      capped: true,
    });
  });

  it('rounds the exact sum half up once, not day by day', () => {
    expect(amount('2026-07-16', { overdue: 500 })).toBe(1); // 0.5 tiyin
    expect(amount('2026-07-16', { overdue: 499 })).toBe(0); // 0.499 tiyin
    // 0.499 a day for 3 days is 1.497 → 1, where daily rounding would give 0.
    expect(amount('2026-07-18', { overdue: 499 })).toBe(1);
  });
});

describe('penalty split', () => {
  it('halves sum exactly; the odd tiyin stays with the building', () => {
    expect(splitPenalty(3_155, P)).toEqual({ building: 1_578, system: 1_577 });
    expect(splitPenalty(1_000, P)).toEqual({ building: 500, system: 500 });
    expect(splitPenalty(1, P)).toEqual({ building: 1, system: 0 });
    expect(penaltyFor(input('2026-07-18', { overdue: 1_000_001 }), P)).toMatchObject({
      amount: 3_000,
      building: 1_500,
      system: 1_500,
    });
  });

  it('follows another share from the policy', () => {
    expect(splitPenalty(1_001, { penalty: { ...P.penalty, systemShareBp: 10_000 } })).toEqual({
      building: 0,
      system: 1_001,
    });
    expect(splitPenalty(1_001, { penalty: { ...P.penalty, systemShareBp: 3_333 } })).toEqual({
      building: 668,
      system: 333,
    });
  });
});
