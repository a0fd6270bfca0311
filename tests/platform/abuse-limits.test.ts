// Abuse limits: writes per client address and per token, sign-ins per address, counted in
// PostgreSQL so two API instances share one count; 429 problem+json with Retry-After (Open311's
// array under /open311/v2); the body limit; and the security headers every answer carries.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const LIMITS = {
  RATE_LIMITS: 'true',
  TRUSTED_PROXY_HOPS: '1',
  RATE_LIMIT_WRITES_PER_IP: '3',
  RATE_LIMIT_WRITES_PER_TOKEN: '2',
  RATE_LIMIT_LOGIN_PER_IP: '2',
  RATE_LIMIT_WINDOW_SECONDS: '600',
  BODY_LIMIT_BYTES: '4096',
};

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  // Two instances over one database, as behind a load balancer.
  [a, b] = await Promise.all([
    createTestApp({ withTemporal: false, env: LIMITS }),
    createTestApp({ withTemporal: false, env: LIMITS }),
  ]);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

/** A client address of its own per test, so tests and parallel files never share a count. */
const newAddress = () => `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

function write(t: TestApp, address: string, o: { token?: string; path?: string } = {}) {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Forwarded-For': `203.0.113.9, ${address}`,
    'Idempotency-Key': `limit-${randomUUID()}`,
  };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  return t.app.request(o.path ?? '/api/v1/appeals', { method: 'POST', headers, body: '{}' });
}

async function expectLimited(res: Response, words: RegExp) {
  const body = await problem(res, 429, { detail: words });
  const retry = Number(res.headers.get('retry-after'));
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(600);
  return body;
}

describe('rate limits', () => {
  it('refuses the writes from one address past its limit, counted across instances, and no other address', async () => {
    const address = newAddress();
    for (const t of [a, b, a]) expect((await write(t, address)).status).toBe(401);
    await expectLimited(await write(b, address), /writes from this address.*at most 3 per 600 s/);
    expect((await write(a, newAddress())).status).toBe(401);
  });

  it('refuses the writes with one token past its limit, whatever the address', async () => {
    const tokenOf = () =>
      a.deps.dev!.issuer.sign({ sub: randomUUID(), name: 'Resident', roles: ['resident'] });
    const token = await tokenOf();
    for (let i = 0; i < 2; i++) expect((await write(a, newAddress(), { token })).status).toBe(400);
    await expectLimited(await write(a, newAddress(), { token }), /writes with this token/);
    expect((await write(a, newAddress(), { token: await tokenOf() })).status).toBe(400);
  });

  it("leaves the payment providers' calls alone: they come from a few addresses at their customers' rate", async () => {
    const address = newAddress();
    for (let i = 0; i < 6; i++) {
      const res = await write(a, address, { path: '/api/v1/payments/payme' });
      expect(res.status).not.toBe(429);
    }
    await expectLimited(
      await (async () => {
        for (let i = 0; i < 3; i++) await write(a, address);
        return write(a, address);
      })(),
      /writes from this address/,
    );
  });

  it('leaves reads alone', async () => {
    const address = newAddress();
    for (let i = 0; i < 6; i++) {
      const res = await a.app.request('/api/v1/register/organizations', {
        headers: { 'X-Forwarded-For': address },
      });
      expect(res.status).toBe(200);
    }
  });

  it('limits sign-ins per address', async () => {
    const address = newAddress();
    const signIn = () =>
      a.app.request('/dev/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
        body: JSON.stringify({ persona: 'resident' }),
      });
    for (let i = 0; i < 2; i++) expect((await signIn()).status).toBe(200);
    await expectLimited(await signIn(), /sign-ins from this address/);
  });

  it("answers Open311 clients in Open311's error format", async () => {
    const address = newAddress();
    for (let i = 0; i < 3; i++) await write(a, address, { path: '/open311/v2/requests.json' });
    const res = await write(a, address, { path: '/open311/v2/requests.json' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await res.json()).toEqual([{ code: 429, description: expect.stringMatching(/too many writes/) }]);
  });

  it('says the limit and what is left on each counted answer', async () => {
    const res = await write(a, newAddress());
    expect(res.headers.get('ratelimit')).toMatch(/limit=3, remaining=2, reset=\d+/);
  });

  it('is off unless configured so in tests, and on by default elsewhere', async () => {
    const off = await createTestApp({ withTemporal: false });
    try {
      const address = newAddress();
      for (let i = 0; i < 5; i++) expect((await write(off, address)).status).toBe(401);
    } finally {
      await off.close();
    }
  });
});

describe('request size', () => {
  it('refuses a body over BODY_LIMIT_BYTES with 413 on every route, development ones included', async () => {
    const big = JSON.stringify({ persona: 'x'.repeat(5000) });
    for (const path of ['/api/v1/appeals', '/dev/token']) {
      const res = await a.app.request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': newAddress() },
        body: big,
      });
      await problem(res, 413, { detail: 'exceeds 4096 bytes' });
    }
  });
});

describe('security headers', () => {
  it('every answer forbids sniffing and carries a CSP that loads scripts from this origin only', async () => {
    for (const path of ['/healthz', '/api/v1/buildings', '/docs', '/', '/no-such-page']) {
      const res = await a.app.request(path);
      await res.body?.cancel();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'self'");
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
    }
  });

  it('lets the portals named in FRAME_ANCESTORS frame the pages', async () => {
    const t = await createTestApp({
      withTemporal: false,
      env: { FRAME_ANCESTORS: 'https://my.gov.uz, https://portal.example.uz' },
    });
    try {
      const res = await t.app.request('/');
      await res.body?.cancel();
      expect(res.headers.get('content-security-policy')).toContain(
        "frame-ancestors 'self' https://my.gov.uz https://portal.example.uz",
      );
      // X-Frame-Options cannot name a list; browsers that know CSP follow frame-ancestors.
      expect(res.headers.get('x-frame-options')).toBeNull();
    } finally {
      await t.close();
    }
  });
});
