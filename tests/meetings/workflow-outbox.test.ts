// The worker's outbox dispatcher: it sends what was committed to mail_outbox for later (ballot
// receipts, written in the ballot's own transaction) once, even with several dispatchers at once,
// and keeps rows pending while the SMTP server is down. A database of its own, so that it never
// sends rows other test files leave pending in the shared one.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dispatchOnce, startOutboxDispatcher } from '../../activities/mail/dispatcher.ts';
import { startNotificationDispatcher } from '../../activities/notifications/dispatcher.ts';
import { notificationAdapters } from '../../activities/notifications/start.ts';
import { MailOutbox } from '../../db/mail/entities.ts';
import { snapshotElectorate, transitionPhase } from '../../db/meetings/repository.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { loadConfig } from '../../platform/config.ts';
import { createMailer, type MailCatcher, type Mailer, startMailCatcher } from '../../platform/mail.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createElectorate, createTestMeeting, vote } from './workflow-harness.ts';

const FROM = 'Mening Uyim <no-reply@meninguyim.uz>';
const config = loadConfig({});
let db: TestDatabase;
let orm: Orm;
let catcher: MailCatcher;
let mailer: Mailer;

beforeAll(async () => {
  [db, catcher] = await Promise.all([createTestDatabase(inject('postgres'), 'outbox'), startMailCatcher()]);
  orm = await createOrm({ url: db.url, poolMax: 4 });
  mailer = createMailer(config, catcher.url);
});
afterAll(async () => {
  mailer?.close();
  await orm?.close();
  await Promise.all([catcher?.stop(), db?.drop()]);
});

async function pending(n: number): Promise<string[]> {
  const em = orm.em.fork();
  const keys = Array.from({ length: n }, (_, i) => `test:${randomUUID()}:${i}`);
  for (const key of keys)
    em.create(MailOutbox, {
      idempotencyKey: key,
      to: `${key.slice(5, 13)}@example.uz`,
      subject: key,
      text: 'Salom',
    });
  await em.flush();
  return keys;
}

const rows = (keys: string[]) => orm.em.fork().find(MailOutbox, { idempotencyKey: { $in: keys } });
const caught = (keys: string[]) => catcher.messages().filter((m) => keys.includes(m.subject));

describe('outbox dispatcher', () => {
  it('sends every pending row once, even when two dispatchers run at the same time', async () => {
    const keys = await pending(30);
    const passes = await Promise.all([
      dispatchOnce(orm.em.fork(), mailer, FROM, 10),
      dispatchOnce(orm.em.fork(), mailer, FROM, 10),
      dispatchOnce(orm.em.fork(), mailer, FROM, 10),
    ]);
    // SKIP LOCKED: each pass claimed rows the others did not hold.
    expect(passes.reduce((s, p) => s + p.sent, 0)).toBe(30);
    const rest = await dispatchOnce(orm.em.fork(), mailer, FROM, 10);
    expect(rest).toEqual({ sent: 0, claimed: 0, serverDown: false });
    expect(
      caught(keys)
        .map((m) => m.subject)
        .sort(),
    ).toEqual([...keys].sort());
    expect((await rows(keys)).every((r) => r.status === 'sent' && r.messageId)).toBe(true);
  });

  it('keeps rows pending while the server is down and sends them once it is back', async () => {
    const keys = await pending(3);
    const gone = await startMailCatcher();
    await gone.stop();
    const down = createMailer(config, gone.url);
    const pass = await dispatchOnce(orm.em.fork(), down, FROM, 10);
    down.close();
    expect(pass).toMatchObject({ sent: 0, serverDown: true });
    expect((await rows(keys)).every((r) => r.status === 'pending')).toBe(true);
    expect(caught(keys)).toEqual([]);

    const dispatcher = startOutboxDispatcher({ orm, mailer, from: FROM, intervalMs: 60_000 });
    // The loop's first pass may already be under way: drain() joins it or runs its own.
    await dispatcher.drain();
    await dispatcher.stop();
    expect(caught(keys)).toHaveLength(3);
  });

  it('delivers the ballot receipt that castBallot commits with the ballot, from the running loops', async () => {
    // The receipt goes to the voter through notifications, whose email channel hands it to the outbox.
    const notifications = startNotificationDispatcher({
      orm,
      policy: config.notifications.policy,
      adapters: notificationAdapters(config),
      intervalMs: 50,
    });
    const dispatcher = startOutboxDispatcher({ orm, mailer, from: FROM, intervalMs: 50 });
    try {
      const e = await createElectorate(orm, 2);
      const meeting = await createTestMeeting(orm, e, { noticeS: 60, votingS: 60 });
      await snapshotElectorate(orm.em.fork(), meeting.id);
      await transitionPhase(orm.em.fork(), meeting.id, ['notice'], 'discussion');
      await transitionPhase(orm.em.fork(), meeting.id, ['discussion'], 'voting');
      // Flat 1, co-owned: its first owner has an email address (the last owner of all has none).
      const flat = e.apartments[0]!;
      const owner = e.owners.find((o) => o.personId === flat.owners[0])!;
      const receipt = await vote(orm, meeting, flat.apartmentId, owner.personId, 'for');

      const deadline = Date.now() + 60_000;
      let mails = catcher.messages().filter((m) => m.envelope.to.includes(owner.email!));
      while (mails.length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        mails = catcher.messages().filter((m) => m.envelope.to.includes(owner.email!));
      }
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain(receipt.tracker);
    } finally {
      await notifications.stop();
      await dispatcher.stop();
    }
  }, 90_000);
});
