// Dates of a meeting: the notice period before voting opens, the allowed voting length, when
// reminders fire, the repeat meeting's dates, the protocol deadline and the appeal window.
// Instants are epoch milliseconds; all "days" are 24-hour days (Asia/Tashkent has no DST).
import type { MeetingPolicy } from './policy.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

export interface FieldIssue {
  field: string;
  message: string;
}

export interface Schedule {
  votingOpensAt: number;
  votingClosesAt: number;
}

/** Checks the initiator's dates against the policy; `now` is when the notice goes out. */
export function validateSchedule(policy: MeetingPolicy, now: number, s: Schedule): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const earliest = now + policy.noticeDays * DAY_MS;
  if (!Number.isFinite(s.votingOpensAt) || s.votingOpensAt < earliest) {
    issues.push({
      field: 'votingOpensAt',
      message: `voting may open no earlier than ${policy.noticeDays} days after the notice (${new Date(earliest).toISOString()})`,
    });
  }
  const length = s.votingClosesAt - s.votingOpensAt;
  if (
    !Number.isFinite(length) ||
    length < policy.votingMinDays * DAY_MS ||
    length > policy.votingMaxDays * DAY_MS
  ) {
    issues.push({
      field: 'votingClosesAt',
      message: `voting must last ${policy.votingMinDays} to ${policy.votingMaxDays} days`,
    });
  }
  return issues;
}

/** A repeat meeting keeps the original voting length and gives a fresh notice period. */
export function repeatSchedule(policy: MeetingPolicy, closedAt: number, original: Schedule): Schedule {
  const length = Math.min(
    Math.max(original.votingClosesAt - original.votingOpensAt, policy.votingMinDays * DAY_MS),
    policy.votingMaxDays * DAY_MS,
  );
  const votingOpensAt = closedAt + policy.noticeDays * DAY_MS;
  return { votingOpensAt, votingClosesAt: votingOpensAt + length };
}

/**
 * The notice period counts from when the notices actually went out. When they finished later
 * than the policy's grace allows, the vote moves so that the full period is kept and its length
 * is unchanged; null when the schedule stands.
 */
export function keepNoticePeriod(policy: MeetingPolicy, deliveredAt: number, s: Schedule): Schedule | null {
  const period = policy.noticeDays * DAY_MS;
  const grace = (policy.noticeDeliveryGraceHours ?? 24) * HOUR_MS;
  if (period <= 0 || s.votingOpensAt - deliveredAt >= period - grace) return null;
  const votingOpensAt = deliveredAt + period;
  return { votingOpensAt, votingClosesAt: votingOpensAt + (s.votingClosesAt - s.votingOpensAt) };
}

/** Reminder instants inside the voting window, earliest first; those before opening are dropped. */
export function reminderInstants(policy: MeetingPolicy, s: Schedule): number[] {
  return [...new Set(policy.reminderHoursBeforeClose)]
    .map((h) => s.votingClosesAt - h * HOUR_MS)
    .filter((t) => t > s.votingOpensAt && t < s.votingClosesAt)
    .sort((a, b) => a - b);
}

export const protocolDeadline = (policy: MeetingPolicy, decidedAt: number): number =>
  decidedAt + policy.protocolDays * DAY_MS;

/** Calendar months in Asia/Tashkent (UTC+5), clamped to the month's last day (31 Aug + 6 → 28/29 Feb). */
export function appealWindowEnd(policy: MeetingPolicy, decidedAt: number): number {
  const OFFSET = 5 * HOUR_MS;
  const local = new Date(decidedAt + OFFSET);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + policy.appealWindowMonths;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const end = Date.UTC(y, m, day, local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds());
  return end - OFFSET;
}
