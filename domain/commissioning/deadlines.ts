// When the developer's time to meet the missing conditions runs out, and when to remind them.
// Calendar days in Asia/Tashkent to the end of the last day, moved off days off, as the appeals'
// terms are counted; a fraction of a day is counted exactly so drills can run in minutes.
import { addDays, endOfTashkentDay, nextWorkingDay, tashkentDate } from '../calendar/working-days.ts';
import type { CommissioningPolicy } from './policy.ts';
import type { CommissioningApplication } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export function missingConditionsDueAt(policy: CommissioningPolicy, foundAt: number): number {
  const days = policy.deadlineDays;
  if (!Number.isInteger(days)) return foundAt + Math.round(days * DAY_MS);
  return endOfTashkentDay(nextWorkingDay(policy.daysOff, addDays(tashkentDate(foundAt), days)));
}

export interface Reminder {
  at: number;
  daysBeforeDeadline: number;
}

/**
 * Reminders still ahead of `now` for a waiting application, earliest first. Counted back from the
 * deadline exactly, so "3 days before" is 72 hours before the end of the last day.
 */
export function pendingReminders(
  policy: CommissioningPolicy,
  application: Pick<CommissioningApplication, 'state' | 'dueAt'>,
  now: number,
): Reminder[] {
  const dueAt = application.dueAt;
  if (application.state !== 'waiting' || dueAt === null) return [];
  return policy.reminderDaysBeforeDeadline
    .map((d) => ({ at: dueAt - Math.round(d * DAY_MS), daysBeforeDeadline: d }))
    .filter((r) => r.at > now)
    .sort((x, y) => x.at - y.at);
}
