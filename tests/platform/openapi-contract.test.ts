// The served OpenAPI document as client generators and linters read it: every operation has a
// unique verb-noun operationId and declares its security (bearer, or an explicit empty list for a
// public one); every operation that takes input or a token declares a 4xx; Redocly's recommended
// rules (redocly.yaml) find no error and no warning; and a summary that says "any role" is true
// for every role a token may carry, while "any role but developer" refuses exactly the developer.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/access/roles.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

interface Operation {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    schema?: { format?: string; enum?: string[] };
  }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** The verbs an operationId may start with; a new one is added here on purpose, not by accident. */
const VERBS = (
  'get list stream export verify create submit upload record set start import call cancel postpone cast ' +
  'post answer hide request register reject resubmit remove sign propose withdraw retry accept transfer ' +
  'extend dispute apply begin commission draw issue resolve move receive'
).split(' ');

let t: TestApp;
let doc: Document;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  doc = (await (await t.app.request('/openapi.json')).json()) as Document;
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      name: `${method.toUpperCase()} ${p}`,
      method,
      path: p,
      op,
    })),
  );

describe('the OpenAPI contract', () => {
  it('is OpenAPI 3.1, and every operation has a unique verb-noun operationId and declares its security', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = operations();
    const faults: string[] = [];
    const seen = new Map<string, string>();
    for (const { name, op } of ops) {
      const id = op.operationId;
      if (!id) faults.push(`${name}: no operationId`);
      else if (!/^[a-z]+(?:[A-Z0-9][a-z0-9]*)+$/.test(id) || !VERBS.some((v) => id.startsWith(v)))
        faults.push(`${name}: operationId ${id} is not verb + noun in camelCase`);
      else if (seen.has(id)) faults.push(`${name}: operationId ${id} is also ${seen.get(id)}`);
      if (id) seen.set(id, name);
      const s = JSON.stringify(op.security);
      if (s !== '[]' && s !== '[{"bearer":[]}]') faults.push(`${name}: security is ${s}`);
    }
    expect(faults).toEqual([]);
    expect(seen.size).toBe(ops.length);
  });

  it('declares a 4xx for every operation that takes a parameter, a body or a token', () => {
    const faults = operations()
      .filter(({ op }) => op.parameters?.length || op.requestBody || op.security?.length)
      .filter(({ op }) => !Object.keys(op.responses ?? {}).some((code) => /^4(\d\d|XX)$/.test(code)))
      .map((o) => o.name);
    expect(faults).toEqual([]);
  });

  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mu-openapi-'));
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc, null, 2));
    const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
    const cli = root('node_modules/@redocly/cli/bin/cli.js');
    const run = spawnSync(
      process.execPath,
      [cli, 'lint', file, '--config', root('redocly.yaml'), '--format', 'json'],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const start = run.stdout.indexOf('{');
    expect(start, `redocly printed no report: ${run.stderr}`).toBeGreaterThanOrEqual(0);
    const report = JSON.parse(run.stdout.slice(start)) as {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
    };
    const problems = report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});

/** A token of exactly this role, scoped to places that hold nothing. */
async function tokenOf(role: Role): Promise<string> {
  return t.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: `only ${role}`,
    pid: randomUUID(),
    roles: [role],
    org: randomUUID(),
    district: randomUUID(),
    ...(role === 'developer' ? { dtin: '123456789' } : {}),
  });
}

/** The request an operation's required parameters describe, with a fresh UUID for ids and no body. */
function requestFor(method: string, p: string, op: Operation, token: string): Request {
  const value = (s?: { format?: string; enum?: string[] }) =>
    s?.enum?.[0] ?? (s?.format === 'uuid' ? randomUUID() : 'x');
  const params = op.parameters ?? [];
  const url = new URL(
    p.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(value(params.find((x) => x.in === 'path' && x.name === name)?.schema)),
    ),
    'http://localhost',
  );
  const headers = new Headers({ Authorization: `Bearer ${token}` });
  for (const x of params.filter((y) => y.required)) {
    if (x.in === 'query') url.searchParams.set(x.name, value(x.schema));
    if (x.in === 'header') headers.set(x.name, value(x.schema));
  }
  return new Request(url, { method: method.toUpperCase(), headers });
}

describe('summaries that name every role', () => {
  it('"any role" admits every role a token may carry; "any role but developer" refuses only the developer', async () => {
    const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await tokenOf(r)])));
    const claims = operations().filter(({ op }) => /\bany role\b/.test(op.summary ?? ''));
    expect(claims.length).toBeGreaterThan(10);
    const faults: string[] = [];
    for (const { name, method, path: p, op } of claims) {
      const butDeveloper = /\bany role but developer\b/.test(op.summary!);
      for (const role of ROLES) {
        const res = await t.app.request(requestFor(method, p, op, tokens[role]!));
        await res.body?.cancel();
        const refused = res.status === 401 || res.status === 403;
        const expected = butDeveloper && role === 'developer';
        if (refused !== expected) faults.push(`${name} as ${role}: ${res.status}`);
      }
    }
    expect(faults).toEqual([]);
  });
});
