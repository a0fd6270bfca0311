// An organization change mid-quarter on the real PostgreSQL: the organization whose management
// terms in billing cover the quarter's last day must report for the whole quarter. The one that
// left is refused (even with a draft it started), the one that took over files, the deadline's
// stop and the reminder go to it, and a missed deadline counts against it in the register.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.ts';
import { lateReportsOf } from '../../db/reports/public.ts';
import {
  actOnReport,
  loadReport,
  reminderTarget,
  responsibleOrganization,
  stopForMissingReport,
} from '../../db/reports/repository.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { DEFAULT_REPORT_POLICY as P } from '../../domain/reports/policy.ts';
import { deadlineAt } from '../../domain/reports/quarters.ts';
import type { ReportCommand } from '../../domain/reports/status.ts';
import { concluded, createDistrict } from '../billing/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type ManagedBuilding, managedBuilding, requestId, workContent } from './fixtures.ts';

let db: TestDatabase;
let orm: Orm;
const em = () => orm.em.fork();

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'reports_org_change');
  orm = await createOrm({ url: db.url, poolMax: 4 });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const act = (b: ManagedBuilding, organizationId: string, command: ReportCommand, now: number) =>
  actOnReport(em(), {
    buildingId: b.buildingId,
    quarter: '2027-Q1',
    command,
    organizationId,
    userId: '00000000-0000-4000-8000-000000000001',
    requestId: requestId(),
    requestSha256: 'a'.repeat(64),
    policy: P,
    now,
  });

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof RuleError) return { code: err.code, fields: err.fields };
    throw err;
  }
  throw new Error('not refused');
}

/** The building's organization A (terms from 2027-01-01) hands over to B on 2027-02-15. */
async function takeover(opts: { draftByLeaver: boolean }) {
  const b = await managedBuilding(orm);
  const successor = await (await createDistrict(orm)).organization();
  if (opts.draftByLeaver)
    await act(
      b,
      b.organizationId,
      { type: 'save_draft', content: workContent('2027-01-20') },
      Date.parse('2027-02-01T06:00:00Z'),
    );
  await concluded(orm, {
    buildingId: b.buildingId,
    organizationId: successor,
    from: '2027-02-15',
    to: '2030-01-01',
    somPerM2: 1600,
  });
  await em().execute(`update building set management_organization_id = ? where id = ?`, [
    successor,
    b.buildingId,
  ]);
  return { b, leaver: b.organizationId, successor };
}

describe('an organization change mid-quarter', () => {
  it('makes the organization managing on the quarter’s last day report for the whole quarter', async () => {
    const { b, leaver, successor } = await takeover({ draftByLeaver: true });
    expect(await responsibleOrganization(em(), b.buildingId, '2027-Q1')).toBe(successor);

    const during = Date.parse('2027-03-10T06:00:00Z');
    expect(await refusal(act(b, leaver, { type: 'submit' }, during))).toEqual({
      code: 'not_managed',
      fields: ['buildingId'],
    });
    await act(b, successor, { type: 'save_draft', content: workContent('2027-02-20') }, during);
    const filed = await act(b, successor, { type: 'submit' }, during + 60_000);
    expect(filed.report).toMatchObject({ organizationId: successor, late: false });
    expect(filed.report.state.status).toBe('submitted');
  });

  it('sends the reminder and the missed deadline to the successor, and counts it against it', async () => {
    const { b, leaver, successor } = await takeover({ draftByLeaver: true });
    expect(await reminderTarget(em(), b.buildingId, '2027-Q1')).toMatchObject({ entered: false });
    const [successorRow] = await em().execute<{ name: string }[]>(
      `select name from management_organization where id = ?`,
      [successor],
    );
    expect((await reminderTarget(em(), b.buildingId, '2027-Q1')).organization).toBe(successorRow!.name);

    const after = deadlineAt('2027-Q1', P) + 60_000;
    await stopForMissingReport(em(), {
      buildingId: b.buildingId,
      quarter: '2027-Q1',
      policy: P,
      requestId: 'deadline',
      now: after,
    });
    expect((await loadReport(em(), b.buildingId, '2027-Q1'))!.organizationId).toBe(successor);
    expect((await lateReportsOf(em(), successor, after)).map((r) => r.quarter)).toEqual(['2027-Q1']);
    expect(await lateReportsOf(em(), leaver, after)).toEqual([]);
  });

  it('keeps the leaver responsible for a quarter whose last day its terms still covered', async () => {
    const b = await managedBuilding(orm);
    const successor = await (await createDistrict(orm)).organization();
    await concluded(orm, {
      buildingId: b.buildingId,
      organizationId: successor,
      from: '2027-04-01',
      to: '2030-01-01',
      somPerM2: 1600,
    });
    await em().execute(`update building set management_organization_id = ? where id = ?`, [
      successor,
      b.buildingId,
    ]);
    expect(await responsibleOrganization(em(), b.buildingId, '2027-Q1')).toBe(b.organizationId);
    expect(await responsibleOrganization(em(), b.buildingId, '2027-Q2')).toBe(successor);
    const late = Date.parse('2027-04-05T06:00:00Z');
    await act(b, b.organizationId, { type: 'save_draft', content: workContent('2027-03-20') }, late);
    expect((await act(b, b.organizationId, { type: 'submit' }, late)).report).toMatchObject({
      organizationId: b.organizationId,
      late: true,
    });
    expect(
      await refusal(act(b, successor, { type: 'save_draft', content: workContent('2027-03-20') }, late)),
    ).toEqual({
      code: 'not_managed',
      fields: ['buildingId'],
    });
  });
});
