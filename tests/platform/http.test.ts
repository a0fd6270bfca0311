// Cross-cutting HTTP behaviour: health and readiness, the OpenAPI document and docs UI, CORS,
// request ids, the development-only routes, the widget bundle, and JWKS-based verification.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../api/auth/verifier.ts';
import { listen } from '../../api/server.ts';
import { problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { CORS_ORIGINS: 'https://my.gov.uz, https://portal.example.uz' } });
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('/healthz answers without auth', async () => {
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz reports PostgreSQL and Temporal reachable', async () => {
    const res = await t.app.request('/readyz');
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(res.status).toBe(200);
    expect(body.checks.database?.ok).toBe(true);
    expect(body.checks.temporal?.ok).toBe(true);
  });

  it('/readyz is 503 when Temporal is missing', async () => {
    const noTemporal = await createTestApp({ withTemporal: false });
    const res = await noTemporal.app.request('/readyz');
    await noTemporal.close();
    expect(res.status).toBe(503);
    const body = (await res.json()) as { checks: { temporal: { ok: boolean; error: string } } };
    expect(body.checks.temporal.ok).toBe(false);
  });

  it('every response carries a request id', async () => {
    const res = await t.app.request('/healthz');
    expect(res.headers.get('x-request-id')).toMatch(/.{8,}/);
    const echoed = await t.app.request('/healthz', { headers: { 'X-Request-Id': 'portal-abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('portal-abc-123');
  });
});

describe('OpenAPI', () => {
  it('serves a 3.1 document generated from the route schemas', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown; parameters?: { name: string }[] }>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    const building = doc.paths['/api/v1/buildings/{id}']?.get;
    expect(building?.security).toEqual([{ bearer: [] }]);
    expect(building?.parameters?.map((p) => p.name)).toContain('id');
    expect(doc.paths['/api/v1/buildings']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'districtId', 'conditionClass']),
    );
    expect(doc.components.securitySchemes.bearer).toBeDefined();
    expect(doc.components.schemas.Problem).toBeDefined();
    expect(doc.components.schemas.Building).toBeDefined();
  });

  it('serves the docs UI and its assets from our own origin', async () => {
    const html = await (await t.app.request('/docs')).text();
    expect(html).toContain('/docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    const asset = await t.app.request('/docs/assets/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
    expect((await asset.text()).length).toBeGreaterThan(100_000);
  });
});

describe('over a socket', () => {
  // Served by api/server.ts the frame writes its headers onto Node's response instead of the
  // finished fetch Response (api/frame.ts): the answers must read the same either way.
  it('answers carry the same request id, security and CORS headers as the app gives in-process', async () => {
    const server = await listen(t.app, '127.0.0.1', 0);
    try {
      const token = await t.tokenFor('resident');
      const cases: [string, Record<string, string>][] = [
        ['/healthz', {}],
        ['/api/v1/buildings', { Origin: 'https://my.gov.uz' }],
        ['/api/v1/buildings', { Origin: 'https://evil.example', Authorization: `Bearer ${token}` }],
        ['/api/v1/no-such-thing', { Origin: 'https://portal.example.uz' }],
        ['/docs', {}],
      ];
      const framed = (h: Headers) =>
        Object.fromEntries(
          [...h].filter(
            ([k]) => !['date', 'connection', 'keep-alive', 'content-length', 'x-request-id'].includes(k),
          ),
        );
      for (const [path, headers] of cases) {
        const over = await fetch(`${server.url}${path}`, {
          headers: { ...headers, 'X-Request-Id': 'sock-1' },
        });
        const inProcess = await t.app.request(path, { headers: { ...headers, 'X-Request-Id': 'sock-1' } });
        await over.body?.cancel();
        await inProcess.body?.cancel();
        expect(over.status, path).toBe(inProcess.status);
        expect(framed(over.headers), path).toEqual(framed(inProcess.headers));
        expect(over.headers.get('x-request-id'), path).toBe('sock-1');
        expect(over.headers.get('content-security-policy'), path).toContain("frame-ancestors 'self'");
      }
      const fresh = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'not an id!' } });
      await fresh.body?.cancel();
      expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await server.close();
    }
  });
});

