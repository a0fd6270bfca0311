// Notices and reminders: reminders reach only owners who have not voted, and a notice activity
// that fails half-way and is retried (resuming from its heartbeat) mails every owner exactly once.
import { randomInt } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { entityManagerScope } from '../../activities/context.ts';
import { createMeetingActivities } from '../../activities/meetings/index.ts';
import { listNotifications, meetingMailingKey, noticeProof } from '../../db/meetings/repository.ts';
import { unreachableOwners } from '../../db/notifications/preferences.ts';
import { executeBound } from '../../db/sql.ts';
import { startTelegramServer, type TelegramServer } from '../../platform/notifications/telegram-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
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
// A database of its own: the notifications and outbox dispatchers beside these workers send
// whatever is due in their database, and must not send other test files' messages (nor they ours).
let db: TestDatabase;
let telegram: TelegramServer;

beforeAll(async () => {
  telegram = await startTelegramServer();
  db = await createTestDatabase(inject('postgres'), 'meetings');
  h = await startMeetingHarness({
    databaseUrl: db.url,
    temporalAddress: inject('temporalAddress'),
    env: { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_URL: telegram.url },
  });
});
afterAll(async () => {
  await h?.stop();
  await telegram?.close();
  await db?.drop();
});

const mailsTo = (address: string | null) =>
  h.catcher.messages().filter((m) => m.envelope.to.includes(address ?? ''));

const proof = (meetingId: string, kind: string) => noticeProof(h.orm.em.fork(), meetingId, kind);

/** Polls until `check` holds: the dispatchers send after the activity has queued. */
async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const settled = async (meetingId: string, kind: string) =>
  (await proof(meetingId, kind)).every((p) => p.status !== 'pending');

