// Walks the served OpenAPI document: every operation on an object named in its path that takes a
// body answers a caller with no responsibility for that object 403 (or 404: no such object for
// them) before it judges the body, so an invalid body tells such a caller nothing, not even which
// fields the operation expects. The caller holds every role but admin, each bound to nothing: an
// organization, a district, a person and a construction company that own no object. Then, on real
// rows, an inspector of another district sending an invalid assessment is refused 403, and the
// district's own inspector gets the 400 naming the field.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDistrict } from '../billing/fixtures.ts';
import { call, problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { Document, Operation, Parameter } from '../support/openapi-samples.ts';
import { Samples } from '../support/openapi-samples.ts';

let t: TestApp;
let doc: Document;
let samples: Samples;
let nobody: string;

beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  doc = (await (await t.app.request('/openapi.json')).json()) as Document;
  samples = new Samples(doc);
  nobody = await t.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: 'Nobody in particular',
    pid: randomUUID(),
    roles: ['resident', 'management_company', 'council', 'inspector', 'developer'],
    org: randomUUID(),
    district: randomUUID(),
    dtin: '999999999',
  } as never);
});
afterAll(() => t?.close());

interface Scoped {
  name: string;
  path: string;
  method: string;
  op: Operation;
}

/** Whether the body carries anything: an empty one is judged up front, having nothing to hide. */
const carries = (op: Operation) =>
  Object.values(op.requestBody!.content).some((m) => {
    const s = samples.resolve(m.schema);
    return !s.properties || Object.keys(s.properties).length > 0;
  });

/** Operations with a body that carries something and an object's id in their path, behind the bearer scheme. */
function scopedWrites(): Scoped[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(
        ([, op]) =>
          op.requestBody &&
          carries(op) &&
          (op.security?.length ?? 0) > 0 &&
          (op.parameters ?? []).some((p) => p.in === 'path' && samples.resolve(p.schema).format === 'uuid'),
      )
      .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, method, op })),
  );
}

/** A body every schema refuses where it expects an object or a form: a JSON array, an empty form. */
function invalidBody(op: Operation): { type: string; body: string | FormData } {
  const types = Object.keys(op.requestBody!.content);
  const json = types.find((x) => /json/.test(x));
  if (json) return { type: json, body: '[1]' };
  return { type: '', body: new FormData() };
}

describe('scope before the body', () => {
  it('answers a caller with no responsibility for the object 403 or 404, never 400, whatever the body', async () => {
    const ops = scopedWrites();
    expect(ops.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const { name, path, method, op } of ops) {
      const params = op.parameters ?? [];
      const url = path.replace(/\{(\w+)\}/g, (_, n: string) => {
        const p = params.find((x) => x.in === 'path' && x.name === n) as Parameter;
        return encodeURIComponent(
          samples.resolve(p.schema).format === 'uuid' ? randomUUID() : samples.param(p, path),
        );
      });
      const query = params
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(samples.param(p, path))}`)
        .join('&');
      const headers: Record<string, string> = { Authorization: `Bearer ${nobody}` };
      for (const p of params.filter((x) => x.in === 'header' && x.required))
        headers[p.name] = /idempotency/i.test(p.name) ? `scope-${randomUUID()}` : samples.param(p, path);
      const { type, body } = invalidBody(op);
      if (type) headers['Content-Type'] = type;
      const res = await t.app.request(`${url}${query ? `?${query}` : ''}`, {
        method: method.toUpperCase(),
        headers,
        body,
      });
      if (res.status !== 403 && res.status !== 404) wrong.push(`${name}: ${res.status} ${await res.text()}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('refuses an inspector of another district 403 on a building, and tells its own inspector what is invalid', async () => {
    const here = await createDistrict(t.deps.orm);
    const elsewhere = await createDistrict(t.deps.orm);
    const b = await here.building([{ number: '1', area: 50, shares: [[1, 1]] }]);
    const inspector = (district: string) =>
      t.deps.dev!.issuer.sign({
        sub: randomUUID(),
        name: 'Inspector',
        pid: null,
        roles: ['inspector'],
        org: null,
        district,
      });
    const assess = async (token: string) =>
      call(t, 'POST', `/buildings/${b.buildingId}/assessments`, {
        token,
        key: `scope-${randomUUID()}`,
        body: { elements: 'not a list' },
      });
    await problem(await assess(await inspector(elsewhere.districtId)), 403);
    const own = await problem(await assess(await inspector(here.districtId)), 400);
    expect(own.errors?.length).toBeGreaterThan(0);
  });
});
