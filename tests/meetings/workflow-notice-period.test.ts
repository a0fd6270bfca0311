// The notice period counts from the notices' real delivery: when they finish later than the
// policy's grace allows, the workflow itself moves the vote, tells owners, and records it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditEvent } from '../../db/audit/entities.ts';
import { getMeeting, noticeProof } from '../../db/meetings/repository.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  createElectorate,
  createTestMeeting,
  type MeetingHarness,
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

const POLICY = { noticeDays: seconds(3), noQuorum: 'fail' as const, protocolDays: seconds(1) };

describe('notice period after delivery', () => {
  it('moves the vote when notices finish past the grace, keeping its length, and says why', async () => {
    const e = await createElectorate(h.orm, 3);
    const meeting = await createTestMeeting(
      h.orm,
      e,
      { noticeS: 1, votingS: 2 },
      { ...POLICY, noticeDeliveryGraceHours: 0 },
    );
    await startMeetingWorkflow(h, meeting);
    const moved = await waitForPhase(h.orm, meeting.id, 'discussion');

    const opens = Date.parse(moved.votingOpensAt);
    expect(opens).toBeGreaterThan(Date.parse(meeting.votingOpensAt) + 1500);
    expect(Date.parse(moved.votingClosesAt) - opens).toBe(2000);

    const em = h.orm.em.fork();
    const audit = await em.find(AuditEvent, { entity: 'meeting', entityId: meeting.id, action: 'postponed' });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorUserId).toBeNull();
    expect(String(audit[0]?.data.reason)).toMatch(/notice period/);

    await waitForPhase(h.orm, meeting.id, 'voting', 15_000);
    expect(Date.now()).toBeGreaterThanOrEqual(opens);
    // Everyone who had the notice hears of the move (the proof of notice: notifications' tracking).
    const mailed = async (kind: string) =>
      (await noticeProof(h.orm.em.fork(), meeting.id, kind))
        .filter((p) => p.deliveries.some((d) => d.channel === 'email' && d.sentAt))
        .map((p) => p.personId);
    const noticed = await mailed('notice');
    expect(noticed.length).toBeGreaterThan(0);
    for (let i = 0; (await mailed('postponed')).length < noticed.length; i++) {
      if (i > 100) throw new Error('the postponement did not reach everyone the notice did');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await mailed('postponed')).toEqual(noticed);
  });

  it('keeps the schedule when the notices went out within the grace', async () => {
    const e = await createElectorate(h.orm, 3);
    const meeting = await createTestMeeting(h.orm, e, { noticeS: 1, votingS: 2 }, POLICY);
    await startMeetingWorkflow(h, meeting);
    await waitForPhase(h.orm, meeting.id, 'voting', 15_000);
    const after = await getMeeting(h.orm.em.fork(), meeting.id);
    expect(after?.votingOpensAt).toBe(meeting.votingOpensAt);
    expect(await h.orm.em.fork().count(AuditEvent, { entity: 'meeting', entityId: meeting.id })).toBe(0);
  });
});
