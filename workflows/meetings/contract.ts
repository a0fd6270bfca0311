// A general meeting's workflow as its callers address it (the API, its activities, scripts, the
// benchmark): its name, queue and signature, its id, its updates, signal and query, and the failure
// type each rule code raises. Workflow-safe: no activity or ORM imports.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import type { MeetingPhase, MeetingView } from '../../domain/meetings/types.ts';
import { defineWorkflow } from '../common/contract.ts';

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
 * The failure type of each rule code; a refusal's fields travel as `details[0]`. WrongPhase: voting
 * already opened (or the meeting ended).
 */
export const MEETING_FAILURES = {
  not_found: 'MeetingNotFound',
  wrong_phase: 'WrongPhase',
  invalid: 'InvalidInput',
  not_eligible: 'NotEligible',
  idempotency_conflict: 'IdempotencyConflict',
  forbidden: 'Forbidden',
  not_selectable: 'NotSelectable',
} as const satisfies Record<MeetingRuleCode, string>;

export const meetingWorkflow = defineWorkflow<(input: GeneralMeetingInput) => Promise<MeetingOutcome>>()(
  'generalMeeting',
  { queue: 'meetings', failures: MEETING_FAILURES },
);

/** The update handlers answer with the meeting as it is after the change. */
export const cancelMeetingUpdate = defineUpdate<MeetingView, [CancelMeetingInput]>('cancel');
export const postponeMeetingUpdate = defineUpdate<MeetingView, [PostponeMeetingInput]>('postpone');
/** Wakes the wait for the protocol's signatures; the database says who has signed. */
export const protocolSignedSignal = defineSignal<[ProtocolSignedInput]>('protocolSigned');
export const meetingStateQuery = defineQuery<MeetingWorkflowState>('state');
