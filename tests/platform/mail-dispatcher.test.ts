// The outbox dispatcher's batches against PostgreSQL and real SMTP servers: a server that dies in
// the middle of a batch and comes back, a server that says "later" (4xx) or "never" (5xx), and a
// sender that claimed rows and died. A database of its own: the dispatcher claims every pending row.
import { randomUUID } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claimBatch, dispatchOnce, startOutboxDispatcher } from '../../activities/mail/dispatcher.ts';
import { messageIdFor, sendMailOnce } from '../../activities/mail/send-mail.ts';
import { MailOutbox } from '../../db/mail/entities.ts';
import { enqueueMail } from '../../db/mail/outbox.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { loadConfig } from '../../platform/config.ts';
import { createMailer, type MailCatcher, type Mailer, startMailCatcher } from '../../platform/mail.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { freePort } from '../support/processes.ts';
import { poll } from './faults/support.ts';

const FROM = 'Mening Uyim <no-reply@meninguyim.uz>';
const config = loadConfig({ SMTP_MAX_CONNECTIONS: '3' });
let db: TestDatabase;
let orm: Orm;
/** Senders stop before servers do: a server waits for the connections still open to it. */
const cleanups: (() => unknown)[] = [];
const servers: (() => unknown)[] = [];

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'mail_dispatcher');
  orm = await createOrm({ url: db.url, poolMax: 4 });
});
afterAll(async () => {
  for (const c of [...cleanups.reverse(), ...servers]) await c();
  await orm?.close();
  await db?.drop();
});

const mailerFor = (url: string): Mailer => {
  const m = createMailer(config, url);
  cleanups.push(() => m.close());
  return m;
};
const queue = async (n: number, to: (i: number) => string = () => 'owner@example.uz') => {
  const keys = Array.from({ length: n }, (_, i) => `test:dispatcher:${randomUUID()}:${i}`);
  await enqueueMail(
    orm.em.fork(),
    keys.map((key, i) => ({ idempotencyKey: key, to: to(i), subject: 'Xabarnoma', text: key })),
  );
  return keys;
};
const rows = (keys: string[]) =>
  orm.em.fork().find(MailOutbox, { idempotencyKey: { $in: keys } }, { orderBy: { idempotencyKey: 'asc' } });
const countBy = (ids: (string | null)[]) => {
  const m = new Map<string, number>();
  for (const id of ids) if (id) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
};

/**
 * An SMTP server that accepts `accept` messages, then dies on the next one as a crashed process
 * does: it stops listening and drops every connection, answering nothing more.
 */
async function dyingServer(port: number, accept: number) {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  let died!: () => void;
  const dead = new Promise<void>((resolve) => {
    died = resolve;
  });
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        head += c.toString('latin1');
      });
      stream.on('end', () => {
        if (received.length >= accept) {
          server.server.close();
          for (const s of sockets) s.destroy();
          died();
          return;
        }
        received.push(/^message-id:\s*(<[^>]*>)/im.exec(head)?.[1] ?? '');
        callback();
      });
    },
  });
  server.server.on('connection', (s: Socket) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { received, dead };
}

