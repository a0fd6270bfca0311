// One step of the general meeting per phase. Each does the phase's work and moves the meeting on
// through the phase table, or returns while the phase stays (to be run again, e.g. after a
// postponement); the steps of the ending phases answer the outcome. The order of activities and
// timers here is what recorded histories replay: change it only behind patched().
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
} from '@temporalio/workflow';
import type { MeetingActivities } from '../../activities/meetings/index.ts';
import { afterCount } from '../../domain/meetings/phases.ts';
import {
  HOUR_MS,
  keepNoticePeriod,
  protocolDeadline,
  reminderInstants,
} from '../../domain/meetings/schedule.ts';
import type { MeetingPhase } from '../../domain/meetings/types.ts';
import { waitUntil } from '../common/wait.ts';
import type { GeneralMeetingInput, MeetingOutcome } from './contract.ts';
import {
  changeable,
  db,
  type MeetingRun,
  move,
  moveHeld,
  NON_RETRYABLE,
  notify,
  postpone,
  slow,
  waiting,
} from './run.ts';

/** undefined: go on with whatever phase the run is in now. */
type Step = (run: MeetingRun) => Promise<MeetingOutcome | undefined>;

const TERMINAL: readonly MeetingPhase[] = ['completed', 'cancelled', 'failed'];

async function notice(run: MeetingRun): Promise<undefined> {
  const { meetingId, m } = run;
  await db.snapshotMeetingElectorate(meetingId);
  const kind = m.attempt > 1 ? 'repeat' : 'notice';
  await notify(run, kind);
  // Notices go through notifications, which sends them after the activity has queued them: the
  // notice period counts from when the last one went out. Added after histories were recorded in
  // which the activity itself had mailed them; replaying those must not wait.
  let sentAt = Date.now();
  if (patched('notices-through-notifications')) {
    const sent = await waiting.waitForMeetingNotices({ meetingId, kind });
    sentAt = sent.sentAt ?? Date.now();
  }
  // Added after the first histories were recorded: replaying those must not take this path.
  if (patched('keep-notice-period-after-delivery')) {
    const { votingOpensAt, votingClosesAt } = run;
    const moved = keepNoticePeriod(m.policy, sentAt, { votingOpensAt, votingClosesAt });
    if (moved) {
      await run.exclusive(async () => {
        if (!changeable(run)) return;
        await postpone(run, {
          votingOpensAt: new Date(moved.votingOpensAt).toISOString(),
          votingClosesAt: new Date(moved.votingClosesAt).toISOString(),
          reason: 'the notices went out later than planned: the vote moves to keep the full notice period',
          byUserId: null,
        });
      });
    }
  }
  await move(run, 'open_discussion');
}

async function discussion(run: MeetingRun): Promise<undefined> {
  // A postponement (possibly accepted while notices were still going out) is announced first.
  const p = run.postponement;
  if (p) {
    run.postponement = null;
    try {
      await notify(run, p.kind, p.reason);
    } catch (err) {
      // Refused for good (e.g. a kind the database does not accept): the meeting goes on.
      log.error('postponement notices failed', {
        meetingId: run.meetingId,
        kind: p.kind,
        error: String(err),
      });
    }
    return;
  }
  const seen = run.changes;
  if (await waitUntil(run.votingOpensAt, () => run.changes !== seen)) return;
  // The lock makes "still due, still discussion" and the move one step for the handlers.
  await run.exclusive(async () => {
    if (Date.now() >= run.votingOpensAt) await moveHeld(run, 'open_voting');
  });
}

