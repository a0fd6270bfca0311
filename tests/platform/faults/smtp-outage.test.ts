// SMTP down and back: the outbox keeps every message pending while the server refuses
// connections, and when it is back two dispatchers (two worker processes) drain it together,
// each message reaching the server exactly once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { type OutboxDispatcher, startOutboxDispatcher } from '../../../activities/mail/dispatcher.ts';
import { messageIdFor } from '../../../activities/mail/send-mail.ts';
import { MailOutbox } from '../../../db/mail/entities.ts';
import { createOrm, type Orm } from '../../../db/orm.ts';
import { loadConfig } from '../../../platform/config.ts';
import { createMailer, type MailCatcher, type Mailer, startMailCatcher } from '../../../platform/mail.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { freePort } from '../../support/processes.ts';
import { poll } from './support.ts';

const FROM = 'Mening Uyim <no-reply@meninguyim.uz>';
const MESSAGES = 30;
// A database of its own: the dispatchers claim every pending row they can see.
let db: TestDatabase;
let orm: Orm;
let catcher: MailCatcher | undefined;
const mailers: Mailer[] = [];
const dispatchers: OutboxDispatcher[] = [];

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'faults_smtp');
  orm = await createOrm({ url: db.url, poolMax: 4 });
});
afterAll(async () => {
  await Promise.all(dispatchers.map((d) => d.stop()));
  for (const m of mailers) m.close();
  await catcher?.stop();
  await orm?.close();
  await db?.drop();
});

it('keeps mail pending while SMTP is down and sends each message exactly once when it is back', async () => {
  const port = await freePort();
  const keys = Array.from({ length: MESSAGES }, (_, i) => `faults:smtp:${randomUUID()}:${i}`);
  const em = orm.em.fork();
  for (const key of keys) {
    em.create(MailOutbox, { idempotencyKey: key, to: 'owner@example.uz', subject: 'Xabarnoma', text: key });
  }
  await em.flush();

  // Nobody listens on the port: every pass ends at the first refused connection.
  const config = loadConfig({});
  for (let i = 0; i < 2; i++) {
    const mailer = createMailer(config, `smtp://127.0.0.1:${port}`);
    mailers.push(mailer);
    dispatchers.push(startOutboxDispatcher({ orm, mailer, from: FROM, intervalMs: 100, batchSize: 7 }));
  }
  const pending = async () =>
    orm.em.fork().count(MailOutbox, { idempotencyKey: { $in: keys }, status: 'pending' });
  const attempted = await poll('a pass that met the refused connection', async () => {
    const rows = await orm.em
      .fork()
      .find(MailOutbox, { idempotencyKey: { $in: keys }, error: { $ne: null } });
    return rows.length > 0 ? rows : undefined;
  });
  expect(attempted[0]!.error).toMatch(/ECONNREFUSED|connect/i);
  expect(await pending()).toBe(MESSAGES);

  catcher = await startMailCatcher({ port });
  const back = performance.now();
  await poll('the outbox drained', async () => ((await pending()) === 0 ? true : undefined));
  const drainMs = Math.round(performance.now() - back);
  // Further passes find nothing more to send.
  expect(await Promise.all(dispatchers.map((d) => d.drain()))).toEqual([0, 0]);

  const received = catcher.messages().map((m) => m.messageId);
  console.log(`SMTP back: ${MESSAGES} messages drained in ${drainMs} ms by two dispatchers`);
  expect(received).toHaveLength(MESSAGES);
  expect(new Set(received)).toEqual(new Set(keys.map((k) => messageIdFor(k, FROM))));
  const rows = await orm.em.fork().find(MailOutbox, { idempotencyKey: { $in: keys } });
  expect(rows.every((r) => r.status === 'sent' && r.messageId === messageIdFor(r.idempotencyKey, FROM))).toBe(
    true,
  );
}, 120_000);
