// Land plot (GeoJSON boundary) and solar installation over HTTP on the real database: replaced
// whole by PUT, 404 until recorded, bad geometry named to the position, who may write and read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { call, newSite, ok, problem, type Site } from './condition-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
});
afterAll(() => t.close());

const RING = [
  [69.2401, 41.3111],
  [69.2412, 41.3111],
  [69.2412, 41.3119],
  [69.2401, 41.3119],
  [69.2401, 41.3111],
];
const plot = (boundary: unknown = { type: 'Polygon', coordinates: [RING] }) => ({
  cadastralNumber: `10:01:04:12:${randomUUID().slice(0, 8)}`,
  areaM2: 1250.5,
  boundary,
});
const put = (site: Site, what: 'land-plot' | 'solar', body: unknown, token = site.tokens.inspector) =>
  call(t, 'PUT', `/buildings/${site.buildingId}/${what}`, { token, body, key: false });
const get = (site: Site, what: 'land-plot' | 'solar', token = site.tokens.resident) =>
  call(t, 'GET', `/buildings/${site.buildingId}/${what}`, { token });

describe('land plot', () => {
  it('404 until recorded; PUT stores and replaces it; a MultiPolygon is accepted', async () => {
    const site = await newSite(t);
    await problem(await get(site, 'land-plot'), 404, {
      detail: 'no land plot is recorded for this building',
    });
    const first = plot();
    const stored = await ok<Record<string, unknown>>(await put(site, 'land-plot', first));
    expect(stored).toMatchObject({ ...first, buildingId: site.buildingId });
    expect(await ok(await get(site, 'land-plot'))).toEqual(stored);
    const multi = plot({
      type: 'MultiPolygon',
      coordinates: [[RING], [RING.map(([x, y]) => [x! + 0.01, y!])]],
    });
    expect(await ok(await put(site, 'land-plot', multi, site.tokens.admin))).toMatchObject(multi);
    // The building keeps the plot's centre, replaced with it (the lots place buildings by it).
    const [centre] = await t.deps.orm.em
      .fork()
      .execute<{ lon: number; lat: number }[]>(
        'select plot_lon lon, plot_lat lat from building where id = ?',
        [site.buildingId],
      );
    expect(centre!.lon).toBeCloseTo((69.2401 + 69.2412) / 2 + 0.005, 9);
    expect(centre!.lat).toBeCloseTo((41.3111 + 41.3119) / 2, 9);
  });

  it('bad geometry is 400 naming the field', async () => {
    const site = await newSite(t);
    const open = RING.slice(0, 4).concat([[69.25, 41.3]]);
    await problem(
      await put(site, 'land-plot', plot({ type: 'Polygon', coordinates: [open] })),
      400,
      'body.boundary.coordinates.0.4',
    );
    await problem(
      await put(site, 'land-plot', plot({ type: 'Polygon', coordinates: [RING.slice(0, 3)] })),
      400,
      'body.boundary.coordinates.0',
    );
    const farNorth = RING.map(([x, y], i) => (i === 1 ? [x, 95] : [x, y]));
    await problem(
      await put(site, 'land-plot', plot({ type: 'Polygon', coordinates: [farNorth] })),
      400,
      'body.boundary.coordinates.0.1.1',
    );
    await problem(
      await put(site, 'land-plot', plot({ type: 'Point', coordinates: [69.24, 41.31] })),
      400,
      'body.boundary.type',
    );
    await problem(
      await put(site, 'land-plot', plot({ type: 'MultiPolygon', coordinates: [[RING], [[['a', 1]]]] })),
      400,
      'body.boundary.coordinates.1.0',
    );
    await problem(await put(site, 'land-plot', { ...plot(), areaM2: -1 }), 400, 'body.areaM2');
    await problem(
      await put(site, 'land-plot', { ...plot(), cadastralNumber: '' }),
      400,
      'body.cadastralNumber',
    );
  });

  it("another building's cadastral number is 409 naming it", async () => {
    const a = await newSite(t);
    const b = await newSite(t);
    const taken = plot();
    await ok(await put(a, 'land-plot', taken));
    await problem(
      await put(b, 'land-plot', { ...plot(), cadastralNumber: taken.cadastralNumber }, b.tokens.admin),
      409,
      'body.cadastralNumber',
    );
  });

  it('401; 403 for a resident, a manager, a council officer, an inspector of another district', async () => {
    const site = await newSite(t);
    await problem(await put(site, 'land-plot', plot(), ''), 401);
    for (const who of ['resident', 'manager', 'council', 'otherInspector'] as const) {
      await problem(await put(site, 'land-plot', plot(), site.tokens[who]), 403, {
        detail: who.startsWith('other')
          ? 'this building is outside your scope'
          : 'this endpoint is for: inspector, admin',
      });
    }
    await problem(await get(site, 'land-plot', ''), 401);
    await problem(await get(site, 'land-plot', site.tokens.otherInspector), 403, {
      detail: 'this building is outside your scope',
    });
    await problem(
      await call(t, 'GET', '/buildings/1/land-plot', { token: site.tokens.admin }),
      400,
      'param.id',
    );
  });
});

