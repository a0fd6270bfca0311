// Who may assess and read a building's condition, bad input as problem+json, and the counts by
// class of a district, over HTTP on the real database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { allAt, assess, call, classOf as classOfIn, newSite, ok, problem } from './condition-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
});
afterAll(() => t.close());
const classOf = (site: Parameters<typeof classOfIn>[1]) => classOfIn(t, site);

describe('who may assess and read, and bad input', () => {
  it('401 without a token; 403 for a resident, a council officer and an inspector of another district', async () => {
    const site = await newSite(t);
    await problem(await assess(t, site, { element: 'roof', wearPercent: 10 }, { token: '' }), 401);
    for (const who of ['resident', 'council', 'otherInspector', 'manager'] as const) {
      await problem(
        await assess(t, site, { element: 'roof', wearPercent: 10 }, { token: site.tokens[who] }),
        403,
        {
          detail: who.startsWith('other')
            ? 'this building is outside your scope'
            : 'this endpoint is for: inspector, admin',
        },
      );
    }
    expect(
      (await assess(t, site, { element: 'roof', wearPercent: 10 }, { token: site.tokens.admin })).status,
    ).toBe(201);
  });

  it('400 names the field', async () => {
    const site = await newSite(t);
    await problem(await assess(t, site, { element: 'roof', wearPercent: 101 }), 400, 'body.wearPercent');
    await problem(await assess(t, site, { element: 'chimney', wearPercent: 10 }), 400, 'body.element');
    await problem(
      await assess(t, site, {
        element: 'roof',
        wearPercent: 10,
        defects: [{ description: ' ', critical: true }],
      }),
      400,
      'body.defects.0.description',
    );
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    await problem(
      await assess(t, site, { element: 'roof', wearPercent: 10, assessedAt: tomorrow }),
      400,
      'body.assessedAt',
    );
    await problem(
      await assess(t, site, { element: 'roof', wearPercent: 10 }, { key: false }),
      400,
      'header.idempotency-key',
    );
    await problem(
      await call(t, 'POST', '/buildings/nope/assessments', {
        token: site.tokens.admin,
        body: { element: 'roof', wearPercent: 1, defects: [] },
      }),
      400,
      'param.id',
    );
    await problem(
      await call(t, 'POST', `/buildings/${randomUUID()}/assessments`, {
        token: site.tokens.admin,
        body: { element: 'roof', wearPercent: 1, defects: [] },
      }),
      404,
      { detail: 'no such building' },
    );
  });

  it('reads are for whoever may see the building', async () => {
    const site = await newSite(t);
    for (const path of ['assessments', 'classification']) {
      await problem(await call(t, 'GET', `/buildings/${site.buildingId}/${path}`), 401);
      await problem(
        await call(t, 'GET', `/buildings/${site.buildingId}/${path}`, { token: site.tokens.otherInspector }),
        403,
        { detail: 'this building is outside your scope' },
      );
      await problem(
        await call(t, 'GET', `/buildings/${site.buildingId}/${path}`, { token: site.tokens.otherManager }),
        403,
        { detail: 'this building is outside your scope' },
      );
      await problem(
        await call(t, 'GET', `/buildings/x/${path}`, { token: site.tokens.admin }),
        400,
        'param.id',
      );
      expect(
        (await call(t, 'GET', `/buildings/${site.buildingId}/${path}`, { token: site.tokens.resident }))
          .status,
      ).toBe(200);
    }
    const never = await classOf(site);
    expect(never).toEqual({
      outcome: 'unknown',
      reasons: [],
      averageWear: null,
      decidedAt: null,
      history: [],
    });
  });
});

describe('GET /districts/{id}/summary', () => {
  it('counts the buildings of the district by class, unclassified as unknown', async () => {
    const site = await newSite(t, ['green', 'green', 'yellow', 'red', null]);
    await allAt(t, site, 75);
    const summary = await ok<{ districtId: string; counts: Record<string, number> }>(
      await call(t, 'GET', `/districts/${site.districtId}/summary`, { token: site.tokens.resident }),
    );
    expect(summary).toEqual({
      districtId: site.districtId,
      counts: { green: 2, yellow: 1, red: 2, unknown: 1, total: 6 },
    });
  });

  it('401, 400 and 404', async () => {
    const site = await newSite(t);
    await problem(await call(t, 'GET', `/districts/${site.districtId}/summary`), 401);
    await problem(
      await call(t, 'GET', '/districts/abc/summary', { token: site.tokens.admin }),
      400,
      'param.id',
    );
    await problem(
      await call(t, 'GET', `/districts/${randomUUID()}/summary`, { token: site.tokens.admin }),
      404,
      { detail: 'no such district' },
    );
  });
});
