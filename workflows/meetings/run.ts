// What one run of the general-meeting workflow holds while it goes through the phases: the
// meeting as loaded, the phase and dates as they change, and the few moves every step and handler
// shares. Workflow code: deterministic, its I/O only through the activities proxied here.
import { proxyActivities } from '@temporalio/workflow';
import type { MeetingActivities, MeetingState } from '../../activities/meetings/index.ts';
import { MEETING_TRANSITIONS, phaseRefusal, type SystemAction } from '../../domain/meetings/phases.ts';
import type { MeetingPhase } from '../../domain/meetings/types.ts';
import { bulkMail, databaseWork, interactiveChange } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import type { Exclusive } from '../common/exclusive.ts';
import { unwrapped } from '../common/failures.ts';
import { MEETING_FAILURES, type PostponeMeetingInput } from './contract.ts';

export const NON_RETRYABLE = nonRetryable(MEETING_FAILURES);

export const db = proxyActivities<MeetingActivities>(databaseWork(NON_RETRYABLE));
export const change = proxyActivities<MeetingActivities>(interactiveChange(NON_RETRYABLE));
export const mail = proxyActivities<MeetingActivities>(bulkMail(NON_RETRYABLE));

// Waiting for notifications to send a meeting's notices: as long as a mail server that is down
// takes to come back, heartbeating while it waits, restarted after an hour by the retry.
export const waiting = proxyActivities<MeetingActivities>({
  startToCloseTimeout: '1h',
  heartbeatTimeout: '1m',
  retry: {
    initialInterval: '5s',
    backoffCoefficient: 2,
    maximumInterval: '5m',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

// Counting thousands of ballots, rendering the protocol: longer than a row update, still bounded.
export const slow = proxyActivities<MeetingActivities>({
  startToCloseTimeout: '10m',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

export interface MeetingRun {
  readonly meetingId: string;
  /** The meeting as loaded when the run started: attempt and policy do not change within it. */
  readonly m: MeetingState;
  phase: MeetingPhase;
  votingOpensAt: number;
  votingClosesAt: number;
  /** Bumped by every accepted change, so waits on the clock also wake for it. */
  changes: number;
  /** Accepted, not yet announced. */
  postponement: { kind: string; reason: string } | null;
  signals: number;
  quorumReached: boolean | null;
  decidedAt: number | null;
  appealWindowEndsAt: number | null;
  /**
   * Phase changes by the main line and by the handlers never interleave: a cancel cannot slip
   * between "the vote opens" and the update that opens it.
   */
  readonly exclusive: Exclusive;
}

export function openRun(meetingId: string, m: MeetingState, exclusive: Exclusive): MeetingRun {
  return {
    meetingId,
    m,
    phase: m.phase,
    votingOpensAt: m.votingOpensAt,
    votingClosesAt: m.votingClosesAt,
    changes: 0,
    postponement: null,
    signals: 0,
    quorumReached: m.quorumReached,
    decidedAt: m.decidedAt,
    appealWindowEndsAt: m.appealWindowEndsAt,
    exclusive,
  };
}

/** Before voting opens the initiator may still cancel or postpone. */
export const changeable = (run: MeetingRun): boolean => phaseRefusal(run.phase, 'postpone') === null;

/**
 * Moves the phase in the database by the table's command; on a lost race, adopts whatever phase
 * the database has. The caller holds the lock.
 */
export async function moveHeld(run: MeetingRun, action: SystemAction): Promise<void> {
  const { from, to } = MEETING_TRANSITIONS[action];
  if (!from.includes(run.phase) || to === null) return;
  run.phase = await db.moveMeetingPhase({ meetingId: run.meetingId, from: [...from], to });
}

export const move = (run: MeetingRun, action: SystemAction): Promise<void> =>
  run.exclusive(() => moveHeld(run, action));

export const notify = (run: MeetingRun, kind: string, reason?: string) =>
  mail.sendMeetingNotices({ meetingId: run.meetingId, kind, reason });

/** Moves the vote; the caller holds the lock. byUserId null: the workflow itself decided. */
export async function postpone(
  run: MeetingRun,
  input: Omit<PostponeMeetingInput, 'byUserId'> & { byUserId: string | null },
) {
  const { meeting, postponement: n } = await unwrapped(
    change.postponeMeeting({ meetingId: run.meetingId, ...input }),
  );
  run.votingOpensAt = Date.parse(meeting.votingOpensAt);
  run.votingClosesAt = Date.parse(meeting.votingClosesAt);
  run.postponement = { kind: n > 1 ? `postponed-${n}` : 'postponed', reason: input.reason };
  run.changes++;
  return meeting;
}
