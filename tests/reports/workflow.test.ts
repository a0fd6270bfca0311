// The quarter's workflow on the real Temporal dev server and PostgreSQL. A quarter already over
// (2026-Q3) has its deadline behind it, so the workflow stops the building's accrual at once and
// sleeps on the horizon; the report's entry lifts the stop and the signal ends the workflow. The
// current quarter waits on its reminders; an entry and the signal end it with nothing stopped. The
// quarterly fan-out starts one workflow per managed building, and a second start starts none.
// The schedule is checked as billing's is.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createReportActivities } from '../../activities/reports/index.ts';
import { actOnReport } from '../../db/reports/repository.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { reportId } from '../../domain/common/links.ts';
import { DEFAULT_REPORT_POLICY as P } from '../../domain/reports/policy.ts';
import { firstDayOf, quarterOf } from '../../domain/reports/quarters.ts';
import { ensureReportsSchedule } from '../../platform/reports-schedule.ts';
import { startWorkflow } from '../../platform/workflow-client.ts';
import {
  type ReportQuarterState,
  reportEnteredSignal,
  reportQuarterStateQuery,
  reportQuarterWorkflow,
  reportQuarterWorkflowId,
  reportsQuarterStartWorkflow,
} from '../../workflows/reports/contract.ts';
import { accrueMonth } from '../billing/month.ts';
import { until } from '../support/api-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { inAppOnlyPerson } from '../support/in-app-person.ts';
import { inboxNotice } from '../support/sent-link.ts';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness.ts';
import { type ManagedBuilding, managedBuilding, workContent } from './fixtures.ts';

let db: TestDatabase;
let h: WorkerHarness;
const em = () => h.orm.em.fork();

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'reports_workflow');
  h = await startWorkerHarness({
    databaseUrl: db.url,
    temporalAddress: inject('temporalAddress'),
    env: { DATABASE_POOL_MAX: '4' },
    taskQueuePrefix: 'reports-test',
    taskQueues: (taskQueue) => ({ reports: taskQueue }),
  });
});
afterAll(async () => {
  await h?.stop();
  await db?.drop();
});

const start = (b: ManagedBuilding, quarter: string) =>
  startWorkflow(h.client, reportQuarterWorkflow, {
    args: [{ buildingId: b.buildingId, quarter, policy: P }],
    taskQueue: h.taskQueue,
    workflowId: reportQuarterWorkflowId(b.buildingId, quarter),
  });

async function enter(b: ManagedBuilding, quarter: string, doneOn: string) {
  const base = {
    buildingId: b.buildingId,
    quarter,
    organizationId: b.organizationId,
    userId: '00000000-0000-4000-8000-000000000001',
    requestSha256: 'a'.repeat(64),
    policy: P,
  };
  await actOnReport(em(), {
    ...base,
    command: { type: 'save_draft', content: workContent(doneOn) },
    requestId: randomUUID(),
  });
  return actOnReport(em(), { ...base, command: { type: 'submit' }, requestId: randomUUID() });
}

/** The workflow's state once `ready` holds (a query, asked until it does). */
const stateWhen = (
  handle: { query: (q: typeof reportQuarterStateQuery) => Promise<ReportQuarterState> },
  ready: (s: ReportQuarterState) => boolean,
) =>
  until('the workflow’s state', async () => {
    const s = await handle.query(reportQuarterStateQuery);
    return ready(s) ? s : undefined;
  });

async function chargedMonths(buildingId: string) {
  const rows = await em().execute<{ period: string }[]>(
    `select distinct period from ledger_transfer where building_id = ? and kind = 'accrual' order by period`,
    [buildingId],
  );
  return rows.map((r) => r.period);
}

describe('reportQuarter', () => {
  it('stops a past quarter’s missing report at once, then the entry lifts it from the first month not yet accrued', async () => {
    const b = await managedBuilding(h.orm, { from: '2026-07-01' });
    const handle = await start(b, '2026-Q3');
    const state = await stateWhen(handle, (s) => s.suspendedThrough !== null);
    expect(state).toMatchObject({ entered: false, remindersSent: 0, suspendedThrough: '2027-09' });
    const [stops] = await em().execute<{ periods: string[] }[]>(
      `select json_agg(period order by period) as periods from billing_suspension where building_id = ? and rule = ?`,
      [b.buildingId, 'quarterly_report:2026-Q3'],
    );
    expect(stops!.periods).toHaveLength(12);
    expect(stops!.periods[0]).toBe('2026-10');

    await accrueMonth(h.orm, b.districtId, '2026-10');
    const entered = await enter(b, '2026-Q3', '2026-08-15');
    expect(entered.lift).toMatchObject({ kept: ['2026-10'], from: '2026-11' });
    await handle.signal(reportEnteredSignal);
    expect(await handle.result()).toEqual({ outcome: 'entered_late', suspendedThrough: '2027-09' });

    for (const m of ['2026-10', '2026-11']) await accrueMonth(h.orm, b.districtId, m);
    expect(await chargedMonths(b.buildingId)).toEqual(['2026-11']);
  });

  it('waits on the current quarter’s reminders; an entry and its signal end it with nothing stopped', async () => {
    const quarter = quarterOf(tashkentDate(Date.now()));
    const b = await managedBuilding(h.orm, { from: '2026-07-01' });
    const handle = await start(b, quarter);
    await stateWhen(handle, (s) => !s.entered);
    await enter(b, quarter, firstDayOf(quarter));
    await handle.signal(reportEnteredSignal);
    expect(await handle.result()).toEqual({ outcome: 'on_time' });
    const [n] = await em().execute<{ n: number }[]>(
      `select count(*)::int as n from billing_suspension where building_id = ?`,
      [b.buildingId],
    );
    expect(n!.n).toBe(0);
  });
});

