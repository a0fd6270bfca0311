// `node scripts/record-meeting-history.ts`: runs the general-meeting workflow through its main
// paths on a throwaway stack (test database, Temporal dev server, SMTP catcher) and saves each
// run's event history as JSON under tests/meetings/fixtures, for tests/meetings/replay.test.ts.
// Record anew only on purpose: after a deliberate, versioned change (patched()), keep the old
// fixtures and add new ones, so runs in flight under the old code stay covered.
import { fileURLToPath } from 'node:url';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { signProtocol } from '../db/meetings/repository.ts';
import {
  createElectorate,
  createTestMeeting,
  type MeetingHarness,
  seconds,
  startMeetingHarness,
  startMeetingWorkflow,
  vote,
  waitForPhase,
} from '../tests/meetings/workflow-harness.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { selectScenarios, writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import {
  cancelMeetingUpdate,
  postponeMeetingUpdate,
  protocolSignedSignal,
} from '../workflows/meetings/contract.ts';

const OUT = fileURLToPath(new URL('../tests/meetings/fixtures/', import.meta.url));

type Scenario = (h: MeetingHarness) => Promise<Record<string, History>>;

/**
 * A meeting that reaches quorum, is reminded, and whose protocol the chair and the secretary sign
 * while the workflow waits, `pauseMs` apart; the history once it has completed.
 */
async function signedMeeting(h: MeetingHarness, pauseMs: number): Promise<History> {
  const e = await createElectorate(h.orm, 4);
  const meeting = await createTestMeeting(
    h.orm,
    e,
    { noticeS: 2, votingS: 6 },
    { reminderHoursBeforeClose: [0.001] },
  );
  const handle = await startMeetingWorkflow(h, meeting);
  const voting = await waitForPhase(h.orm, meeting.id, 'voting');
  for (const flat of e.apartments.slice(0, 3))
    for (const owner of flat.owners) await vote(h.orm, voting, flat.apartmentId, owner, 'for');
  await waitForPhase(h.orm, meeting.id, 'decided', 20_000);
  // Sign while the workflow waits, so the history has the signal wake-ups.
  await new Promise((r) => setTimeout(r, 2000));
  for (const [role, userId] of [
    ['chair', e.chairUserId],
    ['secretary', e.secretaryUserId],
  ] as const) {
    for (let i = 0; ; i++) {
      try {
        await signProtocol(h.orm.em.fork(), meeting.id, role, userId);
        break;
      } catch (err) {
        // The protocol is generated just after the phase moves to decided.
        if (i > 100) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await handle.signal(protocolSignedSignal, { role });
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
  }
  await handle.result();
  return handle.fetchHistory();
}

const SCENARIOS: Record<string, Scenario> = {
  /** Quorum, a reminder, both signatures, appeal window of 0 months. */
  async completed(h) {
    return { 'meeting-completed': await signedMeeting(h, 1000) };
  },

  /**
   * The same with both signatures at once (patched meetings-signatures-counted-before-read): the
   * secretary's signal may land while the chair's signature is read, and still wakes the workflow.
   */
  async signedTogether(h) {
    return { 'meeting-signed-together': await signedMeeting(h, 0) };
  },

  /** No quorum twice: the first run continues as new into the repeat, which fails. */
  async repeat(h) {
    const e = await createElectorate(h.orm, 3);
    const meeting = await createTestMeeting(h.orm, e, { noticeS: 2, votingS: 2 });
    const handle = await startMeetingWorkflow(h, meeting);
    await handle.result();
    const first = h.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
    return {
      'meeting-no-quorum-first-run': await first.fetchHistory(),
      'meeting-no-quorum-repeat-run': await handle.fetchHistory(),
    };
  },

  /** Postponed once, then cancelled before the new opening. */
  async changed(h) {
    const e = await createElectorate(h.orm, 2);
    const meeting = await createTestMeeting(
      h.orm,
      e,
      { noticeS: 3, votingS: 3 },
      { protocolDays: seconds(1) },
    );
    const handle = await startMeetingWorkflow(h, meeting);
    await waitForPhase(h.orm, meeting.id, 'discussion');
    const opens = Date.now() + 30_000;
    await handle.executeUpdate(postponeMeetingUpdate, {
      args: [
        {
          votingOpensAt: new Date(opens).toISOString(),
          votingClosesAt: new Date(opens + 5000).toISOString(),
          reason: 'Bayram kunlari',
          byUserId: e.initiatorUserId,
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 2000));
    await handle.executeUpdate(cancelMeetingUpdate, {
      args: [{ reason: 'Bekor', byUserId: e.initiatorUserId }],
    });
    await handle.result();
    return { 'meeting-postponed-cancelled': await handle.fetchHistory() };
  },

  /** Notices finished past the grace (none here): the workflow moves the vote itself (patched). */
  async noticeLate(h) {
    const e = await createElectorate(h.orm, 2);
    const meeting = await createTestMeeting(
      h.orm,
      e,
      { noticeS: 1, votingS: 2 },
      { noticeDays: seconds(3), noticeDeliveryGraceHours: 0, noQuorum: 'fail', protocolDays: seconds(1) },
    );
    const handle = await startMeetingWorkflow(h, meeting);
    await handle.result();
    return { 'meeting-notice-late-moved': await handle.fetchHistory() };
  },

  /**
   * Notices through notifications (patched): the workflow waits until the last one went out and
   * counts the notice period from then, which here is past the grace, so the vote moves.
   */
  async noticeThroughNotifications(h) {
    const e = await createElectorate(h.orm, 2);
    const meeting = await createTestMeeting(
      h.orm,
      e,
      { noticeS: 1, votingS: 2 },
      { noticeDays: seconds(3), noticeDeliveryGraceHours: 0, noQuorum: 'fail', protocolDays: seconds(1) },
    );
    const handle = await startMeetingWorkflow(h, meeting);
    await handle.result();
    return { 'meeting-notices-through-notifications': await handle.fetchHistory() };
  },
};

// `node scripts/record-meeting-history.ts noticeLate` records only the named scenarios, so
// fixtures of earlier workflow versions stay as they were recorded.
const selected = selectScenarios(SCENARIOS, process.argv.slice(2));

const [db, temporal] = await Promise.all([scratchDatabase('record_meeting_history'), startTestTemporal()]);
const harness = await startMeetingHarness({ databaseUrl: db.url, temporalAddress: temporal.address });
try {
  await writeHistories(OUT, await Promise.all(selected.map((run) => run(harness))));
} finally {
  await harness.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
