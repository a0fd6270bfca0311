// Cancel and postpone, the two changes the initiator may make before voting opens (updates of the
// workflow, the API checks who calls them), and their refusal afterwards or with bad input.
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditEvent } from '../../db/audit/entities.ts';
import { getMeeting } from '../../db/meetings/repository.ts';
import {
  cancelMeetingUpdate,
  MEETING_FAILURES,
  postponeMeetingUpdate,
} from '../../workflows/meetings/contract.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  createElectorate,
  createTestMeeting,
  type Electorate,
  type MeetingHarness,
  noticeMail,
  queryPhase,
  seconds,
  startMeetingHarness,
  startMeetingWorkflow,
  waitForPhase,
} from './workflow-harness.ts';

let h: MeetingHarness;
// A database of its own: the notifications and outbox dispatchers beside these workers send
// whatever is due in their database, and must not send other test files' messages (nor they ours).
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'meetings');
  h = await startMeetingHarness({
    databaseUrl: db.url,
    temporalAddress: inject('temporalAddress'),
  });
});
afterAll(async () => {
  await h?.stop();
  await db?.drop();
});

/** The calendar entry of the mail the owner was sent for this kind, parsed. */
async function calendarOf(meetingId: string, kind: string, personId: string) {
  const row = await noticeMail(h.orm, meetingId, kind, personId);
  const calendar = new ICAL.Component(
    ICAL.parse(Buffer.from(row.attachments![0]!.content, 'base64').toString()),
  );
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    sequence: event.getFirstPropertyValue('sequence'),
    status: event.getFirstPropertyValue('status'),
    start: new ICAL.Event(event).startDate.toJSDate().getTime(),
  };
}

const emailOwner = (e: Electorate) => e.owners.find((o) => o.email)!;

