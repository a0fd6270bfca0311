// Open311 GeoReport v2 conformance over the real app, workflow and PostgreSQL: the service list,
// filing an appeal as a civic client does (a form with a bearer token), reading it back in the
// spec's fields, the list's filters, and errors always as Open311's [{code, description}].
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, ok } from '../register/api-fixtures.ts';
import { type AppealsEnv, act, get, newScene, type Scene, startAppealsEnv, submit } from './fixtures.ts';

let env: AppealsEnv;
beforeAll(async () => {
  env = await startAppealsEnv();
});
afterAll(async () => {
  await env?.stop();
});

interface Open311 {
  token?: string;
  form?: Record<string, string>;
  json?: unknown;
  key?: string;
}

async function open311(method: string, path: string, o: Open311 = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  if (o.key) headers['Idempotency-Key'] = o.key;
  let body: string | undefined;
  if (o.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(o.form).toString();
  } else if (o.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(o.json);
  }
  return env.app.app.request(`/open311/v2${path}`, { method, headers, body });
}

/** An Open311 error answer: the status, JSON (never problem+json), and one description naming `about`. */
async function open311Error(res: Response, status: number, about?: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { code: number; description: string }[];
  expect(Array.isArray(body)).toBe(true);
  expect(body.length).toBeGreaterThan(0);
  for (const e of body) expect(e).toEqual({ code: status, description: expect.any(String) });
  if (about)
    expect(
      body.some((e) => e.description.includes(about)),
      text,
    ).toBe(true);
  return body;
}

const form = (s: Scene, extra: Record<string, string> = {}) => ({
  api_key: 'ignored-by-design',
  service_code: 'heating',
  address_id: s.buildingId,
  description: `No heating in entrance 2 (${randomUUID()})`,
  'attribute[kind]': 'complaint',
  ...extra,
});

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00$/;
type Request311 = Record<string, unknown> & { service_request_id: string; status: string };

async function list(token: string, query: string): Promise<string[]> {
  const items = await ok<Request311[]>(await open311('GET', `/requests.json?${query}`, { token }));
  return items.map((i) => i.service_request_id);
}

