// Billing periods are calendar months in Asia/Tashkent, written 'YYYY-MM'; dates are Tashkent
// calendar dates 'YYYY-MM-DD' (as domain/calendar), so no rule depends on the server's zone.
// Both compare correctly as strings, which the rules below rely on.
import { addDays } from '../calendar/working-days.ts';

export { addDays };

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export const isPeriod = (s: string): boolean => PERIOD.test(s);

/**
 * A real calendar date: '2027-02-29' is refused, '2028-02-29' accepted; so is year 0, which ISO
 * 8601 writes but the calendar (and PostgreSQL) does not have.
 */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  return m !== null && m[1] !== '0000' && Number(m[3]) <= daysInMonth(`${m[1]}-${m[2]}`);
}

function parts(period: string): [number, number] {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`period must be 'YYYY-MM', got '${period}'`);
  return [Number(m[1]), Number(m[2])];
}

export function daysInMonth(period: string): number {
  const [y, m] = parts(period);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export const periodOf = (date: string): string => date.slice(0, 7);

export function addMonths(period: string, months: number): string {
  const [y, m] = parts(period);
  const index = y * 12 + (m - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Day `day` of the period, or its last day when the month is shorter (a due day 31 in February). */
export function dayOf(period: string, day: number): string {
  if (!Number.isInteger(day) || day < 1) throw new RangeError(`day must be a positive integer, got ${day}`);
  return `${period}-${String(Math.min(day, daysInMonth(period))).padStart(2, '0')}`;
}

export const firstDay = (period: string): string => `${period}-01`;
/** The first day of the next month: periods are half-open [first day, next month's first day). */
export const endOf = (period: string): string => firstDay(addMonths(period, 1));

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Periods from `from` to `to`, both included. */
export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to; p = addMonths(p, 1)) out.push(p);
  return out;
}
