// The loops a worker process runs beside its Temporal workers, started from one place: a
// notification queued for a person with only an email address reaches the mail server through
// them alone, and both entry points (`npm start`, the separate `npm run worker` of a deployment)
// start exactly that set. A database of its own: the loops claim every pending row they see.
import { randomInt, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { enqueueMailing } from '../../db/notifications/repository.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { executeBound } from '../../db/sql.ts';
import { loadConfig } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { createMailer, type MailCatcher, type Mailer, startMailCatcher } from '../../platform/mail.ts';
import { type Dispatchers, startDispatchers } from '../../scripts/lib/dispatchers.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { poll } from './faults/support.ts';

let db: TestDatabase;
let orm: Orm;
let catcher: MailCatcher;
let mailer: Mailer;
let dispatchers: Dispatchers | undefined;

beforeAll(async () => {
  [db, catcher] = await Promise.all([
    createTestDatabase(inject('postgres'), 'dispatchers'),
    startMailCatcher({ port: 0 }),
  ]);
  orm = await createOrm({ url: db.url, poolMax: 4 });
});
afterAll(async () => {
  await dispatchers?.stop();
  mailer?.close();
  await orm?.close();
  await catcher?.stop();
  await db?.drop();
});

it('delivers a queued notification by mail with nothing but the shared dispatchers running', async () => {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: catcher.url });
  mailer = createMailer(config);
  dispatchers = startDispatchers({ config, orm, mailer, logger: createLogger(config, 'test') });
  const person = randomUUID();
  const address = `owner-${randomInt(1e6)}@example.uz`;
  await executeBound(
    orm.em.fork(),
    'insert into person (id, pinfl, full_name, language, email) values ($1, $2, $3, $4, $5)',
    [person, String(randomInt(10 ** 13, 10 ** 14 - 1)), 'Owner One', 'uz', address],
  );
  const text = { subject: 'Umumiy yigʻilish', body: 'Yigʻilish 12-dekabrda' };
  await enqueueMailing(
    orm.em.fork(),
    {
      kind: 'meeting_notice',
      texts: { uz: text, ru: text, en: text },
      idempotencyKey: `dispatchers:${randomUUID()}`,
      recipients: [{ personId: person }],
    },
    new Date(),
  );
  const mail = await poll('the notice in the mail server', async () =>
    catcher.messages().find((m) => m.to.includes(address)),
  );
  expect(mail.subject).toBe(text.subject);
});

it('is what both entry points start, so a worker run apart from the API delivers notifications too', async () => {
  for (const script of ['scripts/start.ts', 'scripts/worker.ts']) {
    const source = await readFile(new URL(`../../${script}`, import.meta.url), 'utf8');
    expect(source, script).toMatch(/startDispatchers\(/);
    // A loop started beside the shared set would be one the other entry point forgets.
    expect(source, script).not.toMatch(/start(Outbox|Notification|ElectricityDispatcher)\w*\(/);
  }
});
