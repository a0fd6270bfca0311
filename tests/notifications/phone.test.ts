// Phone verification: a +998 number carries SMS notices only once its owner typed the six-digit
// code the local SMS gateway got; a code works once, for a while and a few wrong tries; a person
// and a number get a few codes an hour; 401/403/400 around both routes, and the same
// Idempotency-Key sends no second SMS.
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPhoneCode,
  markPhoneCodeSent,
  requestPhoneCode,
} from '../../db/notifications/phone-verification.ts';
import { type NotificationStack, startNotificationStack } from './harness.ts';

let s: NotificationStack;
let resident: string;
let manager: string;
beforeAll(async () => {
  s = await startNotificationStack();
  [resident, manager] = await Promise.all([s.t.tokenFor('resident'), s.t.tokenFor('manager')]);
});
afterAll(async () => {
  await s?.close();
});

const number = () => `+99893${String(randomInt(0, 1e7)).padStart(7, '0')}`;
const post = (path: string, body: unknown, o: { token?: string; key?: string } = {}) =>
  fetch(`${s.apiUrl}/api/v1/notifications${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...(o.key ? { 'idempotency-key': o.key } : {}),
    },
    body: JSON.stringify(body),
  });
const askCode = (token: string, phone: string, key = `code-${randomUUID()}`) =>
  post('/phone/verification', { phone }, { token, key });
const typeCode = (token: string, code: string) => post('/phone/verification/code', { code }, { token });
const smsTo = (phone: string) => s.sms.received.filter((m) => m.to === phone.slice(1));
const problem = async (res: Response) =>
  (await res.json()) as { code?: string; attemptsLeft?: number; errors?: { field: string }[] };
const readPrefs = async (token: string) =>
  (await (
    await fetch(`${s.apiUrl}/api/v1/notifications/preferences`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as { phone: string | null; phoneVerified: boolean };

describe('phone verification', () => {
  it('401 without a token, 403 for another role, 400 without a key or with a bad number or code', async () => {
    const phone = number();
    expect((await post('/phone/verification', { phone }, { key: 'code-key-0001' })).status).toBe(401);
    expect((await askCode(manager, phone)).status).toBe(403);
    expect((await post('/phone/verification/code', { code: '123456' })).status).toBe(401);
    expect((await typeCode(manager, '123456')).status).toBe(403);
    expect((await post('/phone/verification', { phone }, { token: resident })).status).toBe(400);
    const foreign = await askCode(resident, '+7 900 123 45 67');
    expect(foreign.status).toBe(400);
    expect((await problem(foreign)).errors?.map((e) => e.field)).toContain('phone');
    const short = await typeCode(resident, '12a45');
    expect(short.status).toBe(400);
    expect((await problem(short)).errors?.map((e) => e.field)).toContain('body.code');
    // Nothing was sent by any of them.
    expect(smsTo(phone)).toHaveLength(0);
  });

  it('sends one code per key, refuses a wrong one, and the right one makes the number the SMS number', async () => {
    const phone = number();
    const key = `code-${randomUUID()}`;
    const first = await askCode(resident, phone, key);
    expect(first.status).toBe(202);
    const sent = (await first.json()) as { phone: string; expiresAt: string };
    expect(sent.phone).not.toContain(phone.slice(6, 11));
    expect(Date.parse(sent.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(smsTo(phone)).toHaveLength(1);
    // In the resident's language, which other tests of this database may have changed.
    expect(smsTo(phone)[0]?.text).toContain(s.lastCodeTo(phone));
    // The client's retry under the same key is the same request: no second SMS.
    expect((await askCode(resident, phone, key)).status).toBe(202);
    expect(smsTo(phone)).toHaveLength(1);
    // The same key with another number is another request.
    expect((await askCode(resident, number(), key)).status).toBe(409);

    const code = s.lastCodeTo(phone);
    const wrong = await typeCode(resident, code === '000000' ? '000001' : '000000');
    expect(wrong.status).toBe(422);
    expect(await problem(wrong)).toMatchObject({ code: 'notifications.code_wrong', attemptsLeft: 4 });
    expect((await readPrefs(resident)).phoneVerified).toBe(false);

    const right = await typeCode(resident, code);
    expect(right.status).toBe(200);
    expect(await right.json()).toMatchObject({ phone, phoneVerified: true });
    // Typed again (a retry): the same answer, nothing more changes.
    expect((await typeCode(resident, code)).status).toBe(200);
  });

  it('stops a code after the allowed wrong tries, even the right one', async () => {
    const phone = number();
    expect((await askCode(resident, phone)).status).toBe(202);
    const code = s.lastCodeTo(phone);
    const wrongCode = code === '999999' ? '999998' : '999999';
    for (let left = 4; left >= 0; left--) {
      const res = await typeCode(resident, wrongCode);
      expect(await problem(res)).toMatchObject({ code: 'notifications.code_wrong', attemptsLeft: left });
    }
    const late = await typeCode(resident, code);
    expect(late.status).toBe(422);
    expect((await problem(late)).code).toBe('notifications.code_exhausted');
    expect((await readPrefs(resident)).phone).not.toBe(phone);
  });

  it('expires a code after the policy time', async () => {
    const person = await s.person();
    const now = new Date();
    const asked = await requestPhoneCode(
      s.em(),
      { personId: person, phone: number(), key: 'expiry-1', requestSha256: 'a'.repeat(64) },
      { minutes: s.policy.phoneCodeMinutes, perHour: 3 },
      now,
    );
    if (asked.kind !== 'send' || !asked.code.code) throw new Error('no code');
    await markPhoneCodeSent(s.em(), asked.code.id, now);
    const after = new Date(now.getTime() + s.policy.phoneCodeMinutes * 60_000);
    expect(await checkPhoneCode(s.em(), person, asked.code.code, 5, after)).toMatchObject({
      verdict: 'expired',
    });
    const before = new Date(after.getTime() - 1000);
    expect(await checkPhoneCode(s.em(), person, asked.code.code, 5, before)).toMatchObject({
      verdict: 'verified',
    });
  });

  it('sends a person, and a number, at most three codes an hour (429 with Retry-After)', async () => {
    // resident asked for two codes above (no other file asks for this persona's); the third is the last this hour.
    const phone = number();
    expect((await askCode(resident, phone)).status).toBe(202);
    const fourth = await askCode(resident, number());
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await problem(fourth)).code).toBe('notifications.too_many_codes');
    // A number gets three an hour whoever asks: a stranger cannot flood it from several accounts.
    // (Other people than the demo residents, whose hourly counts other test files share.)
    const ask = async (key: string) =>
      requestPhoneCode(
        s.em(),
        { personId: await s.person(), phone, key, requestSha256: 'b'.repeat(64) },
        { minutes: 10, perHour: 3 },
        new Date(),
      );
    expect((await ask('number-1')).kind).toBe('send');
    expect((await ask('number-2')).kind).toBe('send');
    expect(await ask('number-3')).toMatchObject({ kind: 'wait' });
  });
});
