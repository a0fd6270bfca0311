// A resident's test message: one non-legal message by the first reachable channel of their
// order, sent by the dispatcher to the local SMS gateway; the same Idempotency-Key sends nothing
// more; 401/403 for others, 400 without a key, 422 when nothing reaches the caller.
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationStack, startNotificationStack } from './harness.ts';

let s: NotificationStack;
let resident: string;
let manager: string;
beforeAll(async () => {
  s = await startNotificationStack();
  resident = await s.t.tokenFor('resident2');
  manager = await s.t.tokenFor('manager');
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
const prefs = (body: object) =>
  api('/preferences', {
    method: 'PUT',
    token: resident,
    key: `p-${randomUUID()}`,
    body: JSON.stringify(body),
  });

describe('test message', () => {
  it('401 without a token, 403 for another role, 400 without an Idempotency-Key', async () => {
    expect((await api('/test-message', { method: 'POST', key: 'test-msg-0001' })).status).toBe(401);
    expect(
      (await api('/test-message', { method: 'POST', token: manager, key: 'test-msg-0001' })).status,
    ).toBe(403);
    expect((await api('/test-message', { method: 'POST', token: resident })).status).toBe(400);
  });

  it('sends one message by SMS, the first reachable channel of the order, once per key', async () => {
    const phone = `+99891${String(randomInt(0, 1e7)).padStart(7, '0')}`;
    expect((await prefs({ order: ['telegram', 'sms'], language: 'ru', optOut: false, phone })).status).toBe(
      200,
    );
    // A number carries messages only once its owner typed the code sent to it.
    const unverified = await api('/test-message', {
      method: 'POST',
      token: resident,
      key: `test-${randomUUID()}`,
    });
    expect(unverified.status).toBe(422);
    expect((await s.verifyPhone(resident, phone)).status).toBe(200);
    const key = `test-${randomUUID()}`;
    const first = await api('/test-message', { method: 'POST', token: resident, key });
    expect(first.status).toBe(202);
    const body = (await first.json()) as { mailingId: string; channel: string };
    expect(body.channel).toBe('sms');
    await s.drain();
    const mine = () => s.sms.received.filter((m) => m.to === phone.slice(1) && !/\b\d{6}\b/.test(m.text));
    expect(mine()).toHaveLength(1);
    expect(mine()[0]?.text).toContain('тестовое сообщение');
    const again = await api('/test-message', { method: 'POST', token: resident, key });
    expect(again.status).toBe(202);
    expect(((await again.json()) as { mailingId: string }).mailingId).toBe(body.mailingId);
    await s.drain();
    expect(mine()).toHaveLength(1);
  });

  it('is 422 when the caller opted out, naming the order', async () => {
    const phone = `+99891${String(randomInt(0, 1e7)).padStart(7, '0')}`;
    expect((await prefs({ order: ['sms'], language: 'uz', optOut: true, phone })).status).toBe(200);
    const res = await api('/test-message', { method: 'POST', token: resident, key: `test-${randomUUID()}` });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('order');
  });
});
