// Tashkent months as 'YYYY-MM', the unit the consumption API counts in. The window ends in the
// current Tashkent month whatever the device's time zone, like the API's own default.
import { tashkentParts } from '../core/format.ts';

const index = (month: string): number => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
};

const ofIndex = (i: number): string => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

export const isMonth = (s: string | null | undefined): s is string =>
  !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

export function tashkentMonth(now: Date = new Date()): string {
  const { year, month } = tashkentParts(now);
  return `${year}-${month!.padStart(2, '0')}`;
}

/** The `count` months ending with `to`, oldest first. */
export function monthsEnding(to: string, count: number): string[] {
  const end = index(to);
  return Array.from({ length: count }, (_, k) => ofIndex(end - count + 1 + k));
}

/** "yan 2026" from the space-separated short names of a catalog. */
export function monthName(names: string, month: string, withYear = true): string {
  const [y, m] = month.split('-') as [string, string];
  const short = names.split(' ')[Number(m) - 1] ?? m;
  return withYear ? `${short} ${y}` : short;
}
