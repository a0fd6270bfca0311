// The response-time figures read from PostgreSQL: only the columns they need (the first clock of
// each kind picked out of the stored request), per organization and quarter, each call measured by
// the answer times it was registered under; and the dispatch record the register's re-check reads
// (round-the-clock roster coverage since the organization's first record, legal times met).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { figureRows, quarterRange } from '../../db/dispatch/figures.ts';
import { dispatchRecordOf, quarterFiguresOf } from '../../db/dispatch/public.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { DEFAULT_DISPATCH_POLICY } from '../../domain/dispatch/policy.ts';
import { DISPATCH_CATEGORIES } from '../../domain/dispatch/triage.ts';
import { managedBuilding } from '../reports/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { MIN, placeRequest, placeShift } from './records.ts';

let db: TestDatabase;
let orm: Orm;
const em = () => orm.em.fork();
const DAY = 1440 * MIN;

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'dispatch_figures');
  orm = await createOrm({ url: db.url, poolMax: 4 });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

describe('response-time figures from the database', () => {
  it('counts an organization’s quarter, its first clocks only, each call by its own answer time', async () => {
    const a = await managedBuilding(orm);
    const b = await managedBuilding(orm);
    const quarter = '2026-Q3';
    const t = quarterRange(quarter).from.getTime() + 10 * DAY;
    const at = (o: typeof a) => ({ organizationId: o.organizationId, buildingId: o.buildingId });
    await placeRequest(em, {
      ...at(a),
      at: t,
      category: 'water_leak',
      urgency: 'emergency',
      answeredAfter: 2,
      containedAfter: 20,
      doneAfter: 300,
      rating: 5,
    });
    await placeRequest(em, {
      ...at(a),
      at: t + MIN,
      category: 'water_leak',
      urgency: 'emergency',
      answeredAfter: 7,
      containedAfter: 40,
      doneAfter: 600,
      rating: 3,
    });
    // Never done within its week; the reopening's clock met at once is the service's own.
    await placeRequest(em, {
      ...at(a),
      at: t + 2 * MIN,
      category: 'yard',
      urgency: 'routine',
      answeredAfter: null,
      reopenedDoneAfter: 10,
    });
    // The quarter before, and another organization's.
    await placeRequest(em, {
      ...at(a),
      at: quarterRange(quarter).from.getTime() - DAY,
      category: 'yard',
      urgency: 'routine',
      answeredAfter: 1,
    });
    await placeRequest(em, {
      ...at(b),
      at: t,
      category: 'gas',
      urgency: 'urgent',
      answeredAfter: 7,
      policy: { ...DEFAULT_DISPATCH_POLICY, answerMinutes: 10, callBackMinutes: 15 },
    });

    const figures = await quarterFiguresOf(em(), a.organizationId, quarter, Date.now());
    expect(figures).toEqual({
      organizationId: a.organizationId,
      quarter,
      requests: 3,
      answer: { count: 2, decided: 2, inTime: 1, share: 0.5, medianMinutes: 4.5 },
      contain: { count: 2, decided: 2, inTime: 1, share: 0.5, medianMinutes: 30 },
      done: { count: 3, decided: 3, inTime: 2, share: 0.6667, medianMinutes: 450 },
      meanRating: 4,
    });
    // Registered when a call had ten minutes: seven is in time for it.
    const other = await quarterFiguresOf(em(), b.organizationId, quarter, Date.now());
    expect(other.answer).toEqual({ count: 1, decided: 1, inTime: 1, share: 1, medianMinutes: 7 });
    // The district's rows are its own organization's; a quiet quarter has zeros, not an error.
    const rows = await figureRows(em(), quarter, a.districtId);
    expect(rows.map((r) => r.organizationId)).toEqual([a.organizationId, a.organizationId, a.organizationId]);
    expect(rows.every((r) => r.clocks.length <= 2)).toBe(true);
    expect(await quarterFiguresOf(em(), a.organizationId, '2025-Q1', Date.now())).toMatchObject({
      requests: 0,
      answer: { count: 0, share: null },
    });
  });

  it('measures the dispatch record from the window or the first record, with its least covered role', async () => {
    const now = Date.now();
    const from = now - 10 * DAY;
    const c = await managedBuilding(orm);
    const org = c.organizationId;
    await placeShift(em, { organizationId: org, role: 'dispatcher', from: now - 30 * DAY, to: now + DAY });
    await placeShift(em, {
      organizationId: org,
      role: 'technician',
      from: now - 30 * DAY,
      to: now - 2 * DAY,
    });
    // The last two days nobody is on duty for the elevators.
    await placeShift(em, {
      organizationId: org,
      role: 'technician',
      from: now - 2 * DAY,
      to: now + DAY,
      categories: DISPATCH_CATEGORIES.filter((k) => k !== 'elevator'),
    });
    const at = { organizationId: org, buildingId: c.buildingId };
    await placeRequest(em, {
      ...at,
      at: now - 3 * DAY,
      category: 'water_leak',
      urgency: 'emergency',
      answeredAfter: 1,
      containedAfter: 25,
    });
    await placeRequest(em, {
      ...at,
      at: now - 3 * DAY,
      category: 'heating',
      urgency: 'emergency',
      answeredAfter: 9,
      containedAfter: 45,
    });
    // Before the window: not counted.
    await placeRequest(em, {
      ...at,
      at: now - 20 * DAY,
      category: 'gas',
      urgency: 'urgent',
      answeredAfter: 30,
    });

    const record = await dispatchRecordOf(em(), org, from, now);
    expect(record.from).toBe(from);
    expect(record.requests).toBe(2);
    expect(record.legal).toEqual({ decided: 4, inTime: 2, share: 0.5 });
    expect(record.coverage!.worst).toEqual({
      role: 'technician',
      category: 'elevator',
      uncoveredMs: 2 * DAY,
    });
    expect(record.coverage!.share).toBeCloseTo(0.8, 6);

    // An organization that started its roster five days ago is measured from then.
    const d = await managedBuilding(orm);
    await placeShift(em, {
      organizationId: d.organizationId,
      role: 'dispatcher',
      from: now - 5 * DAY,
      to: now,
    });
    await placeShift(em, {
      organizationId: d.organizationId,
      role: 'technician',
      from: now - 5 * DAY,
      to: now,
    });
    const started = await dispatchRecordOf(em(), d.organizationId, from, now);
    expect(started).toMatchObject({ from: now - 5 * DAY, requests: 0, coverage: { share: 1, worst: null } });

    // One with no shift and no request has nothing to measure.
    const e = await managedBuilding(orm);
    expect(await dispatchRecordOf(em(), e.organizationId, from, now)).toMatchObject({
      from: null,
      coverage: null,
      legal: { decided: 0, inTime: 0 },
    });
  });
});
