// A channel that keeps saying "later" has failed: an SMS gateway down for longer than the policy's
// tries is given up on, the delivery is recorded failed, and the legal notice falls back to mail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueueMailing } from '../../db/notifications/repository.ts';
import { deliveriesOf, messageOf, type NotificationStack, startNotificationStack, texts } from './harness.ts';

let s: NotificationStack;
beforeAll(async () => {
  s = await startNotificationStack({ maxTries: 3 });
});
afterAll(async () => {
  await s?.close();
});

it('fails an SMS delivery after the configured tries and sends the notice by mail instead', async () => {
  const number = `+99893${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const email = `${randomUUID()}@example.uz`;
  const person = await s.person({ phone: number, email, order: ['sms', 'email'] });
  s.sms.down();
  await enqueueMailing(
    s.em(),
    {
      kind: 'debt_claim',
      texts: texts('Qarzdorlik'),
      idempotencyKey: randomUUID(),
      recipients: [{ personId: person }],
    },
    s.now(),
  );
  for (let i = 0; i < 2; i++) {
    await s.drain();
    expect((await deliveriesOf(s.em(), person)).map((d) => [d.channel, d.state])).toEqual([
      ['sms', 'queued'],
    ]);
    // The gateway's "later" is five seconds.
    s.advance(5000);
  }
  await s.drain();
  expect((await deliveriesOf(s.em(), person)).map((d) => [d.channel, d.state])).toEqual([
    ['sms', 'failed'],
    ['email', 'sent'],
  ]);
  expect((await messageOf(s.em(), person))?.status).toBe('done');
  expect(s.mail.messages().filter((m) => m.to.includes(email))).toHaveLength(1);
  expect(s.sms.received.filter((m) => m.to === number.slice(1))).toHaveLength(0);
});
