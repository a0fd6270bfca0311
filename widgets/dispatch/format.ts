// How dispatch times read: the legal clock a job counts down to, in minutes (a 30-minute
// emergency clock cannot be shown in days), and a timeline's instants in Tashkent time.
import type { Language } from '../../domain/common/language.ts';
import type { Clock, DispatchRequest } from '../../domain/dispatch/types.ts';
import { formatDate, formatDateTime, tashkentParts } from '../core/format.ts';
import type { Translate } from '../core/i18n.ts';
import type { DispatchMessageKey } from './messages.ts';

const MINUTE = 60_000;

/** The earliest clock still running: what the technician races and the resident waits for. */
export function runningClock(r: Pick<DispatchRequest, 'clocks'>): Clock | null {
  const open = r.clocks.filter((c) => c.metAt === null);
  return open.reduce<Clock | null>((first, c) => (first === null || c.dueAt < first.dueAt ? c : first), null);
}

/** "12 min left", "2 h 5 min left", "1 d 3 h left", or how late, from the reader's clock. */
export function timeLeft(
  t: Translate<DispatchMessageKey>,
  dueAt: number,
  now: number,
): { late: boolean; text: string } {
  const late = dueAt <= now;
  const minutes = Math.max(late ? 0 : 1, Math.floor(Math.abs(dueAt - now) / MINUTE));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (late) return { late, text: h > 0 ? t('lateByHours', { h, m }) : t('lateBy', { n: minutes }) };
  if (h >= 24) return { late, text: t('daysLeft', { n: Math.floor(h / 24), h: h % 24 }) };
  return { late, text: h > 0 ? t('hoursLeft', { h, m }) : t('minutesLeft', { n: minutes }) };
}

/**
 * "14:05" in Tashkent: the hour a clock runs out, as a technician reads it on the stairs; with its
 * day ("08.12.2026 14:05") when that is not today in Tashkent, or "until 17:51" would read as today.
 */
export function clockTime(ms: number, now: number): string {
  const p = tashkentParts(new Date(ms));
  const day = formatDate(new Date(ms).toISOString());
  return day === formatDate(new Date(now).toISOString())
    ? `${p.hour}:${p.minute}`
    : `${day} ${p.hour}:${p.minute}`;
}

/** An epoch instant as the shared long form ("1-dekabr 2026, 09:00"). */
export const dateTime = (lang: Language, ms: number): string =>
  formatDateTime(lang, new Date(ms).toISOString());