async function prefersTelegram(personId: string): Promise<string> {
  const chat = String(randomInt(100_000, 999_999_999));
  await executeBound(
    h.orm.em.fork(),
    `insert into notification_preference (person_id, channel_order, language, opt_out, telegram_chat_id, unreachable, updated_at)
     values ($1, '["telegram","email"]'::jsonb, 'ru', false, $2, '[]'::jsonb, now())`,
    [personId, chat],
  );
  return chat;
}

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
    await eventually('reminders settled', () => settled(meeting.id, kind));
    const rows = await proof(meeting.id, kind);
    const [coOwner, , , noEmail] = e.owners;
    const reminded = [e.owners[1]!, noEmail!];
    // A reminder is no legal notice: the owner no channel reaches is skipped, not printed.
    expect(rows.map((r) => [r.personId, r.status, r.deliveries.map((d) => [d.channel, d.state])])).toEqual(
      [
        [reminded[0]!.personId, 'done', [['email', 'sent']]],
        [noEmail!.personId, 'skipped', []],
      ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
    );
    const reminderMail = /Eslatma|Напоминание|Reminder/;
    expect(mailsTo(reminded[0]!.email).filter((m) => reminderMail.test(m.subject))).toHaveLength(1);
    for (const voter of [coOwner!, e.owners[2]!])
      expect(mailsTo(voter.email).filter((m) => reminderMail.test(m.subject))).toEqual([]);
    const inbox = await listNotifications(h.orm.em.fork(), noEmail!.personId, { limit: 50 });
    expect(inbox.filter((n) => n.meetingId === meeting.id).map((n) => n.kind)).toContain(kind);
  }, 120_000);

  it('sends the notice by Telegram to who prefers it, and lists who no channel reaches on the board', async () => {
    const e = await createElectorate(h.orm, 3);
    const [byTelegram, , byMail, nobody] = e.owners;
    const chat = await prefersTelegram(byTelegram!.personId);
    const meeting = await createTestMeeting(h.orm, e, { noticeS: 30, votingS: 30 });
    await startMeetingWorkflow(h, meeting);
    // The workflow opens the discussion only once every notice has gone out.
    await waitForPhase(h.orm, meeting.id, 'discussion');
    const rows = new Map((await proof(meeting.id, 'notice')).map((r) => [r.personId, r]));
    expect(rows.size).toBe(e.owners.length);

    const tg = rows.get(byTelegram!.personId)!;
    expect(tg.deliveries.map((d) => [d.channel, d.address])).toEqual([['telegram', chat]]);
    expect(tg.deliveries[0]?.sentAt).toEqual(expect.any(String));
    const sent = telegram.sent.filter((m) => m.chatId === chat);
    expect(sent).toHaveLength(1);
    // In the language the person chose, with the meeting's link.
    expect(sent[0]?.text).toContain('Общее собрание собственников');
    expect(sent[0]?.text).toContain(`open=meeting:${meeting.id}`);
    await eventually('mail to the others', () => mailsTo(byMail!.email).length === 1);
    expect(mailsTo(byTelegram!.email)).toEqual([]);
    expect(rows.get(byMail!.personId)?.deliveries.map((d) => d.channel)).toEqual(['email']);

    // A legal notice no channel can carry: the owner is on the building's notice-board list.
    const board = rows.get(nobody!.personId)!;
    expect(board).toMatchObject({ status: 'printed', buildingId: e.buildingId, place: '3', deliveries: [] });
    expect(board.printedAt).toEqual(expect.any(String));
    const list = await unreachableOwners(h.orm.em.fork(), e.buildingId);
    expect(list.map((o) => [o.place, o.kind])).toEqual([['3', 'meeting_notice']]);
  }, 120_000);

  it('sends each owner the notice once when the notice activity stops mid-way and is retried', async () => {
    const e = await createElectorate(h.orm, 7);
    const meeting = await createTestMeeting(h.orm, e, { noticeS: 60, votingS: 60 });
    const activities = createMeetingActivities({
      orm: h.orm,
      mailer: h.mailer,
      from: h.config.mail.from,
      publicUrl: h.config.publicUrl,
      portalUrl: h.config.portalUrl,
      noticeBatchSize: 3,
    });
    const env = () => new MockActivityEnvironment(undefined, { interceptors: [entityManagerScope(h.orm)] });

    await env().run(activities.snapshotMeetingElectorate, meeting.id);
    // The worker dies after the first page of three owners: Temporal hands the retry the last heartbeat.
    const first = env();
    const beats: unknown[] = [];
    first.on('heartbeat', (d: unknown) => {
      beats.push(d);
      first.cancel();
    });
    const failed = await first
      .run(activities.sendMeetingNotices, { meetingId: meeting.id, kind: 'notice' })
      .catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(Error);
    expect(beats).toEqual([{ after: expect.any(String) }]);

    const retry = new MockActivityEnvironment(
      { heartbeatDetails: beats.at(-1) },
      { interceptors: [entityManagerScope(h.orm)] },
    );
    const summary = await retry.run(activities.sendMeetingNotices, { meetingId: meeting.id, kind: 'notice' });
    expect(summary).toMatchObject({ owners: e.owners.length - 3, stopped: false });
    // A retry from the start (no heartbeat) finds everyone served.
    const again = await env().run(activities.sendMeetingNotices, { meetingId: meeting.id, kind: 'notice' });
    expect(again).toMatchObject({ owners: 0 });

    const done = await env().run(activities.waitForMeetingNotices, { meetingId: meeting.id, kind: 'notice' });
    expect(done).toEqual({ messages: e.owners.length, sentAt: expect.any(Number) });
    for (const owner of e.owners.filter((o) => o.email))
      await eventually(`one mail to ${owner.email}`, () => mailsTo(owner.email).length === 1);
    // One message per owner, one outbox row per message and channel.
    const rows = await proof(meeting.id, 'notice');
    expect(rows).toHaveLength(e.owners.length);
    for (const r of rows) expect(r.deliveries.length).toBeLessThanOrEqual(1);
    const [outbox] = await executeBound<{ n: string }>(
      h.orm.em.fork(),
      `select count(*) as n from mail_outbox o join notification_delivery d on o.idempotency_key = 'notify:' || d.outbox_key
         join notification_message m on m.id = d.message_id join notification_mailing g on g.id = m.mailing_id
        where g.idempotency_key = $1`,
      [meetingMailingKey(meeting.id, 'notice')],
    );
    expect(Number(outbox?.n)).toBe(e.owners.filter((o) => o.email).length);
    for (const owner of e.owners) {
      const inbox = await listNotifications(h.orm.em.fork(), owner.personId, { limit: 50 });
      expect(inbox.filter((n) => n.meetingId === meeting.id)).toHaveLength(1);
    }
  });
});
