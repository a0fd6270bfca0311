// The four dates of an appeal's story, as every surface tells it (the list, the detail, its
// history, the board, the CSV export, Open311, the mail): received, registered, due and answered,
// each a Tashkent day. An appeal received after office hours or on a day off is registered on the
// next working day [law, art. 23], and says so; the term still counts from receipt (deadlines.ts).
import { tashkentDate } from '../calendar/working-days.ts';

export interface AppealDates {
  /** The Tashkent day the appeal arrived. */
  receivedOn: string;
  /** The Tashkent day it was registered: the day of receipt, or the next working day. */
  registeredOn: string;
  /** Registered on a later day than received: it arrived after office hours or on a day off. */
  registeredLater: boolean;
  /** The last Tashkent day on which the answer is in time. */
  dueLastDay: string;
  /** The Tashkent day of the answer in force, if any. */
  answeredOn: string | null;
}

export interface DatedAppeal {
  receivedAt: number;
  registeredOn: string;
  dueLastDay: string;
  answeredAt: number | null;
}

export function appealDates(a: DatedAppeal): AppealDates {
  const receivedOn = tashkentDate(a.receivedAt);
  return {
    receivedOn,
    registeredOn: a.registeredOn,
    registeredLater: a.registeredOn !== receivedOn,
    dueLastDay: a.dueLastDay,
    answeredOn: a.answeredAt === null ? null : tashkentDate(a.answeredAt),
  };
}

/**
 * The last moment at which the answer is in time: one millisecond before the term ends. An instant
 * printed for the due date (Open311's expected_datetime) falls on `dueLastDay`, not at midnight
 * of the day after, which a reader takes for the next day.
 */
export const lastMomentInTime = (dueAt: number): number => dueAt - 1;
