// Walks the served OpenAPI document and sends every operation malformed input: parameters and
// bodies of the wrong type, huge strings and numbers, deep nesting, control characters, unknown
// fields, oversized and unparseable bodies, without a token and with the token of a role the
// operation names. Any 5xx, any answer that does not come, and any refusal that is not
// problem+json (Open311's error array under /open311/v2) is a fault. One request per operation
// and kind of malice, so the sweep stays fast while covering every operation the API has.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { UPLOAD_PATH } from '../../api/appeals/appeals.ts';
import { BANK_STATEMENT_PATH } from '../../api/billing/bank-statements.ts';
import { EVIDENCE_UPLOAD_PATH } from '../../api/register/evidence.ts';
import { IMPORT_MAX_BYTES, IMPORT_PATH_PREFIX } from '../../api/registry/import-routes.ts';
import { PHOTO_UPLOAD_PATH } from '../../api/reports/photos.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_IDS, DEMO_PERSONAS } from '../../db/seed/personas.ts';
import { TASK_QUEUES } from '../../platform/config.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase, withOrm } from '../support/database.ts';
import {
  countStrings,
  type Document,
  deepArrayJson,
  deepObject,
  mapLeaves,
  type Operation,
  type Parameter,
  SAMPLE_UUID,
  Samples,
  wrongType,
} from '../support/openapi-samples.ts';

/** Far above any honest answer under load; an answer later than this is a hang. */
const ANSWER_WITHIN_MS = 30_000;

let db: TestDatabase;
let t: TestApp;
let doc: Document;
let samples: Samples;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // A database of its own: whatever a malformed request manages to write stays out of the suite's.
  db = await createTestDatabase(inject('postgres'), 'fuzz');
  await withOrm(db.url, (orm) => seedDemo(orm, { seed: 20261124, apartments: 150 }));
  const idle = `fuzz-idle-${randomUUID()}`;
  t = await createTestApp({
    databaseUrl: db.url,
    // Telegram configured (never called: no update carries the secret), so its routes are swept too.
    env: {
      TELEGRAM_BOT_TOKEN: '123456:fuzz',
      TELEGRAM_WEBHOOK_SECRET: 'fuzz-secret',
      TELEGRAM_API_URL: 'http://127.0.0.1:9',
    },
    taskQueues: Object.fromEntries(Object.keys(TASK_QUEUES).map((q) => [q, idle])),
  });
  doc = (await (await t.app.request('/openapi.json')).json()) as Document;
  for (const p of DEMO_PERSONAS) tokens[p.key] = await t.tokenFor(p.key);
  samples = new Samples(doc, await realIds());
}, 180_000);
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

/**
 * Ids of real rows, by member name and by the collection a path's `{id}` follows, so requests get
 * past "no such building" to the code that writes. Rows whose steps are workflow updates (appeals,
 * contracts, commissioning) are left out: with no worker polling, an update would wait out its
 * deadline. Filing one appeal checks that a well-formed request does get through.
 */
async function realIds(): Promise<Record<string, string>> {
  const em = t.deps.orm.em.fork();
  const first = async (sql: string) =>
    ((await em.execute(`${sql} limit 1`)) as { id: string }[])[0]?.id ?? SAMPLE_UUID;
  const building = DEMO_IDS.building;
  const ids: Record<string, string> = {
    buildingId: building,
    apartmentId: DEMO_IDS.apartments.residentSole,
    districtId: await first(`select district_id as id from building where id = '${building}'`),
    organizationId: await first(
      `select management_organization_id as id from building where id = '${building}'`,
    ),
    orgId: DEMO_IDS.organizations.applicant,
    personId: DEMO_IDS.persons.resident,
    ownerId: DEMO_IDS.persons.resident,
    chairUserId: DEMO_IDS.users.resident,
    secretaryUserId: DEMO_IDS.users.resident2,
    coInitiatorUserId: DEMO_IDS.users.resident2,
    userId: DEMO_IDS.users.resident,
  };
  const filed = await t.app.request('/api/v1/appeals', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${tokens.resident}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `fuzz-${randomUUID()}`,
    },
    body: JSON.stringify({ category: 'lift', subject: { buildingId: building }, text: 'The lift is stuck' }),
  });
  expect(filed.status, await filed.clone().text()).toBe(201);
  const v1 = '/api/v1';
  Object.assign(ids, {
    [`${v1}/buildings`]: building,
    [`${v1}/districts`]: ids.districtId!,
    [`${v1}/meetings`]: await first('select id from meeting'),
    [`${v1}/register/applications`]: await first('select id from register_application'),
  });
  return ids;
}

