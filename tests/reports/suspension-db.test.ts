// A missing quarterly report on the real PostgreSQL with billing's own accrual: the deadline's
// stop makes the suspended months' accrual write nothing but the gate's row saying why; entering
// the report lifts the stop from the first month not yet accrued; the months already closed stay
// uncharged through re-runs; the months charged are checked on the ledger. Also: an on-time
// report stops nothing, the stop waits for the accrual's gate under the building's lock, versions
// and request ids, and the organization's scope.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDistrictMonth } from '../../db/billing/accrual.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { actOnReport, stopForMissingReport } from '../../db/reports/repository.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { DEFAULT_REPORT_POLICY as P } from '../../domain/reports/policy.ts';
import { deadlineAt } from '../../domain/reports/quarters.ts';
import type { ReportCommand } from '../../domain/reports/status.ts';
import { accrueMonth } from '../billing/month.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { type ManagedBuilding, managedBuilding, requestId, workContent } from './fixtures.ts';

let db: TestDatabase;
let orm: Orm;
const em = () => orm.em.fork();

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'reports_suspension');
  orm = await createOrm({ url: db.url, poolMax: 6 });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const at = (iso: string) => Date.parse(iso);

/** The months the ledger holds contribution lines for, and how many lines each. */
async function chargedMonths(buildingId: string): Promise<Record<string, number>> {
  const rows = await em().execute<{ period: string; n: number }[]>(
    `select period, count(*)::int as n from ledger_transfer
      where building_id = ? and kind = 'accrual' group by period order by period`,
    [buildingId],
  );
  return Object.fromEntries(rows.map((r) => [r.period, r.n]));
}

async function gateRow(buildingId: string, period: string) {
  const [row] = await em().execute<{ status: string; reason: string | null }[]>(
    `select status, reason from billing_month where building_id = ? and period = ?`,
    [buildingId, period],
  );
  return row;
}

function act(
  b: ManagedBuilding,
  quarter: string,
  command: ReportCommand,
  now: number,
  id: string = requestId(),
) {
  return actOnReport(em(), {
    buildingId: b.buildingId,
    quarter,
    command,
    organizationId: b.organizationId,
    userId: '00000000-0000-4000-8000-000000000001',
    requestId: id,
    requestSha256: 'a'.repeat(64),
    policy: P,
    now,
  });
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof RuleError) return { code: err.code, fields: err.fields };
    throw err;
  }
  throw new Error('not refused');
}