describe('solar installation', () => {
  it('404 until recorded; PUT stores and replaces it', async () => {
    const site = await newSite(t);
    await problem(await get(site, 'solar'), 404, {
      detail: 'no solar installation is recorded for this building',
    });
    const body = { panelCount: 24, capacityKw: 9.6, owner: 'owners_common_property' };
    expect(await ok(await put(site, 'solar', body))).toMatchObject({
      ...body,
      ownerName: null,
      buildingId: site.buildingId,
    });
    const next = { panelCount: 30, capacityKw: 12, owner: 'other', ownerName: 'Quyosh Energiya MChJ' };
    await ok(await put(site, 'solar', next, site.tokens.admin));
    expect(await ok(await get(site, 'solar', site.tokens.manager))).toMatchObject(next);
  });

  it('401, 403 and 400', async () => {
    const site = await newSite(t);
    const body = { panelCount: 24, capacityKw: 9.6, owner: 'developer' };
    await problem(await put(site, 'solar', body, ''), 401);
    for (const who of ['resident', 'manager', 'otherInspector'] as const) {
      await problem(await put(site, 'solar', body, site.tokens[who]), 403, {
        detail: who.startsWith('other')
          ? 'this building is outside your scope'
          : 'this endpoint is for: inspector, admin',
      });
    }
    await problem(await put(site, 'solar', { ...body, owner: 'neighbour' }), 400, 'body.owner');
    await problem(await put(site, 'solar', { ...body, panelCount: 0 }), 400, 'body.panelCount');
    await problem(await get(site, 'solar', site.tokens.otherManager), 403, {
      detail: 'this building is outside your scope',
    });
  });
});

describe('OpenAPI', () => {
  it('documents every endpoint of the section with its roles', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary: string }>>;
    };
    const expected: [string, string][] = [
      ['/api/v1/buildings/{id}/assessments', 'post'],
      ['/api/v1/buildings/{id}/assessments', 'get'],
      ['/api/v1/buildings/{id}/classification', 'get'],
      ['/api/v1/buildings/{id}/land-plot', 'put'],
      ['/api/v1/buildings/{id}/land-plot', 'get'],
      ['/api/v1/buildings/{id}/meter-readings', 'post'],
      ['/api/v1/buildings/{id}/consumption', 'get'],
      ['/api/v1/buildings/{id}/solar', 'put'],
      ['/api/v1/buildings/{id}/solar', 'get'],
      ['/api/v1/districts/{id}/summary', 'get'],
    ];
    for (const [path, method] of expected) {
      expect(doc.paths[path]?.[method]?.summary, `${method} ${path}`).toMatch(/\((any role|.*admin)/);
    }
  });
});