describe('CORS', () => {
  it('allows listed portal origins only', async () => {
    const ok = await t.app.request('/api/v1/buildings', {
      method: 'OPTIONS',
      headers: { Origin: 'https://my.gov.uz', 'Access-Control-Request-Method': 'GET' },
    });
    // A preflight a browser accepts is answered 2xx, with what the real request may carry.
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://my.gov.uz');
    expect(ok.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(ok.headers.get('x-request-id')).toMatch(/\S/);
    const denied = await t.app.request('/api/v1/buildings', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(denied.status).toBeLessThan(500);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a listed origin on ordinary requests, refusals included, and varies on Origin', async () => {
    const ok = await t.app.request('/api/v1/buildings', { headers: { Origin: 'https://my.gov.uz' } });
    expect(ok.status).toBe(401);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://my.gov.uz');
    expect(ok.headers.get('access-control-expose-headers')).toBe(
      'X-Request-Id,Location,X-Content-SHA256,X-Document-Sha256,Retry-After,RateLimit,RateLimit-Policy',
    );
    expect(ok.headers.get('vary')).toBe('Origin');
    const denied = await t.app.request('/api/v1/buildings', { headers: { Origin: 'https://evil.example' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    expect(denied.headers.get('vary')).toBe('Origin');
  });
});

describe('development-only routes', () => {
  it('do not exist outside development', async () => {
    const prod = await createTestApp({ dev: false, withTemporal: false });
    const res = await prod.app.request('/dev/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona: 'admin' }),
    });
    const personas = await prod.app.request('/dev/personas');
    const portal = await prod.app.request('/');
    await prod.close();
    await problem(res, 404, { detail: 'no route for POST /dev/token' });
    await problem(personas, 404, { detail: 'no route for GET /dev/personas' });
    await problem(portal, 404, { detail: 'no route for GET /' });
  });

  it('reject an unknown persona and malformed JSON as 400 problems', async () => {
    const unknown = await t.app.request('/dev/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona: 'king' }),
    });
    await problem(unknown, 400, 'body.persona');
    const malformed = await t.app.request('/dev/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"persona":',
    });
    await problem(malformed, 400, 'body');
  });
});

describe('widget bundle', () => {
  it('is served at a stable path, cacheable and loadable from any portal', async () => {
    const res = await t.app.request('/widgets/mening-uyim.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toContain('max-age=300');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const tag = res.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await t.app.request('/widgets/mening-uyim.js', { headers: { 'If-None-Match': tag! } });
    expect(again.status).toBe(304);
  });

  it('serves the chunks the loader imports as immutable, gzip-compressed and to any portal', async () => {
    const loader = await (await t.app.request('/widgets/mening-uyim.js')).text();
    expect(loader.length).toBeLessThan(10_000);
    const chunk = loader.match(/\.\/(chunks\/building-card-[\w-]+\.js)/)?.[1];
    expect(chunk).toBeTruthy();
    const res = await t.app.request(`/widgets/${chunk}`, {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toContain('Accept-Encoding');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const plain = await t.app.request(`/widgets/${chunk}`);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toContain('MuBuildingCard');
  });
});

describe('token verification against a JWKS URL', () => {
  let server: Server;
  let url: string;
  let sign: (alg?: string) => Promise<string>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    sign = () =>
      new SignJWT({ roles: ['council'], district: 'd-1', name: 'Officer' })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
        .setSubject('user-7')
        .setIssuer('https://id.example.uz')
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('accepts the provider-signed token and maps claims to a principal', async () => {
    const verify = await createTokenVerifier({
      jwksUrl: url,
      algorithms: ['RS256'],
      issuer: 'https://id.example.uz',
    });
    expect(await verify(await sign())).toMatchObject({
      userId: 'user-7',
      roles: ['council'],
      districtId: 'd-1',
    });
  });

  it('rejects a wrong issuer and an algorithm not on the list', async () => {
    const wrongIssuer = await createTokenVerifier({
      jwksUrl: url,
      algorithms: ['RS256'],
      issuer: 'https://other',
    });
    expect(await wrongIssuer(await sign())).toHaveProperty('error');
    const esOnly = await createTokenVerifier({ jwksUrl: url, algorithms: ['ES256'] });
    expect(await esOnly(await sign())).toHaveProperty('error');
  });
});
