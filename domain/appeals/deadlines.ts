// The terms of an appeal (docs/domain/appeals.md): calendar days and months counted from the
// Tashkent day after receipt; a term ending on a day off moves to the next working day. Each
// deadline is the last Tashkent date and the instant that date ends, like the tax-registration
// deadline, so the durable timer and the page agree.
import {
  addDays,
  endOfTashkentDay,
  isDayOff,
  nextWorkingDay,
  TASHKENT_OFFSET_MS,
  tashkentDate,
} from '../calendar/working-days.ts';
import type { AppealPolicy } from './policy.ts';
import type { AppealKind } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** A fraction of a month, only ever a drill's, is that fraction of 30 days. [design] */
const DRILL_MONTH_MS = 30 * DAY_MS;

export interface Deadline {
  /** The last Tashkent date on which the act is in time. */
  lastDay: string;
  /** The first instant at which it is late. */
  endsAt: number;
}

/**
 * The day the appeal is registered: the day of receipt within office hours on a working day,
 * else the next working day [law, art. 23]. Receipt before opening is that day's work.
 */
export function registrationDay(policy: AppealPolicy, receivedAt: number): string {
  const date = tashkentDate(receivedAt);
  const minute = Math.floor(((receivedAt + TASHKENT_OFFSET_MS) % DAY_MS) / 60_000);
  if (!isDayOff(policy.daysOff, date) && minute < policy.officeHours.closesAtMinute) return date;
  return nextWorkingDay(policy.daysOff, addDays(date, 1));
}

/** Whole calendar months, clamped to the month's last day: 31 Jan + 1 → 28/29 Feb. */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

const onCalendar = (policy: AppealPolicy, lastDay: string): Deadline => {
  const moved = nextWorkingDay(policy.daysOff, lastDay);
  return { lastDay: moved, endsAt: endOfTashkentDay(moved) };
};
const exactly = (endsAt: number): Deadline => ({ lastDay: tashkentDate(endsAt - 1), endsAt });

/**
 * A term of days from an instant. Day N is N days after the day of the instant, since counting
 * starts on the next day. A fraction of a day is counted exactly.
 */
export function daysTerm(policy: AppealPolicy, from: number, days: number): Deadline {
  if (!Number.isInteger(days)) return exactly(from + Math.round(days * DAY_MS));
  return onCalendar(policy, addDays(tashkentDate(from), days));
}

/** A term of months from an instant; ends on the same date of the last month, or its last day. */
export function monthsTerm(policy: AppealPolicy, from: number, months: number): Deadline {
  if (!Number.isInteger(months)) return exactly(from + Math.round(months * DRILL_MONTH_MS));
  return onCalendar(policy, addMonths(tashkentDate(from), months));
}

/**
 * The answer deadline. Counted from receipt, not registration [law, art. 28: "from the day of
 * receipt"], so late registration never lengthens the term.
 */
export function answerDeadline(
  policy: AppealPolicy,
  kind: AppealKind,
  receivedAt: number,
  study = false,
): Deadline {
  if (kind === 'proposal') {
    return monthsTerm(policy, receivedAt, study ? policy.proposalStudyMonths : policy.proposalMonths);
  }
  if (study) return monthsTerm(policy, receivedAt, policy.studyMonths);
  return daysTerm(policy, receivedAt, policy.answerDays);
}

/** A body that is not competent forwards within this term of its own receipt. */
export const forwardingDeadline = (policy: AppealPolicy, receivedAt: number): Deadline =>
  daysTerm(policy, receivedAt, policy.forwardingDays);

/** The written notice that a proposal needs more study. */
export const proposalNoticeDeadline = (policy: AppealPolicy, receivedAt: number): Deadline =>
  daysTerm(policy, receivedAt, policy.proposalNoticeDays);

/** Until when the applicant may dispute an answer. */
export const disputeDeadline = (policy: AppealPolicy, answeredAt: number): Deadline =>
  daysTerm(policy, answeredAt, policy.disputeDays);

export const isOverdue = (now: number, deadline: Deadline): boolean => now >= deadline.endsAt;

export type ExtensionRefusal =
  | { code: 'already_extended'; extensions: number }
  | { code: 'justification_required' }
  | { code: 'deadline_passed'; endsAt: number }
  | { code: 'extension_not_later'; lastDay: string }
  | { code: 'extension_too_long'; maxLastDay: string };

export interface ExtensionRequest {
  justification: string;
  /** Extensions already granted for this consideration. */
  extensions: number;
  /** The new last day; the longest allowed when omitted. Ignored for a drill's fraction of a month. */
  lastDay?: string;
}

export type ExtensionResult = { ok: true; deadline: Deadline } | { ok: false; refusal: ExtensionRefusal };

/**
 * The head's extension [law, art. 28]: once, with a justification, before the term has run
 * out, by at most a month beyond the current deadline (moved off a day off like any term).
 */
export function extendDeadline(
  policy: AppealPolicy,
  current: Deadline,
  request: ExtensionRequest,
  now: number,
): ExtensionResult {
  if (request.extensions >= policy.maxExtensions) {
    return { ok: false, refusal: { code: 'already_extended', extensions: request.extensions } };
  }
  if (request.justification.trim() === '') return { ok: false, refusal: { code: 'justification_required' } };
  if (isOverdue(now, current))
    return { ok: false, refusal: { code: 'deadline_passed', endsAt: current.endsAt } };
  if (!Number.isInteger(policy.extensionMonths)) {
    return {
      ok: true,
      deadline: exactly(current.endsAt + Math.round(policy.extensionMonths * DRILL_MONTH_MS)),
    };
  }
  const max = onCalendar(policy, addMonths(current.lastDay, policy.extensionMonths));
  if (request.lastDay === undefined) return { ok: true, deadline: max };
  if (request.lastDay <= current.lastDay) {
    return { ok: false, refusal: { code: 'extension_not_later', lastDay: current.lastDay } };
  }
  const wanted = onCalendar(policy, request.lastDay);
  if (wanted.lastDay > max.lastDay) {
    return { ok: false, refusal: { code: 'extension_too_long', maxLastDay: max.lastDay } };
  }
  return { ok: true, deadline: wanted };
}

/** Reminder instants before the deadline, earliest first; those not after `from` are dropped. */
export function reminderInstants(policy: AppealPolicy, from: number, deadline: Deadline): number[] {
  return [...new Set(policy.reminderHoursBeforeDue)]
    .map((h) => deadline.endsAt - h * HOUR_MS)
    .filter((t) => t > from && t < deadline.endsAt)
    .sort((a, b) => a - b);
}