/** The persona of the first role the operation's summary names; admin when it names none. */
function personaFor(op: Operation): string {
  const text = `${op.summary ?? ''} ${op.description ?? ''}`;
  const roles: [RegExp, string][] = [
    [/\b(resident|applicant|owners?)\b/, 'resident'],
    [/management_company|organization's staff|its staff|a party/, 'manager'],
    [/\bcouncil\b/, 'council'],
    [/\binspector\b/, 'inspector'],
    [/\bdeveloper\b/, 'developer'],
    [/\badmin\b/, 'admin'],
  ];
  const found = roles
    .map(([re, persona]) => ({ at: text.search(re), persona }))
    .filter((r) => r.at >= 0)
    .sort((a, b) => a.at - b.at);
  return found[0]?.persona ?? 'admin';
}

interface Variant {
  kind: string;
  /** Raw (already encoded) path parameter values. */
  path?: Record<string, string>;
  query?: [string, string][];
  headers?: Record<string, string>;
  body?: { type: string; text: string | Uint8Array } | null;
  /** A status the answer must have, beyond the general rules. */
  status?: number;
}

const params = (op: Operation, where: Parameter['in']) => (op.parameters ?? []).filter((p) => p.in === where);

function jsonBodySample(op: Operation, text?: (s: string) => unknown): unknown | undefined {
  const content = op.requestBody?.content ?? {};
  const json = Object.entries(content).find(([type]) => type.includes('json'));
  return json ? samples.sample(json[1].schema, text) : undefined;
}

function defaultBody(op: Operation): Variant['body'] {
  const content = op.requestBody?.content ?? {};
  if (Object.keys(content).some((type) => type.includes('json')))
    return { type: 'application/json', text: JSON.stringify(jsonBodySample(op)) };
  if (content['text/csv']) return { type: 'text/csv', text: 'cadastral_number,floors\n10:01:02:03:0045,5\n' };
  return null;
}

/** One byte over the route's body limit: files may be larger than other bodies (api/app.ts). */
function oversized(path: string): number {
  if (path === UPLOAD_PATH) return t.deps.config.appeals.policy.attachments.maxBytes + 1;
  if (path.startsWith(IMPORT_PATH_PREFIX)) return IMPORT_MAX_BYTES + 1;
  if (BANK_STATEMENT_PATH.test(path)) return t.deps.config.billing.bankStatementMaxBytes + 1;
  if (PHOTO_UPLOAD_PATH.test(path)) return t.deps.config.reports.policy.maxPhotoBytes + 1;
  if (EVIDENCE_UPLOAD_PATH.test(path)) return t.deps.config.register.policy.evidenceMaxBytes + 1;
  return t.deps.config.http.bodyLimitBytes + 1;
}

function variants(path: string, method: string, op: Operation): Variant[] {
  const out: Variant[] = [];
  const pathParams = params(op, 'path');
  const queryParams = params(op, 'query');
  const headerParams = params(op, 'header');
  const every = (ps: Parameter[], v: (p: Parameter) => string) =>
    ps.map((p) => [p.name, v(p)] as [string, string]);
  if (pathParams.length) {
    const each = (v: string) => Object.fromEntries(pathParams.map((p) => [p.name, v]));
    out.push({ kind: 'path: wrong type', path: each('not-a-uuid') });
    out.push({ kind: 'path: number out of range', path: each('-99999999999999999999') });
    out.push({ kind: 'path: control characters', path: each('a%00b%1Bc') });
    out.push({ kind: 'path: unpaired surrogate', path: each('%ED%A0%80') });
    out.push({ kind: 'path: huge', path: each('x'.repeat(4000)) });
  }
  if (queryParams.length) {
    out.push({ kind: 'query: wrong type', query: every(queryParams, () => 'ÿ-not-it') });
    out.push({ kind: 'query: number out of range', query: every(queryParams, () => '-1e400') });
    out.push({
      kind: 'query: control characters',
      query: every(queryParams, (p) => `${samples.param(p)}\u0000\u001b`),
    });
    out.push({ kind: 'query: huge', query: every(queryParams, () => 'x'.repeat(8000)) });
    out.push({
      kind: 'query: repeated and unknown',
      query: [
        ...every(queryParams, (p) => samples.param(p, '')),
        ...every(queryParams, () => 'again'),
        ['__proto__', 'x'],
      ],
    });
  }
  if (headerParams.length) {
    const each = (v: string) => Object.fromEntries(headerParams.map((p) => [p.name, v]));
    out.push({ kind: 'headers: huge', headers: each('x'.repeat(6000)) });
    out.push({ kind: 'headers: control characters', headers: each('key-\u0001-\u007f-value') });
  }
  if (method !== 'post' && method !== 'put' && method !== 'patch') return out;
  const sample = jsonBodySample(op);
  const json = (value: unknown, kind: string) =>
    out.push({ kind, body: { type: 'application/json', text: JSON.stringify(value) } });
  if (sample !== undefined) {
    const members = sample && typeof sample === 'object' && !Array.isArray(sample) ? sample : {};
    json(
      Object.fromEntries(Object.entries(members).map(([k, v]) => [k, wrongType(v)])),
      'body: wrong member types',
    );
    json([], 'body: an array');
    json(null, 'body: null');
    const size = Math.floor(600_000 / Math.max(1, countStrings(sample)));
    json(
      mapLeaves(sample, () => 'x'.repeat(size)),
      'body: huge strings',
    );
    json(
      mapLeaves(
        sample,
        (s) => s,
        () => 1e308,
      ),
      'body: huge numbers',
    );
    json(
      mapLeaves(
        sample,
        (s) => s,
        () => -2147483649,
      ),
      'body: numbers below int4',
    );
    json(
      mapLeaves(
        sample,
        (s) => s,
        () => 0.5,
      ),
      'body: fractions',
    );
    json(Object.fromEntries(Object.keys(members).map((k) => [k, deepObject(200)])), 'body: deep members');
    out.push({
      kind: 'body: deep nesting',
      body: { type: 'application/json', text: deepArrayJson(100_000) },
    });
    json(
      jsonBodySample(op, (s) => `${s}\u0000`),
      'body: NUL',
    );
    json(
      jsonBodySample(op, (s) => `${s}\u001b[2J`),
      'body: escape sequence',
    );
    json(
      jsonBodySample(op, (s) => `${s}\ud800`),
      'body: unpaired surrogate',
    );
    const text = JSON.stringify(members);
    out.push({
      kind: 'body: unknown fields',
      body: {
        type: 'application/json',
        text: `{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"zzUnknown":[1]${text.length > 2 ? `,${text.slice(1)}` : '}'}`,
      },
    });
    out.push({ kind: 'body: malformed JSON', body: { type: 'application/json', text: '{"a":' } });
    out.push({
      kind: 'body: wrong content type',
      body: { type: 'text/plain', text: JSON.stringify(sample) },
    });
  }
  out.push({ kind: 'body: missing', body: null });
  out.push({
    kind: 'body: oversized',
    body: {
      type: sample !== undefined ? 'application/json' : 'application/octet-stream',
      text: new Uint8Array(oversized(path)).fill(0x20),
    },
    status: 413,
  });
  return out;
}

function requestFor(method: string, path: string, op: Operation, v: Variant, token?: string): Request {
  const url = new URL(
    path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const p = params(op, 'path').find((x) => x.name === name) ?? { name, in: 'path' as const };
      return v.path?.[name] ?? encodeURIComponent(samples.param(p, path));
    }),
    'http://localhost',
  );
  for (const [k, value] of v.query ??
    params(op, 'query')
      .filter((p) => p.required)
      .map((p) => [p.name, samples.param(p)]))
    url.searchParams.append(k, value);
  const headers = new Headers();
  for (const p of params(op, 'header').filter((x) => x.required)) {
    const value = p.name === 'idempotency-key' ? `fuzz-${randomUUID()}` : samples.param(p);
    headers.set(p.name, v.headers?.[p.name] ?? value);
  }
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const body = v.body === undefined ? defaultBody(op) : v.body;
  if (body) headers.set('Content-Type', body.type);
  const init: RequestInit = { method: method.toUpperCase(), headers };
  if (body && method !== 'get') init.body = body.text as BodyInit;
  return new Request(url, init);
}

