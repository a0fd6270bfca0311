// Every channel against its local server, and the rules between them: Telegram's 429 and a user
// who blocked the bot, the SMS gateway down and its delivery reports, fallback of a legal notice
// after non-delivery, the printable list, opt-out, and no duplicate after a restart.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unreachableOwners } from '../../db/notifications/preferences.ts';
import { enqueueMailing, leaseDeliveries, planDueMessages } from '../../db/notifications/repository.ts';
import { executeBound } from '../../db/sql.ts';
import type { MessageKind } from '../../domain/notifications/types.ts';
import { deliveriesOf, messageOf, type NotificationStack, startNotificationStack, texts } from './harness.ts';

let s: NotificationStack;
let buildingId: string;
const chat = () => String(100_000 + Math.floor(Math.random() * 1e8));
const phone = () => `+99890${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

beforeAll(async () => {
  s = await startNotificationStack({ fallbackAfterMinutes: { sms: 10, telegram: 10, email: 10 } });
  const [b] = await executeBound<{ id: string }>(s.em(), 'select id from building order by id limit 1', []);
  buildingId = (b as { id: string }).id;
});
afterAll(async () => {
  await s?.close();
});

const send = (kind: MessageKind, personIds: string[], key = randomUUID()) =>
  enqueueMailing(
    s.em(),
    {
      kind,
      buildingId,
      texts: texts(`${kind} ${key.slice(0, 8)}`),
      idempotencyKey: key,
      recipients: personIds.map((personId, i) => ({ personId, place: `kv. ${i + 1}` })),
    },
    s.now(),
  );

describe('Telegram', () => {
  it('waits out a 429 for its retry_after and then sends once', async () => {
    const c = chat();
    const person = await s.person({ chat: c });
    s.telegram.rateLimitNext(1, 3);
    await send('receipt', [person]);
    await s.drain();
    expect(s.telegram.sent.filter((m) => m.chatId === c)).toHaveLength(0);
    expect((await deliveriesOf(s.em(), person))[0]?.state).toBe('queued');
    s.advance(2000);
    await s.drain();
    expect(s.telegram.sent.filter((m) => m.chatId === c)).toHaveLength(0);
    s.advance(1000);
    await s.drain();
    const mine = s.telegram.sent.filter((m) => m.chatId === c);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.text).toContain('(uz)');
    expect(await deliveriesOf(s.em(), person)).toEqual([
      { channel: 'telegram', state: 'delivered', status: 'done', events: ['queued', 'sent', 'delivered'] },
    ]);
  });

  it('keeps to one message a second to a chat: a queue, not 429s', async () => {
    const c = chat();
    const person = await s.person({ chat: c });
    const before = s.telegram.tooManyRequests;
    // More than the chat's burst: sent at once, all but two would be refused.
    for (let i = 0; i < 5; i++) await send('appeal_update', [person]);
    await s.drain();
    const mine = s.telegram.sent.filter((m) => m.chatId === c);
    expect(mine).toHaveLength(5);
    expect(s.telegram.tooManyRequests).toBe(before);
  });

  it('marks Telegram unreachable for a user who blocked the bot, and a legal notice goes by mail instead', async () => {
    const c = chat();
    const person = await s.person({ chat: c, email: `${randomUUID()}@example.uz` });
    s.telegram.block(c);
    await send('meeting_notice', [person]);
    await s.drain();
    const rows = await deliveriesOf(s.em(), person);
    expect(rows.map((r) => [r.channel, r.state])).toEqual([
      ['telegram', 'failed'],
      ['email', 'sent'],
    ]);
    expect((await messageOf(s.em(), person))?.status).toBe('done');
    const [pref] = await executeBound<{ unreachable: string[] }>(
      s.em(),
      'select unreachable from notification_preference where person_id = $1',
      [person],
    );
    expect(pref?.unreachable).toEqual(['telegram']);
  });
});

describe('SMS', () => {
  it('waits while the gateway is down, then sends and records its delivery report', async () => {
    const number = phone();
    const person = await s.person({ phone: number });
    s.sms.down();
    await send('debt_claim', [person]);
    await s.drain();
    expect(s.sms.received.filter((m) => m.to === number.slice(1))).toHaveLength(0);
    expect((await deliveriesOf(s.em(), person))[0]?.state).toBe('queued');
    s.sms.up();
    s.advance(5000);
    await s.drain();
    expect(s.sms.received.filter((m) => m.to === number.slice(1))).toHaveLength(1);
    await waitFor(() =>
      s.sms.reports.some(
        (r) =>
          r.id.startsWith('') &&
          r.answer === 204 &&
          s.sms.received.find((m) => m.id === r.id)?.to === number.slice(1),
      ),
    );
    // The message itself settles at the dispatcher's next look, which the report may already have had.
    expect(await deliveriesOf(s.em(), person)).toEqual([
      {
        channel: 'sms',
        state: 'delivered',
        status: expect.any(String),
        events: ['queued', 'sent', 'delivered'],
      },
    ]);
    await s.drain();
    expect((await messageOf(s.em(), person))?.status).toBe('done');
  });

  it('refuses a delivery report without the callback secret', async () => {
    const res = await fetch(`${s.apiUrl}/api/v1/notifications/sms/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
      body: JSON.stringify({ id: 'x', status: 'delivered' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('fallback and the printable list', () => {
  it('moves a legal notice on to the next channel when no delivery report comes within the policy time', async () => {
    const number = phone();
    const person = await s.person({
      phone: number,
      email: `${randomUUID()}@example.uz`,
      order: ['sms', 'email'],
    });
    s.sms.silent(number);
    await send('meeting_notice', [person]);
    await s.drain();
    expect((await deliveriesOf(s.em(), person)).map((r) => [r.channel, r.state])).toEqual([['sms', 'sent']]);
    s.advance(9 * 60_000);
    await s.drain();
    expect(await deliveriesOf(s.em(), person)).toHaveLength(1);
    s.advance(60_000);
    await s.drain();
    expect((await deliveriesOf(s.em(), person)).map((r) => [r.channel, r.state])).toEqual([
      ['sms', 'sent'],
      ['email', 'sent'],
    ]);
  });

  it('falls back at once when the SMS report says failed, and prints an owner nothing reaches', async () => {
    const number = phone();
    const reachable = await s.person({ phone: number });
    const nobody = await s.person();
    s.sms.undeliverable(number);
    await send('suspension_notice', [reachable, nobody]);
    await s.drain();
    expect((await messageOf(s.em(), nobody))?.status).toBe('printed');
    await waitFor(() =>
      s.sms.reports.some((r) => s.sms.received.find((m) => m.id === r.id)?.to === number.slice(1)),
    );
    await s.drain();
    expect((await deliveriesOf(s.em(), reachable)).map((r) => r.state)).toEqual(['failed']);
    expect((await messageOf(s.em(), reachable))?.status).toBe('printed');
    const list = await unreachableOwners(s.em(), buildingId);
    const names = await executeBound<{ full_name: string }>(
      s.em(),
      'select full_name from person where id = any($1::uuid[])',
      [[reachable, nobody]],
    );
    for (const n of names) expect(list.map((o) => o.fullName)).toContain(n.full_name);
  });

  it('sends nothing non-legal to a person who opted out, but still the legal notice', async () => {
    const c = chat();
    const person = await s.person({ chat: c, optOut: true });
    await send('receipt', [person]);
    await s.drain();
    expect(await messageOf(s.em(), person)).toMatchObject({ status: 'skipped', skipped: 'opted_out' });
    expect(s.telegram.sent.filter((m) => m.chatId === c)).toHaveLength(0);
    await send('meeting_notice', [person]);
    await s.drain();
    expect(s.telegram.sent.filter((m) => m.chatId === c)).toHaveLength(1);
  });
});

describe('mail', () => {
  it("goes into the mail outbox, is sent by the outbox's dispatcher, and the delivery takes the server's answer", async () => {
    const address = `${randomUUID()}@example.uz`;
    const person = await s.person({ email: address });
    await send('meeting_notice', [person]);
    await s.drainNotifications();
    // Queued as one outbox row under the delivery's key; the notifications dispatcher sends nothing itself.
    const queued = await executeBound<{ idempotency_key: string; status: string; subject: string }>(
      s.em(),
      `select idempotency_key, status, subject from mail_outbox where "to" = $1`,
      [address],
    );
    expect(queued.map((r) => r.status)).toEqual(['pending']);
    expect(queued[0]?.idempotency_key).toMatch(/^notify:.+:email$/);
    expect(s.mail.messages().filter((m) => m.to.includes(address))).toHaveLength(0);
    expect((await deliveriesOf(s.em(), person)).map((r) => r.state)).toEqual(['queued']);

    expect(await s.drainMail()).toBeGreaterThanOrEqual(1);
    expect(s.mail.messages().filter((m) => m.to.includes(address))).toHaveLength(1);
    await s.drainNotifications();
    expect((await deliveriesOf(s.em(), person)).map((r) => [r.channel, r.state])).toEqual([
      ['email', 'sent'],
    ]);
    expect((await messageOf(s.em(), person))?.status).toBe('done');
    await s.drain();
    expect(s.mail.messages().filter((m) => m.to.includes(address))).toHaveLength(1);
  });

  it("carries a notice's HTML and its attachment to the mail, and neither to the other channels", async () => {
    const address = `${randomUUID()}@example.uz`;
    const c = chat();
    const mailOnly = await s.person({ email: address });
    const byTelegram = await s.person({ chat: c });
    const ics = Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n').toString('base64');
    const t = (lang: string) => ({
      subject: `Yigʻilish ${lang}`,
      body: `Kun tartibi ${lang}`,
      html: `<p>Kun tartibi <b>${lang}</b></p>`,
      attachments: [{ filename: 'meeting.ics', contentType: 'text/calendar', content: ics }],
    });
    await enqueueMailing(
      s.em(),
      {
        kind: 'meeting_notice',
        buildingId,
        texts: { uz: t('uz'), ru: t('ru'), en: t('en') },
        idempotencyKey: randomUUID(),
        recipients: [{ personId: mailOnly }, { personId: byTelegram }],
      },
      s.now(),
    );
    await s.drain();
    const [mail] = s.mail.messages().filter((m) => m.to.includes(address));
    expect(mail?.html).toContain('<b>uz</b>');
    expect(mail?.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['meeting.ics', 'text/calendar'],
    ]);
    const [tg] = s.telegram.sent.filter((m) => m.chatId === c);
    expect(tg?.text).toContain('Kun tartibi uz');
    expect(tg?.text).not.toContain('<b>');
  });
});

describe('no duplicates', () => {
  it('sends each message once across a repeated mailing and a dispatcher that died holding its lease', async () => {
    const chats = Array.from({ length: 12 }, chat);
    const people = await Promise.all(chats.map((c) => s.person({ chat: c })));
    const key = randomUUID();
    await send('receipt', people, key);
    await send('receipt', people, key);
    // A dispatcher plans and leases the deliveries, then dies before sending any.
    await planDueMessages(s.em(), s.policy, s.now(), 100);
    const leased = await leaseDeliveries(s.em(), s.now(), 100, 60_000, ['telegram']);
    expect(leased.length).toBeGreaterThanOrEqual(12);
    await s.drain();
    expect(s.telegram.sent.filter((m) => chats.includes(m.chatId))).toHaveLength(0);
    // Its lease runs out; another process takes the rows and sends each once.
    await s.restart();
    s.advance(61_000);
    await s.drain();
    await s.restart();
    s.advance(61_000);
    await s.drain();
    const counts = chats.map((c) => s.telegram.sent.filter((m) => m.chatId === c).length);
    expect(counts).toEqual(chats.map(() => 1));
  });
});

async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met within 15 s');
}
