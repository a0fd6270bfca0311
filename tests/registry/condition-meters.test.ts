// Meter readings over HTTP on the real database, and the monthly consumption they give: Tashkent
// months, a replaced meter, duplicates on retry, a negative difference refused naming the reading,
// who may record and read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { call, newSite, ok, problem, type Site } from './condition-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
});
afterAll(() => t.close());

interface Reading {
  meterId: string;
  resource: string;
  readAt: string;
  value: number;
  replaced?: boolean;
  oldDeviceFinalValue?: number;
}
type Month = { month: string; resource: string; amount: number; unit: string; complete: boolean };

const post = (site: Site, readings: Reading[], o: { token?: string; key?: string | false } = {}) =>
  call(t, 'POST', `/buildings/${site.buildingId}/meter-readings`, {
    token: o.token ?? site.tokens.manager,
    key: o.key,
    body: { readings },
  });
const consumption = async (site: Site, query: string, token = site.tokens.resident) =>
  (
    await ok<{ buildingId: string; months: Month[] }>(
      await call(t, 'GET', `/buildings/${site.buildingId}/consumption?${query}`, { token }),
    )
  ).months;
const tashkent = (date: string) => `${date}T12:00:00+05:00`;
const meter = () => `M-${randomUUID().slice(0, 12)}`;

describe('meter readings → monthly consumption', () => {
  it('sums per month and resource; the first month has no baseline; months are Tashkent months', async () => {
    const site = await newSite(t);
    const e1 = meter();
    const e2 = meter();
    const res = await post(site, [
      { meterId: e1, resource: 'electricity', readAt: tashkent('2025-01-10'), value: 100 },
      { meterId: e1, resource: 'electricity', readAt: tashkent('2025-01-31'), value: 150.25 },
      { meterId: e1, resource: 'electricity', readAt: tashkent('2025-02-28'), value: 260.5 },
      // 1 March 00:30 in Tashkent is still 28 February in UTC: it belongs to March.
      { meterId: e1, resource: 'electricity', readAt: '2025-02-28T19:30:00Z', value: 270.5 },
      { meterId: e2, resource: 'electricity', readAt: tashkent('2025-01-31'), value: 10 },
      { meterId: e2, resource: 'electricity', readAt: tashkent('2025-02-28'), value: 30.1 },
    ]);
    expect(await ok(res)).toEqual({ accepted: 6, duplicates: 0 });
    expect(await consumption(site, 'from=2025-01&to=2025-03')).toEqual([
      { month: '2025-01', resource: 'electricity', amount: 50.25, unit: 'kWh', complete: false },
      { month: '2025-02', resource: 'electricity', amount: 130.35, unit: 'kWh', complete: true },
      { month: '2025-03', resource: 'electricity', amount: 10, unit: 'kWh', complete: true },
    ]);
    // A range later than the first month still counts from the reading before it.
    expect(await consumption(site, 'from=2025-02&to=2025-02')).toEqual([
      { month: '2025-02', resource: 'electricity', amount: 130.35, unit: 'kWh', complete: true },
    ]);
  });

  it('a replaced meter starts a new baseline; the old device counts up to its final value', async () => {
    const site = await newSite(t);
    const w = meter();
    await ok(
      await post(site, [
        { meterId: w, resource: 'cold_water', readAt: tashkent('2025-01-31'), value: 100 },
        {
          meterId: w,
          resource: 'cold_water',
          readAt: tashkent('2025-02-15'),
          value: 5,
          replaced: true,
          oldDeviceFinalValue: 120,
        },
        { meterId: w, resource: 'cold_water', readAt: tashkent('2025-02-28'), value: 25 },
      ]),
    );
    expect(await consumption(site, 'from=2025-02&to=2025-02', site.tokens.inspector)).toEqual([
      { month: '2025-02', resource: 'cold_water', amount: 40, unit: 'm³', complete: true },
    ]);
  });

  it('a retried batch is all duplicates; a different value at the same instant is refused', async () => {
    const site = await newSite(t);
    const g = meter();
    const batch = [
      { meterId: g, resource: 'gas', readAt: tashkent('2025-03-01'), value: 1 },
      { meterId: g, resource: 'gas', readAt: tashkent('2025-03-31'), value: 2 },
    ];
    const key = `test-${randomUUID()}`;
    expect(await ok(await post(site, batch, { key }))).toEqual({ accepted: 2, duplicates: 0 });
    expect(await ok(await post(site, batch, { key }))).toEqual({ accepted: 0, duplicates: 2 });
    await problem(await post(site, [{ ...batch[1]!, value: 3 }]), 400, 'body.readings.0.value');
  });

  it('an Idempotency-Key used again with another batch is a conflict, and that batch is not stored', async () => {
    const site = await newSite(t);
    const key = `test-${randomUUID()}`;
    const first = [{ meterId: meter(), resource: 'gas', readAt: tashkent('2025-03-01'), value: 1 }];
    expect(await ok(await post(site, first, { key }))).toEqual({ accepted: 1, duplicates: 0 });
    const other = [{ meterId: meter(), resource: 'cold_water', readAt: tashkent('2025-03-01'), value: 5 }];
    await problem(await post(site, other, { key }), 409, { code: 'registry.idempotency_conflict' });
    // The same key from another caller names another request.
    expect(await ok(await post(site, other, { key, token: site.tokens.inspector }))).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    expect(await ok(await post(site, first, { key }))).toEqual({ accepted: 0, duplicates: 1 });
  });

  it('a negative difference is refused naming the reading, and nothing of the batch is stored', async () => {
    const site = await newSite(t);
    const h = meter();
    await ok(
      await post(site, [{ meterId: h, resource: 'heat', readAt: tashkent('2025-01-31'), value: 10.5 }]),
    );
    const body = await problem(
      await post(site, [
        { meterId: h, resource: 'heat', readAt: tashkent('2025-02-14'), value: 11 },
        { meterId: h, resource: 'heat', readAt: tashkent('2025-02-28'), value: 10.9 },
      ]),
      400,
      'body.readings.1.value',
    );
    expect(body.detail).toMatch(/negative/);
    // A new reading earlier than a stored one that would make the stored one's difference negative.
    await problem(
      await post(site, [{ meterId: h, resource: 'heat', readAt: tashkent('2025-01-20'), value: 12 }]),
      400,
      'body.readings.0.value',
    );
    expect(await consumption(site, 'from=2025-01&to=2025-02')).toEqual([
      { month: '2025-01', resource: 'heat', amount: 0, unit: 'Gcal', complete: false },
    ]);
  });

  it('a meter of another building, or another resource on the same meter, is refused', async () => {
    const site = await newSite(t);
    const other = await newSite(t);
    const m = meter();
    await ok(
      await post(site, [{ meterId: m, resource: 'hot_water', readAt: tashkent('2025-01-31'), value: 1 }]),
    );
    await problem(
      await post(other, [{ meterId: m, resource: 'hot_water', readAt: tashkent('2025-02-28'), value: 2 }]),
      400,
      'body.readings.0.meterId',
    );
    await problem(
      await post(site, [{ meterId: m, resource: 'gas', readAt: tashkent('2025-02-28'), value: 2 }]),
      400,
      'body.readings.0.resource',
    );
  });
});

