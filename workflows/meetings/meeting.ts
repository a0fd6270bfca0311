// A general meeting of owners, from notice to the end of the appeal window. The workflow owns the
// phases and the timers; owners, ballots and deliveries live in PostgreSQL, so the history holds
// a fixed number of events per meeting whatever the size of the electorate (no signal or update
// per ballot). It works from the meeting's stored phase and dates, so it can start or resume at
// any point, and a repeat after no quorum continues as new under the same workflow id. Each
// phase's work is a step (steps.ts); the phases change only by the table in
// domain/meetings/phases.ts. Only workflow functions are exported here: the worker registers
// every export as a workflow type.
import { ApplicationFailure } from '@temporalio/workflow';
import { createExclusive } from '../common/exclusive.ts';
import { type GeneralMeetingInput, MEETING_FAILURES, type MeetingOutcome } from './contract.ts';
import { setMeetingHandlers } from './handlers.ts';
import { db, openRun } from './run.ts';
import { MEETING_STEPS } from './steps.ts';

export async function generalMeeting({ meetingId }: GeneralMeetingInput): Promise<MeetingOutcome> {
  if (!meetingId) throw ApplicationFailure.nonRetryable('meetingId is required', MEETING_FAILURES.invalid);
  const run = openRun(meetingId, await db.loadMeetingState(meetingId), createExclusive());
  setMeetingHandlers(run);
  for (;;) {
    const outcome = await MEETING_STEPS[run.phase](run);
    if (outcome) return outcome;
  }
}
