// The register's periodic re-check on the real PostgreSQL with the dispatch service's record as a
// finding source: a 24-hour service is judged by the roster's real round-the-clock coverage and the
// share of calls answered and emergencies contained in the legal time, not by the declaration.
// An organization the dispatch service has no record of keeps its declared verdict.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.ts';
import { applyToApplication, createApplication } from '../../db/register/repository.ts';
import { DISPATCH_CATEGORIES } from '../../domain/dispatch/triage.ts';
import { DEFAULT_REGISTER_POLICY } from '../../domain/register/policy.ts';
import { MIN, placeRequest, placeShift } from '../dispatch/records.ts';
import { type ManagedBuilding, managedBuilding } from '../reports/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { testPrincipal as principal } from '../support/principal.ts';

let db: TestDatabase;
let orm: Orm;
const em = () => orm.em.fork();
const DAY = 1440 * MIN;

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'register_recheck_dispatch');
  orm = await createOrm({ url: db.url, poolMax: 4 });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

/** A registered organization managing one building, and its re-check. */
async function registered(): Promise<{
  b: ManagedBuilding;
  recheck: () => ReturnType<typeof applyToApplication>;
}> {
  const b = await managedBuilding(orm);
  const [org] = await em().execute<{ tin: string }[]>(
    `select tin from management_organization where id = ?`,
    [b.organizationId],
  );
  const { application } = await createApplication(em(), {
    id: randomUUID(),
    organizationId: b.organizationId,
    districtId: b.districtId,
    data: {
      tin: org!.tin,
      name: 'Obod Uy MChJ',
      ownFundsUzs: 50_000_000,
      technicalBase: [
        { category: 'premises', description: 'Office', quantity: 1 },
        { category: 'repair_tools', description: 'Plumbing kit', quantity: 4 },
        { category: 'emergency_equipment', description: 'Pump', quantity: 2 },
        { category: 'communication', description: 'Radio sets', quantity: 6 },
      ],
      dispatch: { hoursPerDay: 24, daysPerWeek: 7, phone: '+998712000001' },
    },
    principal: principal({ roles: ['management_company'], organizationId: b.organizationId }),
    policy: DEFAULT_REGISTER_POLICY,
    idempotencyKey: randomUUID(),
    requestSha256: 'a'.repeat(64),
  });
  await applyToApplication(em(), {
    applicationId: application.id,
    action: { type: 'register' },
    actor: { kind: 'user', principal: principal({ roles: ['council'], districtId: b.districtId }) },
    requestId: 'register',
  });
  return {
    b,
    recheck: () =>
      applyToApplication(em(), {
        applicationId: application.id,
        action: { type: 'recheck' },
        actor: { kind: 'system' },
        requestId: randomUUID(),
      }),
  };
}

const now = Date.now();
/** A dispatcher and an all-category technician on duty for the last 60 days, but for `gap` days. */
async function roster(organizationId: string, gapDays = 0) {
  await placeShift(em, { organizationId, role: 'dispatcher', from: now - 60 * DAY, to: now + DAY });
  await placeShift(em, {
    organizationId,
    role: 'technician',
    from: now - 60 * DAY,
    to: gapDays ? now - gapDays * DAY : now + DAY,
  });
  if (gapDays > 0)
    await placeShift(em, {
      organizationId,
      role: 'technician',
      from: now - gapDays * DAY,
      to: now + DAY,
      categories: DISPATCH_CATEGORIES.filter((k) => k !== 'gas'),
    });
}

/** `n` emergency calls over the last weeks, the first `late` of them answered in nine minutes. */
async function calls(b: ManagedBuilding, n: number, late: number) {
  const kinds = ['water_leak', 'heating', 'electricity', 'sewerage'] as const;
  for (let i = 0; i < n; i++)
    await placeRequest(em, {
      organizationId: b.organizationId,
      buildingId: b.buildingId,
      at: now - (i + 1) * DAY,
      category: kinds[i % kinds.length]!,
      urgency: 'emergency',
      answeredAfter: i < late ? 9 : 2,
      containedAfter: 20,
      doneAfter: 120,
    });
}

const dispatchVerdict = (r: Awaited<ReturnType<typeof applyToApplication>>) =>
  r.application.verdicts.find((v) => v.requirement === 'dispatch_service');

describe('the re-check and the dispatch service', () => {
  it('keeps an organization whose roster covered every hour and that met the legal times', async () => {
    const { b, recheck } = await registered();
    await roster(b.organizationId);
    await calls(b, 12, 1);
    const r = await recheck();
    expect(r.application.state).toBe('registered');
    expect(dispatchVerdict(r)).toMatchObject({ ok: true });
  });

  it('suspends one whose roster left a category without a technician for days', async () => {
    const { b, recheck } = await registered();
    await roster(b.organizationId, 3);
    const r = await recheck();
    expect(r.application.state).toBe('suspended');
    expect(r.application.reason).toBe('recheck_failed');
    expect(dispatchVerdict(r)).toMatchObject({ ok: false, field: 'dispatch.coverage' });
    expect(dispatchVerdict(r)!.reason).toContain('technician for gas');
    expect(r.application.verdicts.filter((v) => !v.ok).map((v) => v.requirement)).toEqual([
      'dispatch_service',
    ]);
  });

  it('suspends one that answered too few calls in time, once there are enough to judge by', async () => {
    const { b, recheck } = await registered();
    await roster(b.organizationId);
    // 12 answers and 12 containments decided, 4 answers late: 20 of 24 in time, 83 %.
    await calls(b, 12, 4);
    const r = await recheck();
    expect(r.application.state).toBe('suspended');
    expect(dispatchVerdict(r)).toMatchObject({ ok: false, field: 'dispatch.legalTimes' });
    expect(dispatchVerdict(r)!.reason).toContain('20 of 24');
  });

  it('keeps the declared verdict of one the dispatch service has no record of', async () => {
    const { recheck } = await registered();
    const r = await recheck();
    expect(r.application.state).toBe('registered');
    expect(dispatchVerdict(r)).toMatchObject({ ok: true });
  });
});
