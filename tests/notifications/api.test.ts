// The notifications API: roles, bad input, Idempotency-Key, and a resident linking Telegram by
// the deep link's /start code through the real webhook.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationStack, startNotificationStack } from './harness.ts';

let s: NotificationStack;
let resident: string;
let council: string;
beforeAll(async () => {
  s = await startNotificationStack();
  resident = await s.t.tokenFor('resident');
  council = await s.t.tokenFor('council');
});
afterAll(async () => {
  await s?.close();
});

const api = (path: string, init: RequestInit & { token?: string; key?: string } = {}) =>
  fetch(`${s.apiUrl}/api/v1/notifications${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.key ? { 'idempotency-key': init.key } : {}),
    },
  });

describe('preferences', () => {
  it('needs a token (401) and the resident role (403)', async () => {
    const none = await api('/preferences');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    const other = await api('/preferences', { token: council });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { detail: string }).detail).toBe('this endpoint is for: resident');
  });

  it('refuses a phone that is not +998 and nine digits, naming the field (400)', async () => {
    const res = await api('/preferences', {
      method: 'PUT',
      token: resident,
      key: 'prefs-bad-phone-1',
      body: JSON.stringify({ order: ['sms'], language: 'ru', optOut: false, phone: '+7 900 123 45 67' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string }[] };
    expect(body.errors.map((e) => e.field)).toContain('phone');
  });

  it('requires an Idempotency-Key on the write', async () => {
    const res = await api('/preferences', {
      method: 'PUT',
      token: resident,
      body: JSON.stringify({ order: ['sms'], language: 'ru', optOut: false, phone: null }),
    });
    expect(res.status).toBe(400);
  });

  it('stores the order, language, opt-out and the phone in one form', async () => {
    const res = await api('/preferences', {
      method: 'PUT',
      token: resident,
      key: 'prefs-good-1',
      body: JSON.stringify({
        order: ['sms', 'email'],
        language: 'ru',
        optOut: true,
        phone: '+998 90 123-45-67',
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      order: ['sms', 'email'],
      language: 'ru',
      optOut: true,
      phone: '+998901234567',
    });
    const read = (await (await api('/preferences', { token: resident })).json()) as { phone: string };
    expect(read.phone).toBe('+998901234567');
  });

  it('answers a retried PUT as the write it repeats, and a reused Idempotency-Key with another body with 409', async () => {
    const key = `prefs-${randomUUID()}`;
    const first = { order: ['email', 'sms'], language: 'ru', optOut: false, phone: '+998 93 765 43 21' };
    const put = (body: object) =>
      api('/preferences', { method: 'PUT', token: resident, key, body: JSON.stringify(body) });
    expect((await put(first)).status).toBe(200);
    const again = await put(first);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      order: ['email', 'sms'],
      language: 'ru',
      phone: '+998937654321',
    });
    const other = await put({ ...first, language: 'uz', optOut: true });
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(((await other.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'idempotency-key',
    ]);
    const now = (await (await api('/preferences', { token: resident })).json()) as object;
    expect(now).toMatchObject({ language: 'ru', optOut: false });
  });
});

describe('Telegram link', () => {
  it('links the chat that sends /start with the one-time code, once', async () => {
    const res = await api('/telegram/link', { method: 'POST', token: resident, key: 'tg-link-1' });
    expect(res.status).toBe(201);
    const link = (await res.json()) as { url: string; code: string };
    expect(link.url).toBe(`https://t.me/${s.telegram.username}?start=${link.code}`);
    const before = s.telegram.sent.length;
    expect(await s.telegram.userSays('777001', `/start ${link.code}`)).toBe(200);
    await s.telegram.waitForSent(before + 1);
    expect(s.telegram.sent.at(-1)).toMatchObject({ chatId: '777001' });
    expect(s.telegram.sent.at(-1)?.text).toContain('аккаунт привязан');
    const prefs = (await (await api('/preferences', { token: resident })).json()) as {
      telegramLinked: boolean;
    };
    expect(prefs.telegramLinked).toBe(true);
    // The code is spent: another chat cannot take the account with it.
    await s.telegram.userSays('777002', `/start ${link.code}`);
    await s.telegram.waitForSent(before + 2);
    expect(s.telegram.sent.at(-1)).toMatchObject({ chatId: '777002' });
    expect(s.telegram.sent.at(-1)?.text).toContain('The link has expired or was used');
  });

  it('refuses a webhook call without the secret token', async () => {
    const res = await fetch(`${s.apiUrl}/api/v1/notifications/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong' },
      body: JSON.stringify({ update_id: 1 }),
    });
    expect(res.status).toBe(401);
  });
});
