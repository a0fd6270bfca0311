import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../common/language.ts';
import { buildStatement } from './statement.ts';
import { statementExportRows } from './statement-export.ts';

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

  it("exports a table in the reader’s language: months by name, so'm as plain decimals", () => {
    const en = statementExportRows(s, 'en');
    expect(en[0]).toEqual([
      'Month',
      'Contributions (UZS)',
      'Leases (UZS)',
      'Household service centres (UZS)',
      'Lightweight structures (UZS)',
      'Penalties (UZS)',
      'Total income (UZS)',
      'Expenses (UZS)',
      'Balance at month end (UZS)',
    ]);
    expect(en[1]).toEqual([
      'July 2026',
      '1000.00',
      '300.00',
      '0.00',
      '0.00',
      '0.00',
      '1300.00',
      '0.00',
      '800.00',
    ]);
    // The correction's negative income stays a number the sheet counts.
    expect(en[3]!.slice(0, 2)).toEqual(['September 2026', '-5.00']);
    expect(en).toHaveLength(4);
    const uz = statementExportRows(s, 'uz');
    expect(uz[0]!.slice(0, 2)).toEqual(['Oy', 'Badallar (soʻm)']);
    expect(uz[0]!.at(-1)).toBe('Oy oxiridagi qoldiq (soʻm)');
    expect(uz[2]![0]).toBe('avgust 2026');
    const ru = statementExportRows(s, 'ru');
    expect(ru[0]!.slice(0, 2)).toEqual(['Месяц', 'Взносы (сум)']);
    expect(ru[1]![0]).toBe('июль 2026');
    for (const lang of LANGUAGES) {
      const [header, ...rows] = statementExportRows(s, lang);
      expect(header!.join(' '), lang).not.toMatch(/\b[a-z]+_[a-z_]+\b|\d{4}-\d{2}/);
      for (const r of rows) expect(r[0], lang).not.toMatch(/^\d{4}-\d{2}$/);
      // The amounts are the same whatever the language.
      expect(rows.map((r) => r.slice(1))).toEqual(en.slice(1).map((r) => r.slice(1)));
    }
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => buildStatement('b', '2026-09', '2026-08', 0, [])).toThrow(/before/);
  });
});
