// The register's periodic re-check on the real PostgreSQL with the quarterly reports as a finding
// source: one report that missed its deadline is no finding; a second within the year (one entered
// late, one never entered) fails the re-check's 'quarterly_reports' requirement and suspends the
// organization, naming both reports.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.ts';
import { applyToApplication, createApplication } from '../../db/register/repository.ts';
import { actOnReport, stopForMissingReport } from '../../db/reports/repository.ts';
import { addMonths } from '../../domain/billing/period.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { DEFAULT_REGISTER_POLICY } from '../../domain/register/policy.ts';
import { DEFAULT_REPORT_POLICY as P } from '../../domain/reports/policy.ts';
import { deadlineAt, lastDayOf, quarterOf } from '../../domain/reports/quarters.ts';
import { managedBuilding, workContent } from '../reports/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { testPrincipal as principal } from '../support/principal.ts';

let db: TestDatabase;
let orm: Orm;
const em = () => orm.em.fork();

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'register_recheck_reports');
  orm = await createOrm({ url: db.url, poolMax: 4 });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

describe('the re-check and the quarterly reports', () => {
  it('finds against an organization whose reports were late twice within a year, and not once', async () => {
    const b = await managedBuilding(orm);
    const [org] = await em().execute<{ tin: string }[]>(
      `select tin from management_organization where id = ?`,
      [b.organizationId],
    );
    const staff = principal({ roles: ['management_company'], organizationId: b.organizationId });
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
      principal: staff,
      policy: DEFAULT_REGISTER_POLICY,
      idempotencyKey: randomUUID(),
      requestSha256: 'a'.repeat(64),
    });
    const council = principal({ roles: ['council'], districtId: b.districtId });
    await applyToApplication(em(), {
      applicationId: application.id,
      action: { type: 'register' },
      actor: { kind: 'user', principal: council },
      requestId: 'register',
    });
    const recheck = (id: string) =>
      applyToApplication(em(), {
        applicationId: application.id,
        action: { type: 'recheck' },
        actor: { kind: 'system' },
        requestId: id,
      });

    // The last quarter that ended: its report never entered, the deadline's stop recorded.
    const month = tashkentDate(Date.now()).slice(0, 7);
    const last = quarterOf(addMonths(month, -3));
    const older = quarterOf(addMonths(month, -6));
    await stopForMissingReport(em(), {
      buildingId: b.buildingId,
      quarter: last,
      policy: P,
      requestId: 'deadline',
      now: deadlineAt(last, P) + 60_000,
    });
    const once = await recheck('recheck-1');
    expect(once.application.state).toBe('registered');
    expect(once.application.verdicts.find((v) => v.requirement === 'quarterly_reports')).toMatchObject({
      ok: true,
    });

    // The quarter before: entered a day after its deadline.
    const lateAt = deadlineAt(older, P) + 24 * 60 * 60 * 1000;
    for (const command of [
      { type: 'save_draft' as const, content: workContent(lastDayOf(older)) },
      { type: 'submit' as const },
    ])
      await actOnReport(em(), {
        buildingId: b.buildingId,
        quarter: older,
        command,
        organizationId: b.organizationId,
        userId: staff.userId,
        requestId: randomUUID(),
        requestSha256: 'b'.repeat(64),
        policy: P,
        now: lateAt,
      });
    const twice = await recheck('recheck-2');
    expect(twice.application.state).toBe('suspended');
    expect(twice.application.reason).toBe('recheck_failed');
    const finding = twice.application.verdicts.find((v) => v.requirement === 'quarterly_reports');
    expect(finding).toMatchObject({ ok: false, field: 'quarterlyReports' });
    expect(finding!.reason).toContain(`${older} (building ${b.buildingId})`);
    expect(finding!.reason).toContain(`${last} (building ${b.buildingId})`);
    // The other requirements still pass: the finding is the reports' alone.
    expect(twice.application.verdicts.filter((v) => !v.ok).map((v) => v.requirement)).toEqual([
      'quarterly_reports',
    ]);
  });
});
