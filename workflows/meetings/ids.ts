// What the API needs to address a meeting's workflow without loading workflow code: the id, the
// shapes of the updates, and the failure types it maps to HTTP. No @temporalio/workflow imports.
import type { MeetingPhase, MeetingView } from '../../domain/meetings/types.ts';

/** One workflow per series: a repeat after no quorum continues as new under the same id. */
export const meetingWorkflowId = (seriesId: string): string => `meeting:${seriesId}`;

export interface GeneralMeetingInput {
  meetingId: string;
}

export interface CancelMeetingInput {
  reason: string;
  byUserId: string;
}

export interface PostponeMeetingInput {
  /** ISO 8601 instants. */
  votingOpensAt: string;
  votingClosesAt: string;
  reason: string;
  byUserId: string;
}

export interface ProtocolSignedInput {
  role: 'chair' | 'secretary';
}

export interface MeetingWorkflowState {
  meetingId: string;
  phase: MeetingPhase;
  attempt: number;
}

/** What the workflow returns when the series ends (a repeat continues as new instead). */
export interface MeetingOutcome extends MeetingWorkflowState {
  quorumReached: boolean | null;
}

/**
 * ApplicationFailure types an update is rejected or failed with. WrongPhase: voting already
 * opened (or the meeting ended), map to 409; InvalidInput: `details[0]` is `{ field, message }[]`,
 * map to 422/400.
 */
export const MEETING_FAILURES = { wrongPhase: 'WrongPhase', invalidInput: 'InvalidInput' } as const;

/** The update handlers answer with the meeting as it is after the change. */
export type MeetingUpdateResult = MeetingView;
