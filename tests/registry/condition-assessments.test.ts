// Element assessments over HTTP on the real database: each one reclassifies the building in the
// same transaction, at the policy's boundaries, and every reclassification is kept with its
// reasons and cause; retries and unchanged classes add nothing; the policy from configuration.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentView } from '../../db/registry/condition-assessments.ts';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import {
  allAt,
  assess,
  call,
  classOf as classOfIn,
  newSite,
  ok,
  problem,
  REQUIRED,
  type Recorded,
} from './condition-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
});
afterAll(() => t.close());
const classOf = (site: Parameters<typeof classOfIn>[1]) => classOfIn(t, site);

describe('POST /buildings/{id}/assessments reclassifies the building', () => {
  it('unknown while a required element is missing, then green, yellow at 40 %, red at 70 %', async () => {
    const site = await newSite(t);
    const first = await ok<Recorded>(await assess(t, site, { element: 'roof', wearPercent: 10 }), 201);
    expect(first.assessment).toMatchObject({
      element: 'roof',
      wearPercent: 10,
      inspectorName: 'Test inspector',
    });
    expect(first.classification.outcome).toBe('unknown');
    expect(first.classification.reasons).toContainEqual({
      rule: 'missing_assessment',
      class: 'unknown',
      element: 'sewerage',
    });

    expect((await allAt(t, site, 10)).outcome).toBe('green');
    const at39 = await ok<Recorded>(await assess(t, site, { element: 'roof', wearPercent: 39 }), 201);
    expect(at39.classification).toMatchObject({ outcome: 'green', reasons: [] });
    const at40 = await ok<Recorded>(await assess(t, site, { element: 'roof', wearPercent: 40 }), 201);
    expect(at40.classification.outcome).toBe('yellow');
    expect(at40.classification.reasons).toEqual([
      { rule: 'element_wear', class: 'yellow', element: 'roof', wearPercent: 40, threshold: 40 },
    ]);
    const at70 = await ok<Recorded>(await assess(t, site, { element: 'roof', wearPercent: 70 }), 201);
    expect(at70.classification.outcome).toBe('red');
    expect(at70.classification.reasons[0]).toEqual({
      rule: 'element_wear',
      class: 'red',
      element: 'roof',
      wearPercent: 70,
      threshold: 70,
    });

    // Every reclassification is kept, newest first, each with its reasons, cause and the class before.
    const view = await classOf(site);
    // Filling in a missing element changes the reasons, so each is kept; re-assessing the roof at the
    // same wear while still unknown changed nothing and added nothing.
    expect(view.history.map((h) => h.outcome)).toEqual([
      'red',
      'yellow',
      'green',
      ...Array(6).fill('unknown'),
    ]);
    expect(view.history.slice(0, 3).map((h) => h.previousOutcome)).toEqual(['yellow', 'green', 'unknown']);
    expect(view.history.at(-1)!.previousOutcome).toBeNull();
    expect(view.history.at(-1)!.reasons).toHaveLength(6);
    expect(view.history[3]!.reasons).toEqual([
      { rule: 'missing_assessment', class: 'unknown', element: 'electricity' },
    ]);
    expect(view.history.every((h) => h.cause === 'assessment')).toBe(true);
    expect(view.history[1]!.reasons).toEqual(at40.classification.reasons);
    expect(view.decidedAt).toBe(view.history[0]!.decidedAt);
    const building = await ok<{ conditionClass: string | null }>(
      await call(t, 'GET', `/buildings/${site.buildingId}`, { token: site.tokens.council }),
    );
    expect(building.conditionClass).toBe('red');
  });

  it('a critical defect in a load-bearing element is red; elsewhere yellow', async () => {
    const site = await newSite(t);
    await allAt(t, site, 10);
    const facade = await ok<Recorded>(
      await assess(t, site, {
        element: 'facade',
        wearPercent: 10,
        defects: [{ description: 'Crack in the bearing wall? 2 cm wide', critical: true }],
      }),
      201,
    );
    expect(facade.classification.outcome).toBe('red');
    expect(facade.classification.reasons).toContainEqual({
      rule: 'critical_defect',
      class: 'red',
      element: 'facade',
      loadBearing: true,
      defects: ['Crack in the bearing wall? 2 cm wide'],
    });
    await assess(t, site, { element: 'facade', wearPercent: 10 });
    const heating = await ok<Recorded>(
      await assess(t, site, {
        element: 'heating',
        wearPercent: 10,
        defects: [{ description: 'Leaking riser', critical: true }],
      }),
      201,
    );
    expect(heating.classification.outcome).toBe('yellow');
    expect(heating.classification.reasons[0]).toMatchObject({ rule: 'critical_defect', loadBearing: false });
  });

  it('adds no history when neither the class nor its reasons changed', async () => {
    const site = await newSite(t);
    await allAt(t, site, 10);
    const before = (await classOf(site)).history.length;
    await ok<Recorded>(await assess(t, site, { element: 'water_supply', wearPercent: 12 }), 201);
    await ok<Recorded>(await assess(t, site, { element: 'gas', wearPercent: 5 }), 201);
    const after = await classOf(site);
    expect(after.outcome).toBe('green');
    expect(after.history).toHaveLength(before);
    const list = await ok<{ latest: AssessmentView[]; history: AssessmentView[] }>(
      await call(t, 'GET', `/buildings/${site.buildingId}/assessments`, { token: site.tokens.manager }),
    );
    expect(list.history).toHaveLength(REQUIRED.length + 2);
    expect(list.latest.map((a) => a.element)).toEqual([
      ...REQUIRED.slice(0, 3),
      'heating',
      'water_supply',
      'sewerage',
      'electricity',
      'gas',
    ]);
    expect(list.latest.find((a) => a.element === 'water_supply')!.wearPercent).toBe(12);
  });

  it('a retried POST with the same key records one assessment; another body with it is 409', async () => {
    const site = await newSite(t);
    const key = `test-${randomUUID()}`;
    const a = await ok<Recorded>(await assess(t, site, { element: 'roof', wearPercent: 55 }, { key }), 201);
    const b = await ok<Recorded>(await assess(t, site, { element: 'roof', wearPercent: 55 }, { key }), 201);
    expect(b.assessment.id).toBe(a.assessment.id);
    expect(b.classification.history).toHaveLength(a.classification.history.length);
    const list = await ok<{ history: AssessmentView[] }>(
      await call(t, 'GET', `/buildings/${site.buildingId}/assessments`, { token: site.tokens.admin }),
    );
    expect(list.history).toHaveLength(1);
    await problem(await assess(t, site, { element: 'roof', wearPercent: 56 }, { key }), 409, {
      detail: 'this Idempotency-Key was already used for a different assessment',
    });
  });

  it('two retries racing with one key still record one assessment', async () => {
    const site = await newSite(t);
    const key = `test-${randomUUID()}`;
    const [a, b] = await Promise.all(
      [1, 2].map(async () =>
        ok<Recorded>(await assess(t, site, { element: 'facade', wearPercent: 20 }, { key }), 201),
      ),
    );
    expect(a!.assessment.id).toBe(b!.assessment.id);
    expect((await classOf(site)).history).toHaveLength(1);
  });

  it('the thresholds come from CLASSIFICATION_POLICY, and the history keeps the ones used', async () => {
    const strict = await createTestApp({
      withTemporal: false,
      env: { CLASSIFICATION_POLICY: JSON.stringify({ yellowWear: 35 }) },
    });
    try {
      const site = await newSite(strict);
      await allAt(strict, site, 10);
      const r = await ok<Recorded>(await assess(strict, site, { element: 'roof', wearPercent: 36 }), 201);
      expect(r.classification.reasons).toEqual([
        { rule: 'element_wear', class: 'yellow', element: 'roof', wearPercent: 36, threshold: 35 },
      ]);
      const [stored] = await strict.deps.orm.em
        .fork()
        .getConnection()
        .execute<{ policy: { yellowWear: number; redWear: number } }[]>(
          'select policy from building_classification where building_id = ? order by seq desc limit 1',
          [site.buildingId],
        );
      expect(stored!.policy).toMatchObject({ yellowWear: 35, redWear: 70 });
    } finally {
      await strict.close();
    }
    expect(() => loadConfig({ CLASSIFICATION_POLICY: '[1]' })).toThrow(ConfigError);
  });
});
