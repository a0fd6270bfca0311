// A general meeting of owners, from notice to the end of the appeal window. The workflow owns the
// phases and the timers; owners, ballots and deliveries live in PostgreSQL, so the history holds
// a fixed number of events per meeting whatever the size of the electorate (no signal or update
// per ballot). It works from the meeting's stored phase and dates, so it can start or resume at
// any point, and a repeat after no quorum continues as new under the same workflow id.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { MeetingActivities, MeetingState } from '../../activities/meetings/index.ts';
import {
  HOUR_MS,
  keepNoticePeriod,
  protocolDeadline,
  reminderInstants,
  validateSchedule,
} from '../../domain/meetings/schedule.ts';
import { CHANGEABLE_PHASES, type MeetingPhase } from '../../domain/meetings/types.ts';
import { bulkMail, databaseWork, interactiveChange } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import { createExclusive } from '../common/exclusive.ts';
import { unwrapped } from '../common/failures.ts';
import { waitUntil } from '../common/wait.ts';
import {
  cancelMeetingUpdate,
  type GeneralMeetingInput,
  MEETING_FAILURES,
  type MeetingOutcome,
  meetingStateQuery,
  type PostponeMeetingInput,
  postponeMeetingUpdate,
  protocolSignedSignal,
} from './contract.ts';

const NON_RETRYABLE = nonRetryable(MEETING_FAILURES);

const db = proxyActivities<MeetingActivities>(databaseWork(NON_RETRYABLE));
const change = proxyActivities<MeetingActivities>(interactiveChange(NON_RETRYABLE));
const mail = proxyActivities<MeetingActivities>(bulkMail(NON_RETRYABLE));

