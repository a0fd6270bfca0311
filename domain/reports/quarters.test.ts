import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_POLICY, resolveReportPolicy } from './policy.ts';
import {
  deadlineAt,
  deadlineDate,
  firstDayOf,
  firstSuspendedMonth,
  hasBegun,
  lastDayOf,
  monthsOf,
  nextQuarter,
  quarterAt,
  quarterOf,
  reminderTimes,
  startsAt,
} from './quarters.ts';

const at = (iso: string) => Date.parse(iso);

describe('quarters in Asia/Tashkent', () => {
  it('knows each quarter’s days and months', () => {
    expect(monthsOf('2027-Q1')).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(monthsOf('2027-Q4')).toEqual(['2027-10', '2027-11', '2027-12']);
    expect([firstDayOf('2028-Q1'), lastDayOf('2028-Q1')]).toEqual(['2028-01-01', '2028-03-31']);
    expect(lastDayOf('2027-Q2')).toBe('2027-06-30');
    expect(lastDayOf('2027-Q3')).toBe('2027-09-30');
    expect(quarterOf('2027-07-01')).toBe('2027-Q3');
    expect(quarterOf('2027-06')).toBe('2027-Q2');
    expect(nextQuarter('2027-Q4')).toBe('2028-Q1');
  });
  it('begins and ends at Tashkent midnight, not the server’s', () => {
    expect(startsAt('2027-Q2')).toBe(at('2027-03-31T19:00:00Z'));
    expect(quarterAt(at('2027-03-31T18:59:59Z'))).toBe('2027-Q1');
    expect(quarterAt(at('2027-03-31T19:00:00Z'))).toBe('2027-Q2');
    expect(hasBegun('2027-Q2', at('2027-03-31T18:59:59Z'))).toBe(false);
    expect(hasBegun('2027-Q2', at('2027-03-31T19:00:00Z'))).toBe(true);
  });
  it('ends the report’s term with the quarter’s last day by default, and suspends from the next month', () => {
    expect(deadlineDate('2027-Q1', DEFAULT_REPORT_POLICY)).toBe('2027-03-31');
    expect(deadlineAt('2027-Q1', DEFAULT_REPORT_POLICY)).toBe(at('2027-03-31T19:00:00Z'));
    expect(firstSuspendedMonth('2027-Q1', DEFAULT_REPORT_POLICY)).toBe('2027-04');
    expect(firstSuspendedMonth('2027-Q4', DEFAULT_REPORT_POLICY)).toBe('2028-01');
  });
  it('adds the configured grace; a deadline in the next month moves the first suspended month with it', () => {
    const p = resolveReportPolicy({ graceDays: 10 });
    expect(deadlineDate('2027-Q1', p)).toBe('2027-04-10');
    expect(firstSuspendedMonth('2027-Q1', p)).toBe('2027-05');
  });
  it('keeps a quarter ending on a day off by default; moves it only when configured', () => {
    // 2028-09-30 is a Saturday.
    expect(deadlineDate('2028-Q3', DEFAULT_REPORT_POLICY)).toBe('2028-09-30');
    expect(firstSuspendedMonth('2028-Q3', DEFAULT_REPORT_POLICY)).toBe('2028-10');
    const moved = resolveReportPolicy({ deadlineMovesOffDaysOff: true });
    expect(deadlineDate('2028-Q3', moved)).toBe('2028-10-02');
    expect(firstSuspendedMonth('2028-Q3', moved)).toBe('2028-11');
    // 2027-12-31 is a Friday, a working day: nothing moves.
    expect(deadlineDate('2027-Q4', moved)).toBe('2027-12-31');
  });
  it('reminds before the deadline, in order, never before the quarter began', () => {
    const due = deadlineAt('2027-Q1', DEFAULT_REPORT_POLICY);
    const day = 86_400_000;
    expect(reminderTimes('2027-Q1', DEFAULT_REPORT_POLICY)).toEqual([due - 14 * day, due - 3 * day]);
    expect(reminderTimes('2027-Q1', resolveReportPolicy({ reminderDaysBefore: [3, 200] }))).toEqual([
      due - 3 * day,
    ]);
  });
  it('refuses a policy that cannot be', () => {
    expect(() => resolveReportPolicy({ graceDays: -1 })).toThrow(RangeError);
    expect(() => resolveReportPolicy({ suspensionHorizonMonths: 0 })).toThrow(RangeError);
    expect(() => resolveReportPolicy({ reminderDaysBefore: [0] })).toThrow(RangeError);
  });
});