describe('Open311 GeoReport v2', () => {
  it('lists the services publicly, each with every field the spec names', async () => {
    const services = await ok<Record<string, unknown>[]>(await open311('GET', '/services.json'));
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) {
      expect(s).toEqual({
        service_code: expect.any(String),
        service_name: expect.any(String),
        description: expect.any(String),
        metadata: false,
        type: 'realtime',
        keywords: expect.any(String),
        group: expect.any(String),
      });
    }
    expect(services.map((s) => s.service_code)).toContain('heating');
    expect(await ok(await open311('GET', '/services/heating.json'))).toEqual({
      service_code: 'heating',
      attributes: [],
    });
    await open311Error(await open311('GET', '/services/nonsense.json'), 404, 'nonsense');
    await open311Error(await open311('GET', '/services.xml'), 400, 'JSON');

    const doc = (await (await env.app.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary?: string; security?: unknown }>>;
    };
    for (const [method, path] of [
      ['get', '/open311/v2/services.json'],
      ['get', '/open311/v2/services/{service_code}.json'],
      ['post', '/open311/v2/requests.json'],
      ['get', '/open311/v2/requests.json'],
      ['get', '/open311/v2/requests/{service_request_id}.json'],
    ] as const) {
      const op = doc.paths[path]?.[method];
      expect(op?.summary, `${method} ${path}`).toMatch(/\(.+\)$/);
      expect(op?.security, path).toEqual(path.includes('services') ? [] : [{ bearer: [] }]);
    }
  });

  it('files an appeal from a form and reads it back in the spec’s fields', async () => {
    const s = await newScene(env);
    const filed = form(s);
    const res = await open311('POST', '/requests.json', { token: s.owner, form: filed });
    const created = await ok<{ service_request_id: string; service_notice: null; account_id: null }[]>(
      res,
      201,
    );
    expect(created).toEqual([
      { service_request_id: expect.stringMatching(/^\d{4}-\d{6}$/), service_notice: null, account_id: null },
    ]);
    const number = created[0]!.service_request_id;

    // The same appeal on the REST API, with the form's fields mapped.
    const mine = await ok<{ items: { id: string; registrationNumber: string }[] }>(
      await call(env.app, 'GET', '/appeals?mine=1', { token: s.owner }),
    );
    const id = mine.items.find((i) => i.registrationNumber === number)!.id;
    expect(await get(env, s.owner, id)).toMatchObject({
      registrationNumber: number,
      category: 'heating',
      kind: 'complaint',
      subject: { buildingId: s.buildingId },
      text: filed.description,
      status: 'registered',
    });

    // A client retrying a lost answer registers nothing new, with or without an Idempotency-Key.
    const again = await ok<{ service_request_id: string }[]>(
      await open311('POST', '/requests.json', { token: s.owner, form: filed }),
    );
    expect(again[0]!.service_request_id).toBe(number);
    const keyed = form(s);
    const first = await ok<{ service_request_id: string }[]>(
      await open311('POST', '/requests.json', { token: s.owner, form: keyed, key: `o311-${randomUUID()}` }),
      201,
    );
    expect(first[0]!.service_request_id).not.toBe(number);

    for (const ref of [number, id]) {
      const [r, ...rest] = await ok<Request311[]>(
        await open311('GET', `/requests/${ref}.json`, { token: s.owner }),
      );
      expect(rest).toEqual([]);
      expect(r).toEqual({
        service_request_id: number,
        status: 'open',
        status_notes: null,
        service_name: expect.any(String),
        service_code: 'heating',
        description: filed.description,
        agency_responsible: expect.any(String),
        service_notice: expect.stringMatching(/registered on .*\. The answer is due by \d{4}-\d{2}-\d{2}\.$/),
        requested_datetime: expect.stringMatching(W3C),
        updated_datetime: expect.stringMatching(W3C),
        expected_datetime: expect.stringMatching(W3C),
        address: expect.any(String),
        address_id: s.buildingId,
        zipcode: null,
        lat: null,
        long: null,
        media_url: null,
      });
      expect(Date.parse(r!.expected_datetime as string)).toBeGreaterThan(
        Date.parse(r!.requested_datetime as string),
      );
    }
    // The staff who answer it read it too; a JSON body is accepted as well as a form.
    expect(await list(s.staff, `service_request_id=${number}`)).toEqual([number]);
    await ok(
      await open311('POST', '/requests.json', { token: s.owner, json: form(s, { service_code: 'water' }) }),
      201,
    );
  });

  it('filters the list by status, service and dates, within what the caller may see', async () => {
    const s = await newScene(env);
    const heating = await submit(env, s);
    const water = await submit(env, s, { category: 'water', text: 'Rusty water' });
    await ok(await act(env, s.staff, heating.id, 'accept'));
    await ok(await act(env, s.staff, heating.id, 'answer', { text: 'The boiler is repaired.' }));
    await ok(await act(env, s.owner, heating.id, 'acceptance', { rating: 5 }));
    const [h, w] = [heating.registrationNumber, water.registrationNumber];

    expect(await list(s.owner, '')).toEqual([w, h]);
    expect(await list(s.owner, 'status=closed')).toEqual([h]);
    expect(await list(s.owner, 'status=open')).toEqual([w]);
    expect(await list(s.owner, 'service_code=water')).toEqual([w]);
    expect(await list(s.owner, 'service_code=heating&status=open')).toEqual([]);
    expect(await list(s.owner, `service_request_id=${h},${w},1999-000001`)).toEqual([w, h]);

    const [closed] = await ok<Request311[]>(await open311('GET', `/requests/${h}.json`, { token: s.owner }));
    expect(closed).toMatchObject({ status: 'closed', status_notes: 'The boiler is repaired.' });
    const at = Date.parse(closed!.requested_datetime as string);
    const w3c = (ms: number) => encodeURIComponent(`${new Date(ms).toISOString().slice(0, 19)}Z`);
    expect(await list(s.owner, `start_date=${w3c(at)}`)).toEqual([w, h]);
    expect(await list(s.owner, `end_date=${w3c(at - 60_000)}`)).toEqual([]);
    expect(await list(s.owner, `start_date=${w3c(at - 60_000)}&end_date=${w3c(at + 3_600_000)}`)).toEqual([
      w,
      h,
    ]);
    expect(await list(s.owner, `start_date=${w3c(at + 3_600_000)}`)).toEqual([]);
    await open311Error(
      await open311('GET', `/requests.json?start_date=${w3c(at - 100 * 86_400_000)}&end_date=${w3c(at)}`, {
        token: s.owner,
      }),
      400,
      '90 days',
    );
    await open311Error(
      await open311('GET', '/requests.json?status=pending', { token: s.owner }),
      400,
      'status',
    );
    await open311Error(
      await open311('GET', '/requests.json?start_date=yesterday', { token: s.owner }),
      400,
      'start_date',
    );

    // Another building's resident and organization see none of them.
    const other = await newScene(env);
    expect(await list(other.owner, '')).toEqual([]);
    expect(await list(other.staff, `service_request_id=${h}`)).toEqual([]);
  });

  it('answers every error as an Open311 error array', async () => {
    const s = await newScene(env);
    const other = await newScene(env);
    const post = (o: Open311) => open311('POST', '/requests.json', o);
    const { service_code: _, ...noCode } = form(s);
    await open311Error(await post({ token: s.owner, form: noCode }), 400, 'service_code');
    await open311Error(
      await post({ token: s.owner, form: form(s, { service_code: 'teleport' }) }),
      400,
      'service_code',
    );
    await open311Error(
      await post({ token: s.owner, form: form(s, { address_id: randomUUID() }) }),
      400,
      'address_id',
    );
    await open311Error(
      await post({ token: s.owner, form: form(s, { address_id: 'lenin-st-1' }) }),
      400,
      'address_id',
    );
    await open311Error(
      await post({ token: s.owner, form: form(s, { description: '' }) }),
      400,
      'description',
    );
    await open311Error(
      await post({ token: s.owner, form: form(s, { 'attribute[kind]': 'rant' }) }),
      400,
      'attribute[kind]',
    );
    const unreadable = await env.app.app.request('/open311/v2/requests.json', {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.owner}`, 'Content-Type': 'application/json' },
      body: '{not json',
    });
    await open311Error(unreadable, 400, 'body');
    // The api_key alone is not a credential: the resident's bearer token is.
    await open311Error(await post({ form: form(s) }), 401, 'bearer');
    await open311Error(await open311('GET', '/requests.json?api_key=x'), 401);
    await open311Error(await post({ token: s.staff, form: form(s) }), 403);
    await open311Error(await post({ token: other.owner, form: form(s) }), 403, 'owner');

    const a = await submit(env, s);
    await open311Error(await open311('GET', `/requests/${a.registrationNumber}.json`), 401);
    await open311Error(
      await open311('GET', `/requests/${a.registrationNumber}.json`, { token: other.owner }),
      404,
      a.registrationNumber,
    );
    await open311Error(await open311('GET', `/requests/${a.id}.json`, { token: other.staff }), 404);
    await open311Error(await open311('GET', '/requests/1999-000001.json', { token: s.owner }), 404);
    await open311Error(
      await open311('GET', `/requests/${a.registrationNumber}.xml`, { token: s.owner }),
      400,
      'JSON',
    );
    await open311Error(await open311('GET', '/requests.xml', { token: s.owner }), 400, 'JSON');
    await open311Error(
      await open311('POST', '/requests.xml', { token: s.owner, form: form(s) }),
      400,
      'JSON',
    );
    await open311Error(await open311('GET', '/discovery.json'), 404);
  });
});