describe('the reminder', () => {
  it('mails the managing organization once per reminder time, and nothing once the report is in', async () => {
    const b = await managedBuilding(h.orm, { from: '2026-07-01' });
    const [org] = await em().execute<{ email: string }[]>(
      `select email from management_organization where id = ?`,
      [b.organizationId],
    );
    const acts = createReportActivities({
      orm: h.orm,
      mailer: h.mailer,
      from: h.config.mail.from,
      publicUrl: h.config.publicUrl,
      portalUrl: h.config.portalUrl,
      policy: P,
    });
    // A staff member of the organization with no email, phone or Telegram, reading English.
    const staff = await inAppOnlyPerson(em(), {
      language: 'en',
      grants: [{ role: 'management_company', organizationId: b.organizationId }],
    });
    const quarter = quarterOf(tashkentDate(Date.now()));
    const input = { buildingId: b.buildingId, quarter, at: Date.now() };
    expect(await acts.remindAboutReport(input)).toEqual({ entered: false, sent: true });
    expect(await acts.remindAboutReport(input)).toEqual({ entered: false, sent: true });
    // The staff member finds it in the inbox once, in English, linked to the report it names.
    const notice = await inboxNotice(em(), staff.personId, quarter.slice(0, 4), 'en');
    expect(notice.kind).toBe('report_reminder');
    expect(new URL(notice.link).searchParams.get('open')).toBe(`report:${reportId(b.buildingId, quarter)}`);
    const mails = await until('the reminder', async () => {
      const m = h.catcher.messages().filter((x) => x.to.includes(org!.email));
      return m.length > 0 ? m : undefined;
    });
    expect(mails).toHaveLength(1);
    // In the state language, the quarter in words: "2026-yil 4-chorak hisoboti".
    expect(mails[0]!.subject).toContain(`${quarter.slice(0, 4)}-yil ${quarter.slice(-1)}-chorak`);
    await enter(b, quarter, firstDayOf(quarter));
    expect(await acts.remindAboutReport({ ...input, at: input.at + 1 })).toEqual({
      entered: true,
      sent: false,
    });
  });
});

describe('the quarter’s fan-out', () => {
  it('starts one workflow per managed building in batches, and none on a second start', async () => {
    const quarter = '2026-Q2';
    const [{ n: managed }] = (await em().execute<{ n: number }[]>(
      `select count(*)::int as n from building where management_organization_id is not null`,
    )) as [{ n: number }];
    const run = (suffix: string) =>
      startWorkflow(h.client, reportsQuarterStartWorkflow, {
        args: [{ quarter, batchSize: 1, policy: P }],
        taskQueue: h.taskQueue,
        workflowId: `reports-quarter-test-${suffix}-${randomUUID()}`,
      }).then((x) => x.result());
    expect(await run('first')).toEqual({ quarter, started: managed });
    expect(await run('second')).toEqual({ quarter, started: 0 });
    // Every building's 2026-Q2 workflow stops its accrual (no report was entered) and sleeps.
    const ids = await em().execute<{ id: string }[]>(
      `select id from building where management_organization_id is not null`,
    );
    for (const { id } of ids) {
      const handle = h.client.workflow.getHandle(reportQuarterWorkflowId(id, quarter));
      const s = await stateWhen(handle, (x) => x.suspendedThrough !== null);
      expect(s.suspendedThrough).toBe('2027-06');
      await handle.terminate('test over');
    }
  });
});

describe('the quarterly schedule', () => {
  it('starts reportsQuarterStart on each quarter’s first day in Tashkent with the configured policy, and is kept up to date', async () => {
    const scheduleId = `reports-quarter-test-${randomUUID()}`;
    const opts = { scheduleId, taskQueue: h.taskQueue };
    expect(await ensureReportsSchedule(h.client, h.config, opts)).toBe('created');
    expect(await ensureReportsSchedule(h.client, h.config, opts)).toBe('updated');
    const handle = h.client.schedule.getHandle(scheduleId);
    try {
      const d = await handle.describe();
      expect(d.spec.timezone).toBe('Asia/Tashkent');
      expect(d.spec.calendars?.[0]).toMatchObject({
        month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'].map((m) => ({ start: m, end: m, step: 1 })),
        dayOfMonth: [{ start: 1 }],
        hour: [{ start: 0 }],
        minute: [{ start: 20 }],
      });
      expect(d.policies.catchupWindow).toBe(h.config.reports.catchupWindowMs);
      expect(d.action).toMatchObject({
        workflowType: 'reportsQuarterStart',
        args: [{ batchSize: h.config.reports.batchSize, policy: h.config.reports.policy }],
      });
    } finally {
      await handle.delete();
    }
  });
});
