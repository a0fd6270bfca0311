// The resident hears of their request where they chose: each step (received, accepted, on the
// way, done and asked to confirm) goes through notifications, so a resident who prefers Telegram
// gets them from the bot (the local Bot API server) and not by mail, once each.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Person } from '../../db/registry/entities.ts';
import { executeBound } from '../../db/sql.ts';
import { startTelegramServer, type TelegramServer } from '../../platform/notifications/telegram-server.ts';
import { ok, until } from '../register/api-fixtures.ts';
import {
  classification,
  type DispatchEnv,
  mailsTo,
  newScene,
  onDuty,
  startDispatchEnv,
  step,
  submit,
} from './fixtures.ts';

let env: DispatchEnv;
let telegram: TelegramServer;
beforeAll(async () => {
  telegram = await startTelegramServer();
  // Clocks long enough that no reminder or escalation interleaves.
  env = await startDispatchEnv(
    { containEmergencyMinutes: 60, inspectionAfterMinutes: 60, autoCloseMinutes: 60 },
    { env: { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_URL: telegram.url } },
  );
}, 120_000);
afterAll(async () => {
  await env?.stop();
  await telegram?.close();
});

describe('dispatch notices through notifications', () => {
  it('tells a resident who prefers Telegram each step of their request there, once each, and mails none', async () => {
    const s = await newScene(env);
    const person = await env.em().findOneOrFail(Person, { email: s.org.ownerEmail });
    const chat = String(randomInt(100_000, 999_999_999));
    await executeBound(
      env.em(),
      `insert into notification_preference (person_id, channel_order, language, opt_out, telegram_chat_id, unreachable, updated_at)
       values ($1, '["telegram"]'::jsonb, 'en', false, $2, '[]'::jsonb, now())`,
      [person.id, chat],
    );
    await ok(await onDuty(env, s), 201);
    env.triage.next = classification('water_leak', 'urgent');
    const r = await submit(env, s);
    const told = () => telegram.sent.filter((m) => m.chatId === chat).map((m) => m.text);
    const waitFor = (what: RegExp) =>
      until(`told: ${what}`, async () => (told().some((t) => what.test(t)) ? true : undefined), 30_000);
    await waitFor(/Request received/);
    // Each step is read by the workflow before the next, so none is folded into the next one.
    for (const [type, said] of [
      ['accept', /accepted by a technician/],
      ['on_the_way', /on the way/],
    ] as const) {
      await ok(await step(env, s.tech, r.id, { type }));
      await waitFor(said);
    }
    await ok(await step(env, s.tech, r.id, { type: 'on_site' }));
    await ok(await step(env, s.tech, r.id, { type: 'done', note: 'pipe replaced' }));
    await waitFor(/is done/);
    const texts = told();
    for (const said of [/Request received/, /accepted by a technician/, /on the way/, /is done/])
      expect(
        texts.filter((t) => said.test(t)),
        String(said),
      ).toHaveLength(1);
    expect(texts.find((t) => /is done/.test(t))).toContain('Please confirm or reject it');
    expect(mailsTo(env, s.org.ownerEmail)).toEqual([]);
  }, 90_000);
});
