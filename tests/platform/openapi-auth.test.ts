// Walks the served OpenAPI document: every operation that declares the bearer scheme answers 401
// without a token, and with one that does not verify, in the error format the document declares
// for its 401 (problem+json; Open311's error array under /open311/v2). Path, query and header
// parameters get syntactically valid values and no body is sent, so a 400 or 404 here would mean
// an operation reads its input before it knows its caller. Public operations are those that
// declare an empty security list (`security: []`); their list is pinned below with the reason
// each is public, so a route cannot turn public by losing its declaration unnoticed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

interface Schema {
  type?: string;
  format?: string;
  enum?: string[];
  example?: unknown;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

const PUBLIC: Record<string, string> = {
  'GET /healthz': 'liveness probe for the orchestrator; says nothing about data',
  'GET /readyz': 'readiness probe for the orchestrator; names only which dependency is down',
  'GET /api/v1/meetings/protocols/verify': 'anyone holding a protocol may check its hash',
  'GET /api/v1/register/organizations': 'the register of management organizations is public',
  'GET /api/v1/register/organizations/{orgId}/history': 'so is each entry’s history',
  'GET /open311/v2/services.json': 'Open311 lists its services to anyone',
  'GET /open311/v2/services/{service_code}.json': 'and describes each of them to anyone',
  // The payment providers authenticate in their own protocols, not with our tokens.
  'POST /api/v1/payments/payme': 'Payme calls with Basic auth and the merchant key (−32504 without)',
  'POST /api/v1/payments/click/prepare': 'Click signs each call with the secret key (−1 without)',
  'POST /api/v1/payments/click/complete': 'Click signs each call with the secret key (−1 without)',
  'POST /api/v1/notifications/telegram/webhook':
    'Telegram authenticates each update with the webhook secret token header (401 without)',
  // Mounted only in development (the dev token issuer); absent in production, see http.test.ts.
  'GET /dev/personas': 'development only: the demo personas',
  'POST /dev/token': 'development only: tokens for the demo personas',
  'GET /dev/mail': 'development only: the mail the demo caught',
  'GET /dev/personas/{key}/mailboxes': 'development only: the addresses a demo persona reads',
};

const UUID = '0195f3a0-8c1e-7000-8000-00000000f00d';

/** A value the parameter's schema accepts: its first enum value, a UUID, its example, or a word. */
function dummy(p: Parameter): string {
  const s = p.schema ?? {};
  if (s.enum?.length) return s.enum[0]!;
  if (s.format === 'uuid') return UUID;
  if (s.type === 'integer' || s.type === 'number') return '1';
  if (typeof s.example === 'string') return s.example;
  return 'x';
}

let t: TestApp;
let doc: Document;
beforeAll(async () => {
  t = await createTestApp();
  doc = (await (await t.app.request('/openapi.json')).json()) as Document;
});
afterAll(() => t.close());

function operations() {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      name: `${method.toUpperCase()} ${path}`,
      method,
      path,
      op,
    })),
  );
}

const secured = (op: Operation) => (op.security ?? []).some((s) => Object.keys(s).length > 0);

/** The request an operation's parameters describe, filled with dummies, with no body. */
function requestFor(method: string, path: string, op: Operation, authorization?: string): Request {
  const params = op.parameters ?? [];
  const url = new URL(
    path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(
        dummy(params.find((p) => p.in === 'path' && p.name === name) ?? { name, in: 'path' }),
      ),
    ),
    'http://localhost',
  );
  const headers = new Headers();
  for (const p of params.filter((x) => x.required)) {
    if (p.in === 'query') url.searchParams.set(p.name, dummy(p));
    if (p.in === 'header') headers.set(p.name, dummy(p));
  }
  if (authorization) headers.set('Authorization', authorization);
  return new Request(url, { method: method.toUpperCase(), headers });
}

/** What is wrong with the answer to a request without a usable token, or null. */
async function refusalFault(op: Operation, res: Response): Promise<string | null> {
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== 401) return `answered ${res.status}: ${text.slice(0, 200)}`;
  const declared = Object.keys(op.responses?.['401']?.content ?? {});
  if (declared.length === 0) return 'declares no 401 response';
  if (!declared.some((d) => type.startsWith(d))) return `answered ${type}, declares ${declared.join(', ')}`;
  const body = JSON.parse(text) as unknown;
  if (type.startsWith('application/problem+json')) {
    const p = body as { status?: number; detail?: string };
    if (p.status !== 401 || !/token/.test(p.detail ?? '')) return `problem does not name the token: ${text}`;
    if (!/^Bearer /.test(res.headers.get('www-authenticate') ?? '')) return 'no Bearer challenge';
  } else if (!(Array.isArray(body) && body.length > 0 && body.every((e) => e?.code === 401))) {
    return `not an Open311 error array with code 401: ${text}`;
  }
  return null;
}

/**
 * Public to our tokens but guarded by a secret of their own protocol, which they refuse without
 * (401 problem+json, tested with their capability: tests/notifications/api.test.ts).
 */
const OWN_SECRET = new Set(['POST /api/v1/notifications/telegram/webhook']);

describe('the OpenAPI document and authentication', () => {
  it('lists exactly the public operations named here; all others declare the bearer scheme', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(80);
    const open = ops.filter((o) => !secured(o.op)).map((o) => o.name);
    expect(open.sort()).toEqual(Object.keys(PUBLIC).sort());
    for (const o of ops.filter((x) => secured(x.op))) expect(o.op.security, o.name).toEqual([{ bearer: [] }]);
  });

  it('every secured operation answers 401 without a token, in its declared error format', async () => {
    const faults: string[] = [];
    const ops = operations().filter((o) => secured(o.op));
    for (const { name, method, path, op } of ops) {
      const fault = await refusalFault(op, await t.app.request(requestFor(method, path, op)));
      if (fault) faults.push(`${name}: ${fault}`);
    }
    expect(faults).toEqual([]);
  });

  it('every secured operation answers 401 to a token that does not verify', async () => {
    const faults: string[] = [];
    for (const { name, method, path, op } of operations().filter((o) => secured(o.op))) {
      const res = await t.app.request(requestFor(method, path, op, 'Bearer not.a.jwt'));
      const fault = await refusalFault(op, res);
      if (fault) faults.push(`${name}: ${fault}`);
    }
    expect(faults).toEqual([]);
  });

  it('every public operation answers without a token', async () => {
    const asked: string[] = [];
    for (const { name, method, path, op } of operations().filter((o) => !secured(o.op))) {
      if (OWN_SECRET.has(name)) continue;
      const res = await t.app.request(requestFor(method, path, op));
      await res.body?.cancel();
      if (res.status === 401 || res.status === 403) asked.push(`${name}: ${res.status}`);
    }
    expect(asked).toEqual([]);
  });
});