/** What is wrong with an answer, or null. */
async function faultOf(path: string, v: Variant, res: Response | 'hang'): Promise<string | null> {
  if (res === 'hang') return `no answer within ${ANSWER_WITHIN_MS} ms`;
  if (res.status < 400) {
    await res.body?.cancel();
    return v.status ? `answered ${res.status}, not ${v.status}` : null;
  }
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  if (res.status >= 500) return `${res.status} ${text.slice(0, 300)}`;
  if (v.status && res.status !== v.status)
    return `answered ${res.status}, not ${v.status}: ${text.slice(0, 200)}`;
  if (path.startsWith('/open311/')) {
    const body = JSON.parse(text) as { code?: number }[];
    return Array.isArray(body) && body.every((e) => e.code === res.status)
      ? null
      : `not an Open311 error: ${text}`;
  }
  if (!type.startsWith('application/problem+json')) return `${res.status} as ${type}: ${text.slice(0, 200)}`;
  const problem = JSON.parse(text) as { status?: number; detail?: string };
  return problem.status === res.status && problem.detail ? null : `problem without status or detail: ${text}`;
}

function answer(req: Request): Promise<Response | 'hang'> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), ANSWER_WITHIN_MS);
  });
  return Promise.race([t.app.request(req), hang]).finally(() => clearTimeout(timer));
}

