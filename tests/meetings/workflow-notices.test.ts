// Notices and reminders: reminders reach only owners who have not voted, and a notice activity
// that fails half-way and is retried (resuming from its heartbeat) mails every owner exactly once.
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { entityManagerScope } from '../../activities/context.ts';
import { createMeetingActivities } from '../../activities/meetings/index.ts';
import { NoticeDelivery } from '../../db/meetings/entities.ts';
import { listNotifications } from '../../db/meetings/repository.ts';
import type { Mailer } from '../../platform/mail.ts';
import {
  createElectorate,
  createTestMeeting,
  type MeetingHarness,
  seconds,
  startMeetingHarness,
  startMeetingWorkflow,
  vote,
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

const mailsTo = (address: string | null) =>
  h.catcher.messages().filter((m) => m.envelope.to.includes(address ?? ''));

const deliveries = (meetingId: string, kind: string) =>
  h.orm.em
    .fork()
    .find(NoticeDelivery, { meeting: meetingId, kind }, { orderBy: { person: 'asc', channel: 'asc' } });

describe('meeting notices', () => {
  it('reminds only the owners who have not voted, co-owners each on their own', async () => {
    // Flat 1 is co-owned ½ + ½ (owners 1 and 2), flat 2 by owner 3, flat 3 by owner 4 (no email).
    const e = await createElectorate(h.orm, 3);
    // 0.0025 h = 9 s before the close, i.e. 15 s into the vote: the two ballots have fifteen
    // seconds to be in before the reminder picks its recipients, and the reminder nine to go out
    // before the close ends it. Each takes well under a second even on a loaded machine.
    const meeting = await createTestMeeting(
      h.orm,
      e,
      { noticeS: 2, votingS: 24 },
      { reminderHoursBeforeClose: [0.0025], noQuorum: 'fail', protocolDays: seconds(1) },
    );
    const handle = await startMeetingWorkflow(h, meeting);
    const voting = await waitForPhase(h.orm, meeting.id, 'voting');
    const [flat1, flat2] = e.apartments;
    await vote(h.orm, voting, flat1!.apartmentId, flat1!.owners[0]!, 'for');
    await vote(h.orm, voting, flat2!.apartmentId, flat2!.owners[0]!, 'against');
    await handle.result();

    const kind = 'reminder-0.0025';
    const rows = await deliveries(meeting.id, kind);
    const [coOwner, , , noEmail] = e.owners;
    const reminded = [e.owners[1]!, noEmail!];
    expect(rows.map((r) => [r.person.id, r.channel, r.status])).toEqual(
      [
        [reminded[0]!.personId, 'email', 'sent'],
        [reminded[0]!.personId, 'in_app', 'sent'],
        [noEmail!.personId, 'email', 'skipped'],
        [noEmail!.personId, 'in_app', 'sent'],
      ].sort((a, b) => (a.join() < b.join() ? -1 : 1)),
    );
    const reminderMail = /Eslatma|Напоминание|Reminder/;
    expect(mailsTo(reminded[0]!.email).filter((m) => reminderMail.test(m.subject))).toHaveLength(1);
    for (const voter of [coOwner!, e.owners[2]!])
      expect(mailsTo(voter.email).filter((m) => reminderMail.test(m.subject))).toEqual([]);
    const inbox = await listNotifications(h.orm.em.fork(), noEmail!.personId, { limit: 50 });
    expect(inbox.filter((n) => n.meetingId === meeting.id).map((n) => n.kind)).toContain(kind);
  }, 120_000);

  it('mails each owner once when the notice activity fails mid-way and is retried', async () => {
    const e = await createElectorate(h.orm, 7);
    const meeting = await createTestMeeting(h.orm, e, { noticeS: 60, votingS: 60 });
    const deps = {
      orm: h.orm,
      from: h.config.mail.from,
      publicUrl: h.config.publicUrl,
      portalUrl: h.config.portalUrl,
      noticeBatchSize: 3,
    };
    const env = () => new MockActivityEnvironment(undefined, { interceptors: [entityManagerScope(h.orm)] });

    // The SMTP server goes away after four messages, in the middle of the second page.
    let sent = 0;
    const flaky = {
      sendMail: (message: Parameters<Mailer['sendMail']>[0]) => {
        if (++sent > 4)
          return Promise.reject(Object.assign(new Error('connection lost'), { code: 'ECONNECTION' }));
        return h.mailer.sendMail(message);
      },
    } as unknown as Mailer;
    const first = env();
    const beats: unknown[] = [];
    first.on('heartbeat', (d: unknown) => beats.push(d));
    await first.run(
      createMeetingActivities({ ...deps, mailer: h.mailer }).snapshotMeetingElectorate,
      meeting.id,
    );
    const failed = await first
      .run(createMeetingActivities({ ...deps, mailer: flaky }).sendMeetingNotices, {
        meetingId: meeting.id,
        kind: 'notice',
      })
      .catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(ApplicationFailure);
    expect(failed).toMatchObject({ type: 'MailNotSent', nonRetryable: false });
    // The first page of three owners was recorded before the failure.
    expect(beats).toEqual([{ after: expect.any(String) }]);

    // The retry resumes after the last heartbeat, as Temporal would hand it over.
    const retry = new MockActivityEnvironment(
      { heartbeatDetails: beats.at(-1) },
      { interceptors: [entityManagerScope(h.orm)] },
    );
    const good = createMeetingActivities({ ...deps, mailer: h.mailer });
    const summary = await retry.run(good.sendMeetingNotices, { meetingId: meeting.id, kind: 'notice' });
    expect(summary).toMatchObject({ owners: e.owners.length - 3, failed: 0, stopped: false });
    const again = await env().run(good.sendMeetingNotices, { meetingId: meeting.id, kind: 'notice' });
    expect(again).toMatchObject({ owners: 0, emailed: 0 });

    for (const owner of e.owners.filter((o) => o.email))
      expect(mailsTo(owner.email), owner.email!).toHaveLength(1);
    const rows = await deliveries(meeting.id, 'notice');
    expect(rows).toHaveLength(2 * e.owners.length);
    const noEmail = e.owners.find((o) => !o.email)!;
    expect(rows.filter((r) => r.status !== 'sent').map((r) => [r.person.id, r.channel, r.status])).toEqual([
      [noEmail.personId, 'email', 'skipped'],
    ]);
    for (const owner of e.owners) {
      const inbox = await listNotifications(h.orm.em.fork(), owner.personId, { limit: 50 });
      expect(inbox.filter((n) => n.meetingId === meeting.id)).toHaveLength(1);
    }
  });
});
