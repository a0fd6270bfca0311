import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dayOf,
  daysBetween,
  daysInMonth,
  endOf,
  isDate,
  isPeriod,
  periodsBetween,
} from './period.ts';

describe('billing periods', () => {
  it('knows month lengths, leap Februaries included', () => {
    expect(daysInMonth('2028-02')).toBe(29);
    expect(daysInMonth('2100-02')).toBe(28);
    expect(daysInMonth('2000-02')).toBe(29);
    expect(daysInMonth('2026-07')).toBe(31);
    expect(daysInMonth('2026-04')).toBe(30);
  });

  it('validates periods and real dates', () => {
    expect(isPeriod('2026-07')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-7')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2027-02-29')).toBe(false);
    expect(isDate('2026-04-31')).toBe(false);
    expect(isDate('0000-01-01')).toBe(false);
    expect(isDate('0001-01-01')).toBe(true);
    expect(() => daysInMonth('July')).toThrow(/YYYY-MM/);
  });

  it('adds months across years in both directions', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2026-07', -19)).toBe('2024-12');
    expect(endOf('2026-12')).toBe('2027-01-01');
  });

  it('clamps a day to the end of a short month', () => {
    expect(dayOf('2027-02', 31)).toBe('2027-02-28');
    expect(dayOf('2028-02', 30)).toBe('2028-02-29');
    expect(dayOf('2026-07', 15)).toBe('2026-07-15');
    expect(() => dayOf('2026-07', 0)).toThrow(RangeError);
  });

  it('counts days and lists periods', () => {
    expect(daysBetween('2026-07-15', '2026-07-16')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-07-16', '2026-07-15')).toBe(-1);
    expect(periodsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodsBetween('2027-02', '2026-11')).toEqual([]);
  });
});