async function sweep(withToken: boolean): Promise<{ faults: string[]; sent: number }> {
  const faults: string[] = [];
  let sent = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const token = withToken ? tokens[personaFor(op)] : undefined;
      for (const v of variants(path, method, op)) {
        sent++;
        const res = await answer(requestFor(method, path, op, v, token));
        if (process.env.MU_FUZZ_LOG && res !== 'hang')
          console.log(`${res.status} ${method} ${path} ${v.kind}`);
        const fault = await faultOf(path, v, res);
        if (fault) faults.push(`${method.toUpperCase()} ${path} [${v.kind}]: ${fault}`);
      }
    }
  }
  return { faults, sent };
}

describe('every operation under malformed input', () => {
  it('walks more than 80 operations', () => {
    expect(Object.values(doc.paths).flatMap((ops) => Object.keys(ops)).length).toBeGreaterThan(80);
  });

  it('answers 4xx problem+json, never 5xx or nothing, without a token', async () => {
    const { faults, sent } = await sweep(false);
    expect(sent).toBeGreaterThan(500);
    expect(faults).toEqual([]);
  }, 300_000);

  it('answers 4xx problem+json, never 5xx or nothing, with the token of a role the operation names', async () => {
    const { faults, sent } = await sweep(true);
    expect(sent).toBeGreaterThan(500);
    expect(faults).toEqual([]);
  }, 300_000);
});