async function voting(run: MeetingRun): Promise<undefined> {
  const { meetingId, m } = run;
  const due = reminderInstants(m.policy, {
    votingOpensAt: run.votingOpensAt,
    votingClosesAt: run.votingClosesAt,
  });
  // Largest offset first: that is the earliest reminder.
  for (const hours of [...new Set(m.policy.reminderHoursBeforeClose)].sort((a, b) => b - a)) {
    const at = run.votingClosesAt - hours * HOUR_MS;
    if (!due.includes(at) || at <= Date.now()) continue;
    await waitUntil(at);
    // A reminder is worthless after the close, and must never delay it.
    const reminders = proxyActivities<MeetingActivities>({
      scheduleToCloseTimeout: Math.max(1000, run.votingClosesAt - Date.now()),
      heartbeatTimeout: '2m',
      retry: { initialInterval: '10s', maximumInterval: '5m', nonRetryableErrorTypes: NON_RETRYABLE },
    });
    try {
      await reminders.sendMeetingNotices({ meetingId, kind: `reminder-${hours}` });
    } catch (err) {
      log.warn('reminders not completed before the close', { meetingId, hours, error: String(err) });
    }
  }
  await waitUntil(run.votingClosesAt);
  await close(run);
  // The close itself moved the meeting (close_voting), under the lock that waits for ballots.
  run.phase = 'counting';
}

/** Closes the vote (again, harmlessly, if it was closed before the run resumed) and takes its result. */
async function close(run: MeetingRun): Promise<void> {
  const closed = await slow.closeMeetingVoting(run.meetingId);
  run.quorumReached = closed.quorumReached;
  run.decidedAt = closed.decidedAt;
  run.appealWindowEndsAt = closed.appealWindowEndsAt;
}

async function counting(run: MeetingRun): Promise<undefined> {
  const { meetingId, m } = run;
  if (run.quorumReached === null) await close(run);
  const next = afterCount(m.policy, m.attempt, run.quorumReached === true);
  if (next === 'decide') {
    await move(run, 'decide');
    return;
  }
  // No quorum: the protocol records it and owners hear it; then a repeat or the end.
  await slow.generateMeetingProtocol(meetingId);
  await notify(run, 'result');
  if (next === 'fail') {
    await move(run, 'fail');
    return;
  }
  const repeat = await db.createRepeatMeeting(meetingId);
  await move(run, 'repeat');
  await condition(allHandlersFinished);
  return continueAsNew<(input: GeneralMeetingInput) => Promise<MeetingOutcome>>({
    meetingId: repeat.meetingId,
  });
}

async function decided(run: MeetingRun): Promise<undefined> {
  const { meetingId, m } = run;
  await slow.generateMeetingProtocol(meetingId);
  await notify(run, 'result');
  const deadline = protocolDeadline(m.policy, run.decidedAt ?? Date.now());
  // A signature whose signal lands while the signatures are read may be missing from that read:
  // the wait is for signals past the count taken before the read, not after it.
  let readAt = run.signals;
  const readSignatures = async () => {
    const at = run.signals;
    const found = await db.meetingProtocolSignatures(meetingId);
    readAt = at;
    return found;
  };
  let signed = await readSignatures();
  while (!(signed.chair && signed.secretary)) {
    const seen = patched('meetings-signatures-counted-before-read') ? readAt : run.signals;
    // Unsigned at the deadline: the decision stands and the appeal window runs regardless.
    if (!(await waitUntil(deadline, () => run.signals !== seen))) break;
    signed = await readSignatures();
  }
  await move(run, 'open_appeal_window');
}

async function appealWindow(run: MeetingRun): Promise<undefined> {
  await waitUntil(run.appealWindowEndsAt ?? Date.now());
  await move(run, 'complete');
}

async function finish(run: MeetingRun): Promise<MeetingOutcome> {
  await condition(allHandlersFinished);
  if (!TERMINAL.includes(run.phase))
    throw ApplicationFailure.nonRetryable(`unexpected end in phase ${run.phase}`);
  return {
    meetingId: run.meetingId,
    phase: run.phase,
    attempt: run.m.attempt,
    quorumReached: run.quorumReached,
  };
}

async function cancelled(run: MeetingRun): Promise<MeetingOutcome> {
  await notify(run, 'cancelled');
  return finish(run);
}

export const MEETING_STEPS: Record<MeetingPhase, Step> = {
  notice,
  discussion,
  voting,
  counting,
  decided,
  appeal_window: appealWindow,
  completed: finish,
  cancelled,
  failed: finish,
};
