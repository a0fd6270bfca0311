// Quarters in Asia/Tashkent: their days and months, and the report's deadline. Dates are Tashkent
// calendar dates 'YYYY-MM-DD' and months 'YYYY-MM' (as billing's periods), so nothing depends on
// the server's zone.
import { addMonths, periodOf } from '../billing/public.ts';
import {
  addDays,
  endOfTashkentDay,
  nextWorkingDay,
  TASHKENT_OFFSET_MS,
  tashkentDate,
} from '../calendar/working-days.ts';
import type { ReportPolicy } from './policy.ts';
import type { Quarter } from './types.ts';

const QUARTER = /^(\d{4})-Q([1-4])$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export const isQuarter = (s: string): s is Quarter => QUARTER.test(s);

function parts(q: string): [number, number] {
  const m = QUARTER.exec(q);
  if (!m) throw new RangeError(`quarter must be 'YYYY-Qn', got '${q}'`);
  return [Number(m[1]), Number(m[2])];
}

/** The quarter a Tashkent date or month falls in. */
export function quarterOf(dateOrPeriod: string): Quarter {
  const year = Number(dateOrPeriod.slice(0, 4));
  const month = Number(dateOrPeriod.slice(5, 7));
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}` as Quarter;
}

export const quarterAt = (at: number): Quarter => quarterOf(tashkentDate(at));

export function nextQuarter(q: string): Quarter {
  const [y, n] = parts(q);
  return (n === 4 ? `${y + 1}-Q1` : `${y}-Q${n + 1}`) as Quarter;
}

/** The quarter's three months, 'YYYY-MM'. */
export function monthsOf(q: string): string[] {
  const [y, n] = parts(q);
  const first = `${y}-${String((n - 1) * 3 + 1).padStart(2, '0')}`;
  return [first, addMonths(first, 1), addMonths(first, 2)];
}

export const firstDayOf = (q: string): string => `${monthsOf(q)[0]}-01`;
export const lastDayOf = (q: string): string => addDays(`${addMonths(monthsOf(q)[2]!, 1)}-01`, -1);

/** The first instant of the quarter (Tashkent midnight of its first day). */
export const startsAt = (q: string): number => Date.parse(`${firstDayOf(q)}T00:00:00Z`) - TASHKENT_OFFSET_MS;

export const hasBegun = (q: string, now: number): boolean => now >= startsAt(q);

/** The last day the report may be entered: the quarter's last day plus the grace, maybe moved off a day off. */
export function deadlineDate(q: string, policy: ReportPolicy): string {
  const day = addDays(lastDayOf(q), policy.graceDays);
  return policy.deadlineMovesOffDaysOff ? nextWorkingDay(policy.daysOff, day) : day;
}

/** The instant the deadline day ends: a report entered before it is on time. */
export const deadlineAt = (q: string, policy: ReportPolicy): number =>
  endOfTashkentDay(deadlineDate(q, policy));

/** When the organization is reminded, in order; a reminder that would fall before the quarter began is dropped. */
export function reminderTimes(q: string, policy: ReportPolicy): number[] {
  const due = deadlineAt(q, policy);
  return [...new Set(policy.reminderDaysBefore)]
    .map((d) => due - d * DAY_MS)
    .filter((t) => t >= startsAt(q))
    .sort((a, b) => a - b);
}

/**
 * The first month a missing report suspends: the month after the deadline's month, so a month
 * whose accrual (run on its 1st) came before the deadline is never taken back.
 */
export const firstSuspendedMonth = (q: string, policy: ReportPolicy): string =>
  addMonths(periodOf(deadlineDate(q, policy)), 1);