describe('who may record and read, and bad input', () => {
  const one = () => [{ meterId: meter(), resource: 'gas', readAt: tashkent('2025-01-31'), value: 1 }];

  it('401; 403 for a resident, a council officer, another management company, an inspector of another district', async () => {
    const site = await newSite(t);
    await problem(await post(site, one(), { token: '' }), 401);
    for (const who of ['resident', 'council', 'otherManager', 'otherInspector'] as const) {
      await problem(await post(site, one(), { token: site.tokens[who] }), 403, {
        detail: who.startsWith('other')
          ? 'this building is outside your scope'
          : 'this endpoint is for: management_company, inspector, admin',
      });
    }
    for (const who of ['manager', 'inspector', 'admin'] as const) {
      expect((await post(site, one(), { token: site.tokens[who] })).status).toBe(200);
    }
    await problem(await call(t, 'GET', `/buildings/${site.buildingId}/consumption`), 401);
    await problem(
      await call(t, 'GET', `/buildings/${site.buildingId}/consumption`, { token: site.tokens.otherManager }),
      403,
      { detail: 'this building is outside your scope' },
    );
    expect(Array.isArray(await consumption(site, ''))).toBe(true);
  });

  it('400 names the field', async () => {
    const site = await newSite(t);
    await problem(await post(site, []), 400, 'body.readings');
    await problem(await post(site, one(), { key: false }), 400, 'header.idempotency-key');
    await problem(await post(site, [{ ...one()[0]!, value: -1 }]), 400, 'body.readings.0.value');
    await problem(await post(site, [{ ...one()[0]!, resource: 'steam' }]), 400, 'body.readings.0.resource');
    await problem(await post(site, [{ ...one()[0]!, readAt: '31.01.2025' }]), 400, 'body.readings.0.readAt');
    // Year 0 is in ISO 8601, not in the calendar the database keeps: a 400, never a 500.
    for (const readAt of ['0000-06-01T00:00:00Z', '0001-01-01T03:00:00+05:00'])
      await problem(await post(site, [{ ...one()[0]!, readAt }]), 400, 'body.readings.0.readAt');
    await problem(
      await post(site, [{ ...one()[0]!, readAt: new Date(Date.now() + 86_400_000).toISOString() }]),
      400,
      'body.readings.0.readAt',
    );
    await problem(
      await post(site, [{ ...one()[0]!, oldDeviceFinalValue: 3 }]),
      400,
      'body.readings.0.oldDeviceFinalValue',
    );
    const get = (q: string) =>
      call(t, 'GET', `/buildings/${site.buildingId}/consumption?${q}`, { token: site.tokens.admin });
    await problem(await get('from=2025-13'), 400, 'query.from');
    await problem(await get('from=2025-05&to=2025-04'), 400, 'query.from');
    await problem(await get('from=2010-01&to=2025-04'), 400, 'query.from');
  });
});
