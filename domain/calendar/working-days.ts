// Legal terms counted in calendar days in Asia/Tashkent, moved off days off (docs/domain/appeals.md:
// "a term ending on a day off moves to the next working day"). Dates are 'YYYY-MM-DD' strings in
// Tashkent so a term never depends on the server's zone; Tashkent is UTC+5 with no DST.

const DAY_MS = 24 * 60 * 60 * 1000;
export const TASHKENT_OFFSET_MS = 5 * 60 * 60 * 1000;

export interface DaysOffCalendar {
  /** Weekly days off, 0 = Sunday … 6 = Saturday. [design] Saturday and Sunday (five-day week) */
  weekdays: number[];
  /** Holidays every year, 'MM-DD'. [news] the fixed public holidays of Uzbekistan */
  annual: string[];
  /**
   * One-off days off, 'YYYY-MM-DD': Ramazon and Qurbon hayit, whose dates move each year, and
   * days the government moves. [configure per year]
   */
  dates: string[];
  /** Days off turned into working days by a transfer, 'YYYY-MM-DD'. [configure per year] */
  workingDates: string[];
}

export const DEFAULT_DAYS_OFF: DaysOffCalendar = {
  weekdays: [0, 6],
  annual: ['01-01', '03-08', '03-21', '05-09', '09-01', '10-01', '12-08'],
  dates: [],
  workingDates: [],
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The Tashkent calendar date of an instant. */
export function tashkentDate(at: number): string {
  const d = new Date(at + TASHKENT_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "YYYY-MM-DD HH:MM", Tashkent wall-clock time of an instant: tables and exports a person reads. */
export const tashkentDateTime = (at: number): string =>
  new Date(at + TASHKENT_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** '2026-12-07' → '07.12.2026': how letters and documents here write a day, in every language. */
export const dottedDate = (date: string): string =>
  `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

const toUtcMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const fromUtcMidnight = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string =>
  fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);

export function isDayOff(calendar: DaysOffCalendar, date: string): boolean {
  if (calendar.workingDates.includes(date)) return false;
  if (calendar.dates.includes(date) || calendar.annual.includes(date.slice(5))) return true;
  return calendar.weekdays.includes(new Date(toUtcMidnight(date)).getUTCDay());
}

/** The date itself when it is a working day, else the next working day. */
export function nextWorkingDay(calendar: DaysOffCalendar, date: string): string {
  let d = date;
  // A calendar with every weekday off would never end; a year is far beyond any real run of days off.
  for (let i = 0; i < 366 && isDayOff(calendar, d); i++) d = addDays(d, 1);
  return d;
}

/** The first instant after a Tashkent date has ended. */
export const endOfTashkentDay = (date: string): number =>
  toUtcMidnight(addDays(date, 1)) - TASHKENT_OFFSET_MS;
