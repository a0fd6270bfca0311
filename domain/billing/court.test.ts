import { describe, expect, it } from 'vitest';
import { debtCalculation, type PeriodBalance, qualifiesFrom } from './court.ts';
import { DEFAULT_BILLING_POLICY as P } from './policy.ts';

const month = (period: string, accrued: number, paid = 0, penalty = 0, penaltyPaid = 0): PeriodBalance => ({
  period,
  accrued,
  paid,
  penalty,
  penaltyPaid,
});

describe('court package', () => {
  it('a debt qualifies the day after it is 3 months past due', () => {
    expect(qualifiesFrom('2026-07', P)).toBe('2026-10-16');
    expect(qualifiesFrom('2026-11', P)).toBe('2027-02-16');
    expect(qualifiesFrom('2026-07', { ...P, courtDebtAgeMonths: 6 })).toBe('2027-01-16');
    const july = [month('2026-07', 500_000)];
    expect(debtCalculation(july, '2026-10-15', P).qualifies).toBe(false);
    expect(debtCalculation(july, '2026-10-16', P).qualifies).toBe(true);
  });

  it('lists every period still owing, oldest first, with totals; settled periods left out', () => {
    const c = debtCalculation(
      [
        month('2026-09', 800_000, 300_000),
        month('2026-07', 500_000, 100_000, 60_000, 10_000),
        month('2026-08', 800_000, 800_000, 2_000, 2_000),
        month('2026-10', 800_000, 0),
      ],
      '2026-10-20',
      P,
    );
    expect(
      c.rows.map((r) => [r.period, r.dueDate, r.contributionOwed, r.penaltyOwed, r.owed, r.qualifies]),
    ).toEqual([
      ['2026-07', '2026-07-15', 400_000, 50_000, 450_000, true],
      ['2026-09', '2026-09-15', 500_000, 0, 500_000, false],
      ['2026-10', '2026-10-15', 800_000, 0, 800_000, false],
    ]);
    expect(c.totals).toEqual({
      accrued: 2_100_000,
      paid: 400_000,
      penalty: 60_000,
      penaltyPaid: 10_000,
      owed: 1_750_000,
    });
    expect(c.qualifies).toBe(true);
  });

  it('an old unpaid penalty alone does not qualify', () => {
    const c = debtCalculation([month('2026-07', 500_000, 500_000, 30_000)], '2027-01-01', P);
    expect(c.rows.map((r) => [r.owed, r.qualifies])).toEqual([[30_000, false]]);
    expect(c.qualifies).toBe(false);
  });

  it('refuses inconsistent balances', () => {
    expect(() => debtCalculation([month('2026-07', 1, 2)], '2027-01-01', P)).toThrow(/advance/);
    expect(() => debtCalculation([month('2026-07', 1, 0, 1, 2)], '2027-01-01', P)).toThrow(/penalty paid/);
    expect(() => debtCalculation([month('2026-07', -1)], '2027-01-01', P)).toThrow(/negative/);
    expect(() => debtCalculation([month('2026-07', 1.5)], '2027-01-01', P)).toThrow(/accrued/);
  });
});
