// The general meeting's query, signal and updates. The validators ask the phase table
// (domain/meetings/phases.ts) and refuse before anything enters the history; the handlers ask
// again under the run's lock, since the phase may have moved on while the update waited for it.
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  describePhaseRefusal,
  type MeetingAction,
  phaseRefusal,
  reasonRefusal,
} from '../../domain/meetings/phases.ts';
import { validateSchedule } from '../../domain/meetings/schedule.ts';
import { unwrapped } from '../common/failures.ts';
import {
  cancelMeetingUpdate,
  MEETING_FAILURES,
  meetingStateQuery,
  postponeMeetingUpdate,
  protocolSignedSignal,
} from './contract.ts';
import { change, type MeetingRun, postpone } from './run.ts';

type Issue = { field: string; message: string };

/** Throws the table's refusal of this action in the run's current phase, if it has one. */
function checkPhase(run: MeetingRun, action: MeetingAction): void {
  const refusal = phaseRefusal(run.phase, action);
  if (!refusal) return;
  const info = describePhaseRefusal(refusal);
  throw ApplicationFailure.nonRetryable(info.message, MEETING_FAILURES[info.code]);
}

const invalid = (issues: Issue[]) =>
  ApplicationFailure.nonRetryable(
    issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    MEETING_FAILURES.invalid,
    issues,
  );

function reasonIssues(reason: unknown): Issue[] {
  const refusal = reasonRefusal(reason);
  if (!refusal) return [];
  const info = describePhaseRefusal(refusal);
  return info.fields.map((field) => ({ field, message: info.message }));
}

/** Who asks: the API passes the caller's user account id. */
const byUserIdIssues = (value: unknown): Issue[] =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= 64
    ? []
    : [{ field: 'byUserId', message: 'must be 1 to 64 characters' }];

export function setMeetingHandlers(run: MeetingRun): void {
  const { meetingId, m, exclusive } = run;
  setHandler(meetingStateQuery, () => ({ meetingId, phase: run.phase, attempt: m.attempt }));
  setHandler(protocolSignedSignal, () => {
    run.signals++;
  });

  setHandler(
    cancelMeetingUpdate,
    (input) =>
      exclusive(async () => {
        checkPhase(run, 'cancel');
        const view = await unwrapped(
          change.cancelMeeting({ meetingId, reason: input.reason, byUserId: input.byUserId }),
        );
        run.phase = view.phase;
        run.changes++;
        return view;
      }),
    {
      // Synchronous on purpose: the SDK does not await validators.
      validator: (input) => {
        checkPhase(run, 'cancel');
        const issues = [...reasonIssues(input?.reason), ...byUserIdIssues(input?.byUserId)];
        if (issues.length) throw invalid(issues);
      },
    },
  );

  setHandler(
    postponeMeetingUpdate,
    (input) =>
      exclusive(async () => {
        checkPhase(run, 'postpone');
        return postpone(run, input);
      }),
    {
      validator: (input) => {
        checkPhase(run, 'postpone');
        const issues = [...reasonIssues(input?.reason), ...byUserIdIssues(input?.byUserId)];
        const schedule = {
          votingOpensAt: Date.parse(input?.votingOpensAt),
          votingClosesAt: Date.parse(input?.votingClosesAt),
        };
        issues.push(...validateSchedule(m.policy, Date.now(), schedule));
        if (issues.length) throw invalid(issues);
      },
    },
  );
}
