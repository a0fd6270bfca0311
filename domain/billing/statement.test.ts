import { describe, expect, it } from 'vitest';
import { buildStatement, statementCsv } from './statement.ts';

describe('building statement', () => {
  const s = buildStatement('b-1', '2026-07', '2026-09', 500_00, [
    { period: '2026-07', revenue: { contributions: -1_000_00, lease: -300_00 }, bank: 300_00, expenses: 0 },
    {
      period: '2026-09',
      revenue: { household_service_centre: -200_00, contributions: 5_00 },
      bank: -150_00,
      expenses: 350_00,
    },
  ]);

  it('lists every month, income positive by kind, expenses, and the balance carried month to month', () => {
    expect(s.months.map((m) => m.period)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(s.months[0]).toMatchObject({
      income: { contributions: 1_000_00, lease: 300_00, household_service_centre: 0 },
      incomeTotal: 1_300_00,
      expenses: 0,
      closingBalance: 800_00,
    });
    expect(s.months[1]).toMatchObject({ incomeTotal: 0, closingBalance: 800_00 });
    // A correction that took 5 so'm back from contributions shows as negative income.
    expect(s.months[2]).toMatchObject({
      income: { contributions: -5_00, household_service_centre: 200_00 },
      incomeTotal: 195_00,
      expenses: 350_00,
      closingBalance: 650_00,
    });
    expect(s.totals).toMatchObject({ incomeTotal: 1_495_00, expenses: 350_00 });
  });

  it('exports CSV with stable columns and machine amounts', () => {
    const lines = statementCsv(s).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'period,income_contributions,income_lease,income_household_service_centre,income_lightweight_structure,income_penalties,income_total,expenses,closing_balance',
    );
    expect(lines[1]).toBe('2026-07,1000.00,300.00,0.00,0.00,0.00,1300.00,0.00,800.00');
    expect(lines).toHaveLength(4);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => buildStatement('b', '2026-09', '2026-08', 0, [])).toThrow(/before/);
  });
});