describe('outbox dispatcher batches', () => {
  it('sends each message once when the SMTP server dies mid-batch and comes back', async () => {
    const port = await freePort();
    const first = await dyingServer(port, 7);
    const keys = await queue(40);
    const dispatcher = startOutboxDispatcher({
      orm,
      mailer: mailerFor(`smtp://127.0.0.1:${port}`),
      from: FROM,
      intervalMs: 50,
      batchSize: 15,
      concurrency: 6,
    });
    cleanups.push(() => dispatcher.stop());
    await first.dead;

    // The accepted ones are written back as sent, the others stay pending while nobody listens.
    const before = await poll('the batch written back', async () => {
      const r = await rows(keys);
      return r.every((x) => x.leaseToken === null) && r.some((x) => x.error) ? r : undefined;
    });
    expect(before.filter((r) => r.status === 'sent').map((r) => r.messageId)).toEqual(
      expect.arrayContaining(first.received),
    );
    expect(before.filter((r) => r.status === 'sent')).toHaveLength(first.received.length);
    expect(before.filter((r) => r.status === 'pending').length).toBeGreaterThan(0);

    const second: MailCatcher = await startMailCatcher({ port, limit: 1000 });
    servers.push(() => second.stop());
    await poll('the outbox drained', async () => {
      const r = await rows(keys);
      return r.every((x) => x.status === 'sent') ? r : undefined;
    });
    const all = countBy([...first.received, ...second.messages().map((m) => m.messageId)]);
    expect([...all.keys()].sort()).toEqual(keys.map((k) => messageIdFor(k, FROM)).sort());
    expect([...all.values()].every((n) => n === 1)).toBe(true);
    // Later passes find nothing to send again.
    expect(await dispatcher.drain()).toBe(0);
    // The next tests play their own senders against the same outbox.
    await dispatcher.stop();
  }, 60_000);

  it('holds back a message the server refuses for now (4xx) and fails one it refuses for good (5xx)', async () => {
    const seen = new Set<string>();
    const accepted: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const to = address.address;
        if (to.startsWith('gone'))
          return callback(Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 }));
        // Greylisting: the first try of an address is refused for now, the next is taken.
        if (to.startsWith('busy') && !seen.has(to)) {
          seen.add(to);
          return callback(
            Object.assign(new Error('4.7.1 Greylisted, try again later'), { responseCode: 451 }),
          );
        }
        callback();
      },
      onData(stream, _session, callback) {
        let head = '';
        stream.on('data', (c: Buffer) => {
          head += c.toString('latin1');
        });
        stream.on('end', () => {
          accepted.push(/^message-id:\s*(<[^>]*>)/im.exec(head)?.[1] ?? '');
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const mailer = mailerFor(`smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`);
    const [ok, busy, gone] = await queue(3, (i) => `${['ok', 'busy', 'gone'][i]}-${randomUUID()}@example.uz`);
    const id = (k: string | undefined) => messageIdFor(k!, FROM);

    const pass = await dispatchOnce(orm.em.fork(), mailer, FROM, 10, { retryMs: 60_000 });
    expect(pass).toEqual({ sent: 1, claimed: 3, serverDown: false });
    const [rOk, rBusy, rGone] = await rows([ok!, busy!, gone!]).then((r) =>
      [ok, busy, gone].map((k) => r.find((x) => x.idempotencyKey === k)!),
    );
    expect(rOk).toMatchObject({ status: 'sent', messageId: id(ok) });
    expect(rBusy).toMatchObject({
      status: 'pending',
      error: expect.stringContaining('451'),
      leaseToken: null,
    });
    expect(rBusy!.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(rGone).toMatchObject({ status: 'failed', error: expect.stringContaining('550') });

    // Held back until its retry time: the next pass leaves it alone.
    expect(await dispatchOnce(orm.em.fork(), mailer, FROM, 10, { retryMs: 60_000 })).toMatchObject({
      claimed: 0,
    });
    // The retry time comes: it is sent; the failed one never is.
    await orm.em
      .fork()
      .execute(`update mail_outbox set lease_until = now() - interval '1 second' where idempotency_key = ?`, [
        busy,
      ]);
    expect(await dispatchOnce(orm.em.fork(), mailer, FROM, 10)).toEqual({
      sent: 1,
      claimed: 1,
      serverDown: false,
    });
    expect(await rows([busy!])).toMatchObject([
      { status: 'sent', messageId: id(busy), error: null, attempts: 2 },
    ]);
    expect(accepted.sort()).toEqual([id(ok), id(busy)].sort());
  });

  it("sends a crashed sender's claimed rows once its lease lapses, and only once", async () => {
    const catcher = await startMailCatcher({ limit: 1000 });
    servers.push(() => catcher.stop());
    const mailer = mailerFor(catcher.url);
    const keys = await queue(4);
    // A sender claims the rows and dies before it sends them or writes anything back.
    const crashed = await claimBatch(orm.em.fork(), 10, 60_000);
    expect(crashed.rows.map((r) => r.idempotency_key).sort()).toEqual([...keys].sort());
    expect(await dispatchOnce(orm.em.fork(), mailer, FROM, 10)).toMatchObject({ claimed: 0 });

    // An activity retrying one of those messages waits for the lease instead of sending it too.
    const retried = sendMailOnce(orm.em.fork(), mailer, FROM, {
      idempotencyKey: keys[0]!,
      to: 'owner@example.uz',
      subject: 'Xabarnoma',
      text: keys[0]!,
    });
    await orm.em
      .fork()
      .execute(`update mail_outbox set lease_until = now() - interval '1 second' where lease_token = ?`, [
        crashed.token,
      ]);
    // The lease has lapsed: the dispatcher and the waiting activity race for the rows.
    const [pass, activity] = await Promise.all([dispatchOnce(orm.em.fork(), mailer, FROM, 10), retried]);
    expect(pass.sent + (activity.duplicate ? 0 : 1)).toBe(4);
    expect(activity.messageId).toBe(messageIdFor(keys[0]!, FROM));

    const caught = countBy(catcher.messages().map((m) => m.messageId));
    expect([...caught.keys()].sort()).toEqual(keys.map((k) => messageIdFor(k, FROM)).sort());
    expect([...caught.values()].every((n) => n === 1)).toBe(true);
    expect((await rows(keys)).every((r) => r.status === 'sent' && r.leaseToken === null)).toBe(true);
  });
});
