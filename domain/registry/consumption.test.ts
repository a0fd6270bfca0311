import { describe, expect, it } from 'vitest';
import { type MeterReading, monthlyConsumption, previousMonth } from './consumption.ts';

/** Noon in Tashkent on a day, so readings sit well inside their month. */
const day = (date: string) => Date.parse(`${date}T07:00:00Z`);
const r = (
  meterId: string,
  date: string,
  value: number,
  extra: Partial<MeterReading> = {},
): MeterReading => ({
  meterId,
  resource: 'electricity',
  readAt: day(date),
  value,
  ...extra,
});

describe('monthlyConsumption', () => {
  it('takes the last reading of the month minus the last of the previous month', () => {
    const res = monthlyConsumption([
      r('e1', '2026-01-31', 1000),
      r('e1', '2026-02-10', 1100),
      r('e1', '2026-02-28', 1250),
      r('e1', '2026-03-31', 1400.5),
    ]);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.meterMonths.map((m) => [m.month, m.amount, m.complete])).toEqual([
      ['2026-01', 0, false],
      ['2026-02', 250, true],
      ['2026-03', 150.5, true],
    ]);
    expect(res.meterMonths[1]!.baselineAt).toBe(day('2026-01-31'));
  });

  it('counts months in Tashkent: 20:00 UTC on 31 Jan is already February', () => {
    const res = monthlyConsumption([
      r('e1', '2026-01-15', 0),
      { ...r('e1', '2026-01-31', 10), readAt: Date.parse('2026-01-31T20:00:00Z') },
    ]);
    expect(res.ok && res.meterMonths.map((m) => m.month)).toEqual(['2026-01', '2026-02']);
  });

  it('sums meters by resource and month, exactly', () => {
    const res = monthlyConsumption([
      r('w1', '2026-01-31', 0.1, { resource: 'cold_water' }),
      r('w1', '2026-02-28', 0.3, { resource: 'cold_water' }),
      r('w2', '2026-01-31', 5, { resource: 'cold_water' }),
      r('w2', '2026-02-28', 5.1, { resource: 'cold_water' }),
      r('h1', '2026-01-31', 1.001, { resource: 'heat' }),
      r('h1', '2026-02-28', 3.5, { resource: 'heat' }),
    ]);
    expect(res.ok && res.months.filter((m) => m.month === '2026-02')).toEqual([
      { month: '2026-02', resource: 'cold_water', amount: 0.3, meters: 2, complete: true },
      { month: '2026-02', resource: 'heat', amount: 2.499, meters: 1, complete: true },
    ]);
  });

  it('carries a month without readings into the next one, marked incomplete', () => {
    const res = monthlyConsumption([r('e1', '2026-01-31', 100), r('e1', '2026-03-31', 160)]);
    expect(res.ok && res.meterMonths[1]).toMatchObject({ month: '2026-03', amount: 60, complete: false });
  });

  it('resets the baseline on a replaced device', () => {
    const res = monthlyConsumption([
      r('e1', '2026-01-31', 9000),
      r('e1', '2026-02-10', 9100),
      r('e1', '2026-02-11', 0, { replaced: true }),
      r('e1', '2026-02-28', 40),
    ]);
    expect(res.ok && res.meterMonths[1]!.amount).toBe(140);
  });

  it('counts the old device up to its final count when it was read at removal', () => {
    const res = monthlyConsumption([
      r('e1', '2026-01-31', 9000),
      r('e1', '2026-02-11', 3, { replaced: true, oldDeviceFinalValue: 9120 }),
      r('e1', '2026-02-28', 43),
    ]);
    expect(res.ok && res.meterMonths[1]!.amount).toBe(160);
  });

  it('refuses a negative difference and names the reading', () => {
    const res = monthlyConsumption([r('e1', '2026-01-31', 500), r('e1', '2026-02-28', 20)]);
    expect(res).toEqual({
      ok: false,
      refusal: {
        code: 'negative_consumption',
        reading: { meterId: 'e1', readAt: day('2026-02-28'), value: 20 },
        previous: { meterId: 'e1', readAt: day('2026-01-31'), value: 500 },
        difference: -480,
      },
    });
  });

  it('refuses invalid readings and a meter changing resource', () => {
    const bad = (x: MeterReading) => {
      const res = monthlyConsumption([x]);
      return res.ok ? null : res.refusal;
    };
    expect(bad(r('e1', '2026-01-01', -1))).toMatchObject({ code: 'invalid_reading', field: 'value' });
    expect(bad(r('e1', '2026-01-01', 1, { resource: 'steam' as never }))).toMatchObject({
      field: 'resource',
    });
    expect(bad(r('e1', '2026-01-01', 1, { oldDeviceFinalValue: 5 }))).toMatchObject({
      field: 'oldDeviceFinalValue',
    });
    const res = monthlyConsumption([r('m', '2026-01-01', 1), r('m', '2026-01-02', 2, { resource: 'gas' })]);
    expect(res.ok ? null : res.refusal).toMatchObject({ code: 'resource_mismatch', expected: 'electricity' });
  });

  it('sorts readings by time whatever the input order', () => {
    const res = monthlyConsumption([r('e1', '2026-02-28', 200), r('e1', '2026-01-31', 100)]);
    expect(res.ok && res.months.map((m) => m.amount)).toEqual([0, 100]);
  });

  it('knows the previous month across a year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });
});