async function updateError(work: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('cancel and postpone', () => {
  it('cancels before voting opens, records who and why, and withdraws the calendar entry', async () => {
    const e = await createElectorate(h.orm, 3);
    const meeting = await createTestMeeting(h.orm, e, { noticeS: 30, votingS: 5 });
    const handle = await startMeetingWorkflow(h, meeting);
    await waitForPhase(h.orm, meeting.id, 'discussion');

    const view = await handle.executeUpdate(cancelMeetingUpdate, {
      args: [{ reason: 'Sana xato koʻrsatilgan', byUserId: e.initiatorUserId }],
    });
    expect(view).toMatchObject({
      id: meeting.id,
      phase: 'cancelled',
      cancelledReason: 'Sana xato koʻrsatilgan',
    });
    expect(await handle.result()).toEqual({
      meetingId: meeting.id,
      phase: 'cancelled',
      attempt: 1,
      quorumReached: null,
    });

    const owner = emailOwner(e);
    expect(await calendarOf(meeting.id, 'cancelled', owner.personId)).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      sequence: 1,
    });
    await noticeMail(h.orm, meeting.id, 'notice', owner.personId);
    const mails = h.catcher.messages().filter((m) => m.envelope.to.includes(owner.email!));
    // The notice and the cancellation, each once (notifications sends them in parallel: either may land first).
    expect(mails.map((m) => m.text.includes('Sana xato koʻrsatilgan')).sort()).toEqual([false, true]);
    const audit = await h.orm.em.fork().find(AuditEvent, { entity: 'meeting', entityId: meeting.id });
    expect(audit.map((a) => [a.action, a.actorUserId, a.data.reason])).toEqual([
      ['cancelled', e.initiatorUserId, 'Sana xato koʻrsatilgan'],
    ]);
  });

  it('postpones before voting opens: new dates, fresh notices, voting opens at the new time', async () => {
    const e = await createElectorate(h.orm, 3);
    // Twelve seconds for the notices and the postponement to land before the planned opening;
    // each takes well under one even on a loaded machine.
    const meeting = await createTestMeeting(
      h.orm,
      e,
      { noticeS: 12, votingS: 2 },
      { noQuorum: 'fail', protocolDays: seconds(1) },
    );
    const handle = await startMeetingWorkflow(h, meeting);
    await waitForPhase(h.orm, meeting.id, 'discussion');

    const opens = Date.parse(meeting.votingOpensAt) + 6000;
    const closes = opens + 2000;
    const view = await handle.executeUpdate(postponeMeetingUpdate, {
      args: [
        {
          votingOpensAt: new Date(opens).toISOString(),
          votingClosesAt: new Date(closes).toISOString(),
          reason: 'Bayram kunlari',
          byUserId: e.initiatorUserId,
        },
      ],
    });
    expect(view).toMatchObject({
      phase: 'discussion',
      votingOpensAt: new Date(opens).toISOString(),
      votingClosesAt: new Date(closes).toISOString(),
    });

    // Two seconds past the original opening (time for a wrong opening to show), four before the
    // new one, the meeting still waits for the new one.
    await new Promise((r) =>
      setTimeout(r, Math.max(0, Date.parse(meeting.votingOpensAt) + 2000 - Date.now())),
    );
    expect(await queryPhase(handle)).toBe('discussion');
    expect((await getMeeting(h.orm.em.fork(), meeting.id))?.phase).toBe('discussion');

    const owner = emailOwner(e);
    const calendar = await calendarOf(meeting.id, 'postponed', owner.personId);
    expect(calendar).toMatchObject({ method: 'PUBLISH', sequence: 1 });
    expect(calendar.start).toBe(Math.floor(opens / 1000) * 1000);

    await waitForPhase(h.orm, meeting.id, 'voting');
    expect(Date.now()).toBeGreaterThanOrEqual(opens);
    expect(await handle.result()).toMatchObject({ phase: 'failed', quorumReached: false });
  }, 120_000);

  it('refuses bad input before voting, and any change once voting has opened', async () => {
    const e = await createElectorate(h.orm, 2);
    // Twelve seconds of discussion and ten of voting for the refusals each phase must give: each
    // takes milliseconds, so neither phase can end under them even on a loaded machine.
    const meeting = await createTestMeeting(
      h.orm,
      e,
      { noticeS: 12, votingS: 10 },
      { noQuorum: 'fail', protocolDays: seconds(1) },
    );
    const handle = await startMeetingWorkflow(h, meeting);
    await waitForPhase(h.orm, meeting.id, 'discussion');

    const tooSoon = await updateError(
      handle.executeUpdate(postponeMeetingUpdate, {
        args: [
          {
            votingOpensAt: new Date(Date.now() + 100).toISOString(),
            votingClosesAt: new Date(Date.now() + 100).toISOString(),
            reason: 'Shoshilinch',
            byUserId: e.initiatorUserId,
          },
        ],
      }),
    );
    expect(tooSoon.type).toBe(MEETING_FAILURES.invalid);
    expect(((tooSoon.details?.[0] ?? []) as { field: string }[]).map((i) => i.field)).toEqual([
      'votingOpensAt',
      'votingClosesAt',
    ]);
    const noReason = await updateError(
      handle.executeUpdate(cancelMeetingUpdate, { args: [{ reason: ' ', byUserId: e.initiatorUserId }] }),
    );
    expect(noReason.type).toBe(MEETING_FAILURES.invalid);
    expect(noReason.details?.[0]).toEqual([{ field: 'reason', message: expect.any(String) }]);

    await waitForPhase(h.orm, meeting.id, 'voting');
    // The database says voting a moment before the run has taken the activity's answer, and the
    // validators read the run: an update sent in that moment is accepted, then refused by its
    // handler, and enters the history. Wait for the run itself.
    while ((await queryPhase(handle)) === 'discussion') await sleep(20);
    const late = await updateError(
      handle.executeUpdate(cancelMeetingUpdate, { args: [{ reason: 'Kech', byUserId: e.initiatorUserId }] }),
    );
    expect(late.type).toBe(MEETING_FAILURES.wrong_phase);
    const latePostpone = await updateError(
      handle.executeUpdate(postponeMeetingUpdate, {
        args: [
          {
            votingOpensAt: new Date(Date.now() + 60_000).toISOString(),
            votingClosesAt: new Date(Date.now() + 120_000).toISOString(),
            reason: 'Kech',
            byUserId: e.initiatorUserId,
          },
        ],
      }),
    );
    expect(latePostpone.type).toBe(MEETING_FAILURES.wrong_phase);
    expect((await getMeeting(h.orm.em.fork(), meeting.id))?.phase).toBe('voting');

    expect(await handle.result()).toMatchObject({ phase: 'failed' });
    // Validators refused them all: nothing about them entered the history.
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.filter((ev) => ev.workflowExecutionUpdateAcceptedEventAttributes)).toEqual([]);
  }, 120_000);
});
