// The outbox that makes sending mail from retried activities safe, against PostgreSQL and SMTP.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { messageIdFor, sendMailOnce } from '../../activities/mail/send-mail.ts';
import { MailOutbox } from '../../db/mail/entities.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { loadConfig } from '../../platform/config.ts';
import { createMailer, type MailCatcher, startMailCatcher } from '../../platform/mail.ts';

const FROM = 'Mening Uyim <no-reply@meninguyim.uz>';
const config = loadConfig({});
let orm: Orm;
let catcher: MailCatcher;

beforeAll(async () => {
  [orm, catcher] = await Promise.all([
    createOrm({ url: inject('databaseUrl'), poolMax: 4 }),
    startMailCatcher(),
  ]);
});
afterAll(async () => {
  await Promise.all([orm?.close(), catcher?.stop()]);
});

const message = (key = `test:${randomUUID()}:notify`) => ({
  idempotencyKey: key,
  to: 'dispatch@example.uz',
  subject: 'Reyestr tekshiruvi',
  text: 'Salom',
});
const row = (key: string) => orm.em.fork().findOneOrFail(MailOutbox, { idempotencyKey: key });
const caught = (key: string) => catcher.messages().filter((m) => m.messageId === messageIdFor(key, FROM));

describe('sendMailOnce', () => {
  it('sends once and answers a repeat with the stored Message-ID', async () => {
    const mailer = createMailer(config, catcher.url);
    const input = message();
    const first = await sendMailOnce(orm.em.fork(), mailer, FROM, input);
    const second = await sendMailOnce(orm.em.fork(), mailer, FROM, { ...input, subject: 'changed' });
    mailer.close();

    expect(first).toEqual({ messageId: messageIdFor(input.idempotencyKey, FROM), duplicate: false });
    expect(second).toEqual({ ...first, duplicate: true });
    expect(caught(input.idempotencyKey)).toHaveLength(1);
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'sent', messageId: first.messageId });
  });

  it('sends once when two attempts overlap', async () => {
    const mailer = createMailer(config, catcher.url);
    const input = message();
    const results = await Promise.all([1, 2, 3].map(() => sendMailOnce(orm.em.fork(), mailer, FROM, input)));
    mailer.close();
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true, true]);
    expect(caught(input.idempotencyKey)).toHaveLength(1);
  });

  it('uses the key, escaped, as the Message-ID', () => {
    expect(messageIdFor('registry-sync:b1:r1:notify', FROM)).toBe(
      '<registry-sync=3Ab1=3Ar1=3Anotify@meninguyim.uz>',
    );
    expect(messageIdFor('a=b', 'x@y.uz')).toBe('<a=3Db@y.uz>');
  });

  it('keeps the row pending and asks for a retry when the server is unreachable', async () => {
    const gone = await startMailCatcher();
    await gone.stop();
    const input = message();
    const down = createMailer(config, gone.url);
    const err = await sendMailOnce(orm.em.fork(), down, FROM, input).catch((e: unknown) => e);
    down.close();
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'MailNotSent', nonRetryable: false });
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'pending', error: expect.any(String) });

    const up = createMailer(config, catcher.url);
    expect(await sendMailOnce(orm.em.fork(), up, FROM, input)).toMatchObject({ duplicate: false });
    up.close();
    expect(await row(input.idempotencyKey)).toMatchObject({ status: 'sent', error: null });
  });

  it('marks the row failed and stops retrying when the recipient is refused for good', async () => {
    const rejecting = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (_address, _session, callback) =>
        callback(Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 })),
    });
    await new Promise<void>((resolve) => rejecting.listen(0, '127.0.0.1', resolve));
    const { port } = rejecting.server.address() as AddressInfo;
    const mailer = createMailer(config, `smtp://127.0.0.1:${port}`);
    const input = message();

    for (let attempt = 0; attempt < 2; attempt++) {
      const err = await sendMailOnce(orm.em.fork(), mailer, FROM, input).catch((e: unknown) => e);
      expect(err).toMatchObject({ type: 'MailRejected', nonRetryable: true });
    }
    mailer.close();
    await new Promise<void>((resolve) => rejecting.close(() => resolve()));
    expect(await row(input.idempotencyKey)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('550'),
    });
  });
});
