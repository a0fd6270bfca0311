// The notifications' real surroundings for a test file: the API served over HTTP (the bot's
// webhook and the gateway's reports come in through it), the local Bot API server, the SMS
// gateway's sandbox, the mail catcher, the notifications dispatcher with a clock the test moves
// forward, and the mail outbox's dispatcher that sends its mail.
import { randomInt, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { EntityManager } from '@mikro-orm/postgresql';
import { startOutboxDispatcher } from '../../activities/mail/dispatcher.ts';
import { startNotificationDispatcher } from '../../activities/notifications/dispatcher.ts';
import { executeBound } from '../../db/sql.ts';
import {
  type NotificationPolicyOverrides,
  resolveNotificationPolicy,
} from '../../domain/notifications/policy.ts';
import { fitSms } from '../../domain/notifications/sms.ts';
import { createMailer, startMailCatcher } from '../../platform/mail.ts';
import { createSmsSender } from '../../platform/notifications/sms.ts';
import { startSmsSandbox } from '../../platform/notifications/sms-sandbox.ts';
import { createTelegramSender } from '../../platform/notifications/telegram.ts';
import { startTelegramServer } from '../../platform/notifications/telegram-server.ts';
import { createTestApp } from '../support/app.ts';

export async function startNotificationStack(overrides: NotificationPolicyOverrides = {}) {
  const callbackSecret = `cb-${randomUUID()}`;
  const webhookSecret = `wh-${randomUUID()}`;
  const telegram = await startTelegramServer();
  const sms = await startSmsSandbox({ callbackSecret });
  const mail = await startMailCatcher({ port: 0 });
  const t = await createTestApp({
    withTemporal: false,
    env: {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_URL: telegram.url,
      TELEGRAM_BOT_USERNAME: telegram.username,
      TELEGRAM_WEBHOOK_SECRET: webhookSecret,
      SMS_CALLBACK_SECRET: callbackSecret,
      // The API sends phone codes itself, to the same gateway.
      SMS_GATEWAY_URL: sms.url,
      SMS_GATEWAY_TOKEN: sms.token,
      NOTIFICATIONS_POLICY: JSON.stringify(overrides),
    },
  });
  const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const policy = resolveNotificationPolicy(overrides);
  const orm = t.deps.orm;
  const mailer = createMailer({ mail: { smtpUrl: mail.url } });
  let offsetMs = 0;
  const clock = () => new Date(Date.now() + offsetMs);
  const adapters = {
    telegram: createTelegramSender({ token: telegram.token, apiUrl: telegram.url }, policy.telegram),
    sms: createSmsSender(
      {
        url: sms.url,
        token: sms.token,
        sender: 'MeningUyim',
        callbackUrl: `${apiUrl}/api/v1/notifications/sms/reports`,
      },
      (m) => fitSms(`${m.subject}. ${m.body}`, policy.smsMaxSegments, m.link),
    ),
  };
  const outbox = startOutboxDispatcher({
    orm,
    mailer,
    from: 'Mening Uyim <no-reply@meninguyim.uz>',
    intervalMs: 60_000,
  });
  const startDispatcher = () =>
    startNotificationDispatcher({ orm, policy, adapters, clock, intervalMs: 60_000 });
  let dispatcher = startDispatcher();
  await webhookSet(
    telegram.url,
    telegram.token,
    `${apiUrl}/api/v1/notifications/telegram/webhook`,
    webhookSecret,
  );

  const em = () => orm.em.fork() as EntityManager;
  const lastCodeTo = (phone: string): string => {
    const texts = sms.received.filter((m) => m.to === phone.replace(/^\+/, '')).map((m) => m.text);
    const code = /\b(\d{6})\b/.exec(texts.at(-1) ?? '')?.[1];
    if (!code) throw new Error(`no code was sent to ${phone}`);
    return code;
  };
  return {
    t,
    apiUrl,
    telegram,
    sms,
    mail,
    policy,
    orm,
    em,
    webhookSecret,
    advance(ms: number) {
      offsetMs += ms;
    },
    now: clock,
    /** Passes of both dispatchers until neither has anything left to do now. */
    async drain() {
      let total = 0;
      for (;;) {
        total += await dispatcher.drain();
        const mailed = await outbox.drain();
        total += mailed;
        if (mailed === 0) return total;
      }
    },
    /** The notifications dispatcher alone: mail waits in the outbox. */
    drainNotifications: () => dispatcher.drain(),
    drainMail: () => outbox.drain(),
    /** A new dispatcher process, as after a restart. */
    async restart() {
      await dispatcher.stop();
      dispatcher = startDispatcher();
    },
    /**
     * Proves a number as a person does: asks for a code, reads it from the SMS the gateway got,
     * types it. Resolves to the answer of the last step.
     */
    async verifyPhone(token: string, phone: string): Promise<Response> {
      const call = (path: string, body: object, key?: string) =>
        fetch(`${apiUrl}/api/v1/notifications${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            ...(key ? { 'idempotency-key': key } : {}),
          },
          body: JSON.stringify(body),
        });
      const asked = await call('/phone/verification', { phone }, `code-${randomUUID()}`);
      if (asked.status !== 202) throw new Error(`code for ${phone}: ${asked.status} ${await asked.text()}`);
      const code = lastCodeTo(phone);
      return call('/phone/verification/code', { code });
    },
    /** The digits of the last code the gateway got for this number. */
    lastCodeTo,
    async person(
      contacts: { email?: string; phone?: string; chat?: string; optOut?: boolean; order?: string[] } = {},
    ) {
      const id = randomUUID();
      const pinfl = String(randomInt(10 ** 13, 10 ** 14 - 1)).padStart(14, '1');
      await executeBound(
        em(),
        'insert into person (id, pinfl, full_name, language, email) values ($1, $2, $3, $4, $5)',
        [id, pinfl, `Owner ${pinfl.slice(-4)}`, 'uz', contacts.email ?? null],
      );
      if (contacts.phone || contacts.chat || contacts.optOut || contacts.order)
        await executeBound(
          em(),
          // A fixture's phone is one its owner already proved (tests/notifications/phone.test.ts
          // proves numbers the way a person does).
          `insert into notification_preference (person_id, channel_order, language, opt_out, phone, phone_verified_at, telegram_chat_id, unreachable, updated_at)
           values ($1, $2::jsonb, 'uz', $3, $4, $6::timestamptz, $5, '[]'::jsonb, now())`,
          [
            id,
            JSON.stringify(contacts.order ?? []),
            contacts.optOut ?? false,
            contacts.phone ?? null,
            contacts.chat ?? null,
            contacts.phone ? new Date() : null,
          ],
        );
      return id;
    },
    async close() {
      await dispatcher.stop();
      await outbox.stop();
      mailer.close();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
      await Promise.all([telegram.close(), sms.close(), mail.stop()]);
    },
  };
}

async function webhookSet(root: string, token: string, url: string, secret: string) {
  const res = await fetch(`${root}/bot${token}/setWebhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, secret_token: secret }),
  });
  if (!res.ok) throw new Error(`setWebhook: ${res.status}`);
}

export type NotificationStack = Awaited<ReturnType<typeof startNotificationStack>>;

export const texts = (subject: string) => ({
  uz: { subject, body: `${subject} (uz)`, link: 'https://portal.example/?open=meeting:1' },
  ru: { subject, body: `${subject} (ru)` },
  en: { subject, body: `${subject} (en)` },
});

export async function deliveriesOf(em: EntityManager, personId: string) {
  return executeBound<{ channel: string; state: string; status: string; events: string[] }>(
    em,
    `select d.channel, d.state, m.status,
            (select array_agg(e.state order by array_position(array['queued','sent','delivered','failed','bounced'], e.state)) from notification_delivery_event e where e.delivery_id = d.id) as events
       from notification_delivery d join notification_message m on m.id = d.message_id
      where m.person_id = $1 order by d.queued_at`,
    [personId],
  );
}

export async function messageOf(em: EntityManager, personId: string) {
  const [row] = await executeBound<{ status: string; skipped: string | null; route: string[] | null }>(
    em,
    'select status, skipped, route from notification_message where person_id = $1',
    [personId],
  );
  return row;
}
