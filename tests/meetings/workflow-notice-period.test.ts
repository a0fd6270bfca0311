// The notice period counts from the notices' real delivery: when they finish later than the
// policy's grace allows, the workflow itself moves the vote, tells owners, and records it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditEvent } from '../../db/audit/entities.ts';
import { NoticeDelivery } from '../../db/meetings/entities.ts';
import { getMeeting } from '../../db/meetings/repository.ts';
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
beforeAll(async () => {
  h = await startMeetingHarness({
    databaseUrl: inject('databaseUrl'),
    temporalAddress: inject('temporalAddress'),
  });
});
afterAll(() => h?.stop());

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
    // Everyone who had the notice hears of the move.
    const count = (kind: string) =>
      h.orm.em.fork().count(NoticeDelivery, { meeting: meeting.id, kind, channel: 'email' });
    expect(await count('notice')).toBeGreaterThan(0);
    expect(await count('postponed')).toBe(await count('notice'));
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
