// The text rule where input enters (api/input.ts): a string the database cannot store or no
// person types is refused with 400 naming the field, in JSON bodies, queries, paths, decoded
// headers and Open311's ids and forms, before anything is written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textErrors } from '../../api/input.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let resident: string;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  [resident, admin] = [await t.tokenFor('resident'), await t.tokenFor('admin')];
});
afterAll(() => t.close());

const appealsCount = async () =>
  ((await t.deps.orm.em.fork().execute('select count(*)::int as n from appeal')) as { n: number }[])[0]!.n;

function post(path: string, token: string, body: string, type = 'application/json') {
  return t.app.request(path, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': type,
      'Idempotency-Key': `hostile-${randomUUID()}`,
    },
    body,
  });
}

describe('a JSON body', () => {
  it('with NUL in a member is refused naming the member, and nothing is written', async () => {
    const before = await appealsCount();
    const body = {
      category: 'lift',
      subject: { buildingId: DEMO_IDS.building },
      text: 'The lift\u0000 is stuck',
    };
    const refused = await problem(
      await post('/api/v1/appeals', resident, JSON.stringify(body)),
      400,
      'body.text',
    );
    expect(refused.errors![0]!.message).toMatch(/U\+0000 at position 8/);
    expect(await appealsCount()).toBe(before);
  });

  it('with an unpaired surrogate or an escape sequence is refused the same way', async () => {
    for (const text of ['broken \ud800 text', 'clear \u001b[2J screen']) {
      const body = { category: 'lift', subject: { buildingId: DEMO_IDS.building }, text };
      await problem(await post('/api/v1/appeals', resident, JSON.stringify(body)), 400, 'body.text');
    }
  });

  it('keeps tabs and line breaks', async () => {
    const res = await post('/dev/token', resident, JSON.stringify({ persona: 'resident\t\n' }));
    // The persona is unknown, so the schema refuses it: not the text rule.
    const refused = await problem(res, 400, 'body.persona');
    expect(refused.errors![0]!.message).not.toMatch(/control/);
  });

  it('nested past 32 levels is refused where it goes too deep, however deep it goes', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(textErrors({ boundary: deep }, 'body')).toEqual([
      { field: `body.boundary${'.a'.repeat(31)}`, message: 'nested deeper than 32 levels' },
    ]);
  });

  it('nested deep in a GeoJSON boundary is refused with problem+json', async () => {
    let geometry: unknown = [30, 41];
    for (let i = 0; i < 40; i++) geometry = [geometry];
    const body = JSON.stringify({
      cadastralNumber: '10:01:02:03:0045',
      areaM2: 10,
      boundary: { type: 'Polygon', coordinates: geometry },
    });
    const res = await t.app.request(`/api/v1/buildings/${DEMO_IDS.building}/land-plot`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('the URL and headers', () => {
  it('refuses a control character in a query parameter, naming it', async () => {
    const res = await t.app.request('/api/v1/meetings/protocols/verify?sha256=%00');
    await problem(res, 400, 'query.sha256');
  });

  it('refuses a decoded X-Filename with NUL', async () => {
    const res = await t.app.request('/api/v1/appeal-attachments', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${resident}`,
        'Content-Type': 'image/png',
        'X-Filename': 'photo%00.png',
      },
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    });
    await problem(res, 400, 'header.x-filename');
  });
});

describe('Open311', () => {
  it('refuses NUL in a request id in its own error format', async () => {
    const res = await t.app.request('/open311/v2/requests/2026-%00001.json', {
      headers: { Authorization: `Bearer ${resident}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ code: 400, description: expect.stringMatching(/^path: .*U\+0000/) }]);
  });

  it('refuses a control character in a form field, naming the Open311 parameter', async () => {
    const before = await appealsCount();
    const form = new URLSearchParams({
      service_code: 'lift',
      address_id: DEMO_IDS.building,
      description: 'stuck\u0007lift',
    });
    const res = await post(
      '/open311/v2/requests.json',
      resident,
      form.toString(),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([
      { code: 400, description: expect.stringMatching(/^description: .*U\+0007/) },
    ]);
    expect(await appealsCount()).toBe(before);
  });

  it('refuses a control character in a list query', async () => {
    const res = await t.app.request('/open311/v2/requests.json?status=open%01', {
      headers: { Authorization: `Bearer ${resident}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([
      { code: 400, description: expect.stringMatching(/^status: .*U\+0001/) },
    ]);
  });
});