describe('a missing quarterly report and billing', () => {
  it('stops the months after the deadline, charges nothing for them even on re-runs, and resumes from the first month not yet accrued', async () => {
    const b = await managedBuilding(orm);
    for (const m of ['2027-01', '2027-02', '2027-03']) await accrueMonth(orm, b.districtId, m);

    const stop = await stopForMissingReport(em(), {
      buildingId: b.buildingId,
      quarter: '2027-Q1',
      policy: P,
      requestId: 'deadline',
      now: deadlineAt('2027-Q1', P) + 60_000,
    });
    expect(stop.months[0]).toBe('2027-04');
    expect(stop.months).toHaveLength(12);
    expect(stop.through).toBe('2028-03');
    // A retried activity records nothing twice.
    expect(
      await stopForMissingReport(em(), {
        buildingId: b.buildingId,
        quarter: '2027-Q1',
        policy: P,
        requestId: 'deadline',
        now: deadlineAt('2027-Q1', P) + 120_000,
      }),
    ).toMatchObject({ months: stop.months, through: '2028-03' });

    for (const m of ['2027-04', '2027-05']) await accrueMonth(orm, b.districtId, m);
    expect(await gateRow(b.buildingId, '2027-04')).toEqual({
      status: 'suspended',
      reason: 'quarterly_report:2027-Q1: no quarterly report on completed work for 2027-Q1',
    });

    await act(
      b,
      '2027-Q1',
      { type: 'save_draft', content: workContent('2027-03-10') },
      at('2027-05-10T06:00:00Z'),
    );
    const submitted = await act(b, '2027-Q1', { type: 'submit' }, at('2027-05-10T07:00:00Z'));
    expect(submitted.lift).toMatchObject({ kept: ['2027-04', '2027-05'], from: '2027-06' });
    expect(submitted.report).toMatchObject({
      late: true,
      keptMonths: ['2027-04', '2027-05'],
      liftedFrom: '2027-06',
    });
    const [left] = await em().execute<{ periods: string[] }[]>(
      `select coalesce(json_agg(period order by period), '[]') as periods from billing_suspension where building_id = ?`,
      [b.buildingId],
    );
    expect(left!.periods).toEqual(['2027-04', '2027-05']);

    // Re-runs of the closed months, and the next months, after the report arrived.
    for (const m of ['2027-04', '2027-05', '2027-06', '2027-07', '2027-04'])
      await accrueMonth(orm, b.districtId, m);
    expect(await chargedMonths(b.buildingId)).toEqual({
      '2027-01': 2,
      '2027-02': 2,
      '2027-03': 2,
      '2027-06': 2,
      '2027-07': 2,
    });
    expect((await gateRow(b.buildingId, '2027-05'))?.status).toBe('suspended');
    const events = await em().execute<{ action: string }[]>(
      `select e.action from report_event e join report r on r.id = e.report_id where r.building_id = ? order by e.seq`,
      [b.buildingId],
    );
    expect(events.map((e) => e.action)).toEqual(['suspend', 'save_draft', 'submit', 'lift']);
  });

  it('stops nothing when the report came on time', async () => {
    const b = await managedBuilding(orm);
    await act(
      b,
      '2027-Q2',
      { type: 'save_draft', content: workContent('2027-06-01') },
      at('2027-06-20T06:00:00Z'),
    );
    const s = await act(b, '2027-Q2', { type: 'submit' }, at('2027-06-30T18:00:00Z'));
    expect(s.report).toMatchObject({ late: false, suspendedMonths: [] });
    expect(s.lift).toBeNull();
    const stop = await stopForMissingReport(em(), {
      buildingId: b.buildingId,
      quarter: '2027-Q2',
      policy: P,
      requestId: 'deadline',
      now: deadlineAt('2027-Q2', P),
    });
    expect(stop).toEqual({ entered: true, months: [], through: null });
    await accrueMonth(orm, b.districtId, '2027-07');
    expect(await chargedMonths(b.buildingId)).toEqual({ '2027-07': 2 });
  });

  it('refuses to stop before the deadline; a quarter ending on a Saturday stops from the next month', async () => {
    const b = await managedBuilding(orm);
    expect(
      await refusal(
        stopForMissingReport(em(), {
          buildingId: b.buildingId,
          quarter: '2028-Q3',
          policy: P,
          requestId: 'deadline',
          now: deadlineAt('2028-Q3', P) - 1,
        }),
      ),
    ).toEqual({ code: 'wrong_state', fields: ['quarter'] });
    // 2028-09-30 is a Saturday; the deadline stays at its end (Tashkent), the stop starts in October.
    expect(deadlineAt('2028-Q3', P)).toBe(at('2028-09-30T19:00:00Z'));
    const stop = await stopForMissingReport(em(), {
      buildingId: b.buildingId,
      quarter: '2028-Q3',
      policy: P,
      requestId: 'deadline',
      now: deadlineAt('2028-Q3', P),
    });
    expect(stop.months.slice(0, 2)).toEqual(['2028-10', '2028-11']);
  });

  it('lifts under the building’s lock: a month whose gate is being decided when the report arrives stays closed', async () => {
    const b = await managedBuilding(orm);
    await stopForMissingReport(em(), {
      buildingId: b.buildingId,
      quarter: '2027-Q3',
      policy: P,
      requestId: 'deadline',
      now: deadlineAt('2027-Q3', P),
    });
    await act(
      b,
      '2027-Q3',
      { type: 'save_draft', content: workContent('2027-08-10') },
      at('2027-10-01T06:00:00Z'),
    );
    let submit: Promise<Awaited<ReturnType<typeof act>>> | undefined;
    await em().transactional(async (tx) => {
      await openDistrictMonth(tx, b.districtId, '2027-10');
      submit = act(b, '2027-Q3', { type: 'submit' }, at('2027-10-02T06:00:00Z'));
      // Wait until the submission is blocked on the building's billing row, then let the gate commit.
      for (;;) {
        const [w] = await orm.em.fork().execute<{ n: number }[]>(
          `select count(*)::int as n from pg_stat_activity
            where wait_event_type = 'Lock' and query like '%from billing_building where building_id%for update%'`,
        );
        if (w!.n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
    });
    const s = await submit!;
    expect(s.lift).toMatchObject({ kept: ['2027-10'], from: '2027-11' });
    await accrueMonth(orm, b.districtId, '2027-10');
    await accrueMonth(orm, b.districtId, '2027-11');
    expect(await chargedMonths(b.buildingId)).toEqual({ '2027-11': 2 });
  });

  it('keeps every version, answers a repeated request once, and refuses a reused id with another body', async () => {
    const b = await managedBuilding(orm);
    await act(
      b,
      '2027-Q1',
      { type: 'save_draft', content: workContent('2027-02-01') },
      at('2027-03-01T06:00:00Z'),
    );
    await act(b, '2027-Q1', { type: 'submit' }, at('2027-03-02T06:00:00Z'), 'submit-1');
    const again = await act(b, '2027-Q1', { type: 'submit' }, at('2027-03-02T06:01:00Z'), 'submit-1');
    expect(again.replayed).toBe(true);
    const c = await act(
      b,
      '2027-Q1',
      { type: 'correct', content: workContent('2027-02-01', 1_000_000_00), reason: 'invoice was lower' },
      at('2027-04-20T06:00:00Z'),
    );
    expect(c.report.state.versions.map((v) => [v.version, v.reason, v.late])).toEqual([
      [1, null, false],
      [2, 'invoice was lower', true],
    ]);
    const rows = await em().execute<{ version: number; total: string; lines: number }[]>(
      `select v.version, v.total_cost_tiyin::text as total, (select count(*)::int from report_work w where w.version_id = v.id) as lines
         from report_version v join report r on r.id = v.report_id where r.building_id = ? order by v.version`,
      [b.buildingId],
    );
    expect(rows).toEqual([
      { version: 1, total: String(1_250_000_00 + 430_000_00), lines: 2 },
      { version: 2, total: String(1_000_000_00 + 430_000_00), lines: 2 },
    ]);
    const conflict = await refusal(
      actOnReport(em(), {
        buildingId: b.buildingId,
        quarter: '2027-Q1',
        command: { type: 'submit' },
        organizationId: b.organizationId,
        userId: '00000000-0000-4000-8000-000000000001',
        requestId: 'submit-1',
        requestSha256: 'b'.repeat(64),
        policy: P,
        now: at('2027-04-21T06:00:00Z'),
      }),
    );
    expect(conflict.code).toBe('idempotency_conflict');
    await expect(
      em().execute(`update report_version set reason = 'x' where report_id = ?`, [c.report.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses another organization’s building and a quarter that has not begun, writing nothing', async () => {
    const b = await managedBuilding(orm);
    const other = await managedBuilding(orm);
    expect(
      await refusal(
        act(
          { ...b, organizationId: other.organizationId },
          '2027-Q1',
          { type: 'save_draft', content: workContent('2027-02-01') },
          at('2027-03-01T06:00:00Z'),
        ),
      ),
    ).toEqual({ code: 'not_managed', fields: ['buildingId'] });
    expect(
      await refusal(
        act(
          b,
          '2027-Q2',
          { type: 'save_draft', content: workContent('2027-04-01') },
          at('2027-03-31T18:59:00Z'),
        ),
      ),
    ).toEqual({ code: 'quarter_not_begun', fields: ['quarter'] });
    const [n] = await em().execute<{ n: number }[]>(
      `select count(*)::int as n from report where building_id = ?`,
      [b.buildingId],
    );
    expect(n!.n).toBe(0);
  });
});
