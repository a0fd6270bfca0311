// The council's review of a submitted lot version on the clock: its deadline and the reminders
// before it, from the lots policy, counted from the moment of submission.
import type { LotPolicy } from './policy.ts';

const DAY_MS = 86_400_000;

/** When the council's decision on a version submitted at `submittedAt` (epoch ms) is due. */
export const reviewDeadline = (submittedAt: number, policy: Pick<LotPolicy, 'reviewDays'>): number =>
  submittedAt + Math.round(policy.reviewDays * DAY_MS);

/** The reminders' instants, earliest first, each `reviewRemindersDays` before the deadline, once each. */
export function reviewReminders(
  submittedAt: number,
  policy: Pick<LotPolicy, 'reviewDays' | 'reviewRemindersDays'>,
): number[] {
  const due = reviewDeadline(submittedAt, policy);
  const times = policy.reviewRemindersDays
    .map((d) => due - Math.round(d * DAY_MS))
    .filter((t) => t > submittedAt && t < due);
  return [...new Set(times)].sort((a, b) => a - b);
}
