import { describe, expect, it } from 'vitest';
import {
  addDays,
  DEFAULT_DAYS_OFF,
  endOfTashkentDay,
  isDayOff,
  nextWorkingDay,
  tashkentDate,
} from './working-days.ts';

const C = DEFAULT_DAYS_OFF;

describe('working days in Asia/Tashkent', () => {
  it('takes the date in Tashkent, not UTC', () => {
    expect(tashkentDate(Date.UTC(2026, 11, 31, 18, 59, 59))).toBe('2026-12-31');
    expect(tashkentDate(Date.UTC(2026, 11, 31, 19, 0, 0))).toBe('2027-01-01');
  });

  it('adds calendar days across month ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('weekends and fixed holidays are days off; a transfer makes a weekend day a working day', () => {
    expect(isDayOff(C, '2026-12-26')).toBe(true); // Saturday
    expect(isDayOff(C, '2027-01-31')).toBe(true); // Sunday
    expect(isDayOff(C, '2028-03-21')).toBe(true); // Navruz, Tuesday
    expect(isDayOff(C, '2028-03-22')).toBe(false);
    expect(isDayOff({ ...C, workingDates: ['2026-12-26'] }, '2026-12-26')).toBe(false);
    expect(isDayOff({ ...C, dates: ['2027-03-10'] }, '2027-03-10')).toBe(true);
  });

  it('moves to the next working day, or stays', () => {
    expect(nextWorkingDay(C, '2026-12-26')).toBe('2026-12-28');
    expect(nextWorkingDay(C, '2028-12-08')).toBe('2028-12-11'); // Constitution Day, Friday, then a weekend
    expect(nextWorkingDay(C, '2028-03-22')).toBe('2028-03-22');
  });

  it('stops after a year when every day is off rather than loop forever', () => {
    expect(nextWorkingDay({ ...C, weekdays: [0, 1, 2, 3, 4, 5, 6] }, '2027-01-01')).toBe('2028-01-02');
  });

  it('a day ends at the next Tashkent midnight, 19:00 UTC', () => {
    expect(endOfTashkentDay('2026-12-31')).toBe(Date.UTC(2026, 11, 31, 19, 0, 0));
  });
});