// Counting thousands of ballots, rendering the protocol: longer than a row update, still bounded.
const slow = proxyActivities<MeetingActivities>({
  startToCloseTimeout: '10m',
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

const TERMINAL: readonly MeetingPhase[] = ['completed', 'cancelled', 'failed'];

const wrongPhase = (phase: MeetingPhase) =>
  ApplicationFailure.nonRetryable(
    `the meeting is in phase ${phase}: it can be changed only before voting opens`,
    MEETING_FAILURES.wrong_phase,
  );

const invalid = (issues: { field: string; message: string }[]) =>
  ApplicationFailure.nonRetryable(
    issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    MEETING_FAILURES.invalid,
    issues,
  );

function requireText(field: string, value: unknown, max = 2000): { field: string; message: string }[] {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max
    ? []
    : [{ field, message: `must be 1 to ${max} characters` }];
}

export async function generalMeeting({ meetingId }: GeneralMeetingInput): Promise<MeetingOutcome> {
  if (!meetingId) throw ApplicationFailure.nonRetryable('meetingId is required', MEETING_FAILURES.invalid);
  const m: MeetingState = await db.loadMeetingState(meetingId);
  let phase = m.phase;
  let { votingOpensAt, votingClosesAt } = m;
  /** Bumped by every accepted change, so waits on the clock also wake for it. */
  let changes = 0;
  let postponement: { kind: string; reason: string } | null = null;
  let signals = 0;

  // Phase changes by the main line and by the handlers never interleave: a cancel cannot slip
  // between "the vote opens" and the update that opens it.
  const exclusive = createExclusive();

  const changeable = () => CHANGEABLE_PHASES.includes(phase);

  setHandler(meetingStateQuery, () => ({ meetingId, phase, attempt: m.attempt }));
  setHandler(protocolSignedSignal, () => {
    signals++;
  });

  setHandler(
    cancelMeetingUpdate,
    (input) =>
      exclusive(async () => {
        if (!changeable()) throw wrongPhase(phase);
        const view = await unwrapped(
          change.cancelMeeting({ meetingId, reason: input.reason, byUserId: input.byUserId }),
        );
        phase = view.phase;
        changes++;
        return view;
      }),
    {
      // Synchronous on purpose: SDK 1.24 calls validators without awaiting them, so an async one
      // could not refuse.
      validator: (input) => {
        if (!changeable()) throw wrongPhase(phase);
        const issues = [
          ...requireText('reason', input?.reason),
          ...requireText('byUserId', input?.byUserId, 64),
        ];
        if (issues.length) throw invalid(issues);
      },
    },
  );

  /** Moves the vote; the caller holds the lock. byUserId null: the workflow itself decided. */
  async function postpone(input: Omit<PostponeMeetingInput, 'byUserId'> & { byUserId: string | null }) {
    const { meeting, postponement: n } = await unwrapped(change.postponeMeeting({ meetingId, ...input }));
    votingOpensAt = Date.parse(meeting.votingOpensAt);
    votingClosesAt = Date.parse(meeting.votingClosesAt);
    postponement = { kind: n > 1 ? `postponed-${n}` : 'postponed', reason: input.reason };
    changes++;
    return meeting;
  }

  setHandler(
    postponeMeetingUpdate,
    (input) =>
      exclusive(async () => {
        if (!changeable()) throw wrongPhase(phase);
        return postpone(input);
      }),
    {
      validator: (input) => {
        if (!changeable()) throw wrongPhase(phase);
        const issues = [
          ...requireText('reason', input?.reason),
          ...requireText('byUserId', input?.byUserId, 64),
        ];
        const schedule = {
          votingOpensAt: Date.parse(input?.votingOpensAt),
          votingClosesAt: Date.parse(input?.votingClosesAt),
        };
        issues.push(...validateSchedule(m.policy, Date.now(), schedule));
        if (issues.length) throw invalid(issues);
      },
    },
  );

  /** Moves the phase in the database; on a lost race, adopts whatever phase the database has. */
  const move = (from: MeetingPhase[], to: MeetingPhase) =>
    exclusive(async () => {
      if (!from.includes(phase)) return;
      phase = await db.moveMeetingPhase({ meetingId, from, to });
    });

  const notify = (kind: string, reason?: string) => mail.sendMeetingNotices({ meetingId, kind, reason });

  let quorumReached = m.quorumReached;
  let decidedAt = m.decidedAt;
  let appealWindowEndsAt = m.appealWindowEndsAt;

  for (;;) {
    switch (phase) {
      case 'notice': {
        await db.snapshotMeetingElectorate(meetingId);
        await notify(m.attempt > 1 ? 'repeat' : 'notice');
        // Added after the first histories were recorded: replaying those must not take this path.
        if (patched('keep-notice-period-after-delivery')) {
          const moved = keepNoticePeriod(m.policy, Date.now(), { votingOpensAt, votingClosesAt });
          if (moved) {
            await exclusive(async () => {
              if (!changeable()) return;
              await postpone({
                votingOpensAt: new Date(moved.votingOpensAt).toISOString(),
                votingClosesAt: new Date(moved.votingClosesAt).toISOString(),
                reason:
                  'the notices went out later than planned: the vote moves to keep the full notice period',
                byUserId: null,
              });
            });
          }
        }
        await move(['notice'], 'discussion');
        break;
      }

      case 'discussion': {
        // A postponement (possibly accepted while notices were still going out) is announced first.
        const p = postponement as { kind: string; reason: string } | null;
        if (p) {
          postponement = null;
          try {
            await notify(p.kind, p.reason);
          } catch (err) {
            // Refused for good (e.g. a kind the database does not accept): the meeting goes on.
            log.error('postponement notices failed', { meetingId, kind: p.kind, error: String(err) });
          }
          break;
        }
        const seen = changes;
        if (await waitUntil(votingOpensAt, () => changes !== seen)) break;
        // The lock makes "still due, still discussion" and the move one step for the handlers.
        await exclusive(async () => {
          if (phase === 'discussion' && Date.now() >= votingOpensAt)
            phase = await db.moveMeetingPhase({ meetingId, from: ['discussion'], to: 'voting' });
        });
        break;
      }

      case 'voting': {
        const schedule = { votingOpensAt, votingClosesAt };
        const due = reminderInstants(m.policy, schedule);
        // Largest offset first: that is the earliest reminder.
        for (const hours of [...new Set(m.policy.reminderHoursBeforeClose)].sort((a, b) => b - a)) {
          const at = votingClosesAt - hours * HOUR_MS;
          if (!due.includes(at) || at <= Date.now()) continue;
          await waitUntil(at);
          // A reminder is worthless after the close, and must never delay it.
          const reminders = proxyActivities<MeetingActivities>({
            scheduleToCloseTimeout: Math.max(1000, votingClosesAt - Date.now()),
            heartbeatTimeout: '2m',
            retry: { initialInterval: '10s', maximumInterval: '5m', nonRetryableErrorTypes: NON_RETRYABLE },
          });
          try {
            await reminders.sendMeetingNotices({ meetingId, kind: `reminder-${hours}` });
          } catch (err) {
            log.warn('reminders not completed before the close', { meetingId, hours, error: String(err) });
          }
        }
        await waitUntil(votingClosesAt);
        const closed = await slow.closeMeetingVoting(meetingId);
        ({ quorumReached, decidedAt, appealWindowEndsAt } = closed);
        phase = 'counting';
        break;
      }

      case 'counting': {
        if (quorumReached === null) {
          const closed = await slow.closeMeetingVoting(meetingId);
          ({ quorumReached, decidedAt, appealWindowEndsAt } = closed);
        }
        if (quorumReached) {
          await move(['counting'], 'decided');
          break;
        }
        // No quorum: the protocol records it and owners hear it; then a repeat or the end.
        await slow.generateMeetingProtocol(meetingId);
        await notify('result');
        const repeat = m.policy.noQuorum === 'repeat' && m.attempt <= m.policy.maxRepeats;
        if (!repeat) {
          await move(['counting'], 'failed');
          break;
        }
        const next = await db.createRepeatMeeting(meetingId);
        await move(['counting'], 'completed');
        await condition(allHandlersFinished);
        return continueAsNew<typeof generalMeeting>({ meetingId: next.meetingId });
      }

      case 'decided': {
        await slow.generateMeetingProtocol(meetingId);
        await notify('result');
        const deadline = protocolDeadline(m.policy, decidedAt ?? Date.now());
        let signed = await db.meetingProtocolSignatures(meetingId);
        while (!(signed.chair && signed.secretary)) {
          const seen = signals;
          // Unsigned at the deadline: the decision stands and the appeal window runs regardless.
          if (!(await waitUntil(deadline, () => signals !== seen))) break;
          signed = await db.meetingProtocolSignatures(meetingId);
        }
        await move(['decided'], 'appeal_window');
        break;
      }

      case 'appeal_window': {
        await waitUntil(appealWindowEndsAt ?? Date.now());
        await move(['appeal_window'], 'completed');
        break;
      }

      case 'cancelled': {
        await notify('cancelled');
        return finish();
      }

      case 'completed':
      case 'failed':
        return finish();
    }
  }

  async function finish(): Promise<MeetingOutcome> {
    await condition(allHandlersFinished);
    if (!TERMINAL.includes(phase)) throw ApplicationFailure.nonRetryable(`unexpected end in phase ${phase}`);
    return { meetingId, phase, attempt: m.attempt, quorumReached };
  }
}
