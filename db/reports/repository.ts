// Report changes. Each is one transaction under the report's row lock: the pure rules
// (domain/reports) decide on the stored report, and the new state, its frozen version with its
// work lines, and the history event are written together. A change carries a request id, so a
// retried request or activity finds its own event and does not apply it twice. The deadline's
// stop and the report's lift go through billing's public surface in the same transaction.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { ReportRuleCode } from '../../domain/reports/errors.ts';
import type { ReportPolicy } from '../../domain/reports/policy.ts';
import { deadlineAt, hasBegun, isQuarter, lastDayOf } from '../../domain/reports/quarters.ts';
import {
  applyReportCommand,
  emptyReport,
  type ReportCommand,
  type ReportState,
} from '../../domain/reports/status.ts';
import {
  type Lift,
  liftSuspension,
  monthsToSuspend,
  suspensionReason,
  suspensionRule,
} from '../../domain/reports/suspension.ts';
import { administratorOn, liftable, resumeMonth, suspendMonth } from '../billing/public.ts';
import { Building, ManagementOrganization } from '../registry/entities.ts';
import { isUuid } from '../sql.ts';
import { drawUpAct } from './acts.ts';
import { type IReportRow, ReportEvent, ReportRow, ReportVersionRow, ReportWork } from './entities.ts';
import { assertOwnPhotos } from './photos.ts';

const refuse = (code: ReportRuleCode, message: string, fields: string[] = []): never => {
  throw new RuleError<ReportRuleCode>(code, message, fields);
};

export interface StoredReport {
  id: string;
  buildingId: string;
  quarter: string;
  organizationId: string | null;
  state: ReportState;
  policy: ReportPolicy;
  deadlineAt: number;
  enteredAt: number | null;
  late: boolean | null;
  suspendedMonths: string[];
  keptMonths: string[] | null;
  liftedFrom: string | null;
}

const stored = (r: IReportRow): StoredReport => ({
  id: r.id,
  buildingId: r.building.id,
  quarter: r.quarter,
  organizationId: r.organization?.id ?? null,
  state: r.state,
  policy: r.policy,
  deadlineAt: r.deadlineAt.getTime(),
  enteredAt: r.enteredAt?.getTime() ?? null,
  late: r.late ?? null,
  suspendedMonths: r.suspendedMonths,
  keptMonths: r.keptMonths ?? null,
  liftedFrom: r.liftedFrom ?? null,
});

/**
 * Who must report for the quarter (docs/domain/reports.md): the organization whose management
 * terms in billing cover the quarter's last day, so an organization that took the building over
 * mid-quarter reports for the whole quarter and the one that left reports for none of it. A
 * building without terms on that day (not billed yet) falls back to the registry's managing
 * organization.
 */
export async function responsibleOrganization(
  em: EntityManager,
  buildingId: string,
  quarter: string,
): Promise<string | null> {
  const byTerms = await administratorOn(em, buildingId, lastDayOf(quarter));
  if (byTerms) return byTerms;
  const [row] = await em.execute<{ id: string | null }[]>(
    `select management_organization_id as id from building where id = ?`,
    [buildingId],
  );
  return row?.id ?? null;
}

/**
 * The building's report row for the quarter, made on first need (the organization's first draft,
 * or the deadline finding nothing), and locked; its policy is frozen then. Until the report is
 * entered, its organization follows who must report (a takeover recorded later moves it); once
 * entered, it stays the one that entered it.
 */
async function lockedReport(tx: EntityManager, buildingId: string, quarter: string, policy: ReportPolicy) {
  await tx.execute(
    `insert into report (id, building_id, district_id, organization_id, quarter, status, state, policy, deadline_at,
                         suspended_months, created_at, updated_at)
     select gen_random_uuid(), b.id, b.district_id, b.management_organization_id, ?, 'due', ?::jsonb, ?::jsonb, ?,
            '[]'::jsonb, now(), now()
       from building b where b.id = ?
     on conflict (building_id, quarter) do nothing`,
    [
      quarter,
      JSON.stringify(emptyReport(quarter)),
      JSON.stringify(policy),
      new Date(deadlineAt(quarter, policy)),
      buildingId,
    ],
  );
  const row = await tx.findOne(
    ReportRow,
    { building: buildingId, quarter },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!row) return refuse('not_found', 'no such building', ['buildingId']);
  if (!row.enteredAt) {
    const responsible = await responsibleOrganization(tx, buildingId, quarter);
    if (responsible && row.organization?.id !== responsible)
      row.organization = tx.getReference(ManagementOrganization, responsible);
  }
  return row;
}

async function earlierEvent(tx: EntityManager, reportId: string, requestId: string) {
  return tx.findOne(ReportEvent, { report: reportId, requestId }, { fields: ['requestSha256', 'data'] });
}

export interface ReportActInput {
  buildingId: string;
  quarter: string;
  command: ReportCommand;
  /** The acting organization: it must be the one reporting for the quarter (responsibleOrganization). */
  organizationId: string;
  userId: string;
  requestId: string;
  requestSha256: string;
  policy: ReportPolicy;
  now?: number;
}

export interface ActResult {
  report: StoredReport;
  /** A repeated request: nothing was written. */
  replayed: boolean;
  /** The report's first entry lifted its quarter's suspension. */
  lift: Lift | null;
}

/**
 * Scope: the building exists and the organization is the one that must report on it for the
 * quarter. The API asks it before reading a body; actOnReport again inside its transaction.
 */
export async function assertReportsFor(
  em: EntityManager,
  input: Pick<ReportActInput, 'buildingId' | 'quarter' | 'organizationId'>,
): Promise<void> {
  if (!isQuarter(input.quarter)) refuse('invalid', "quarter: must be 'YYYY-Qn'", ['quarter']);
  if (!isUuid(input.buildingId)) refuse('not_found', 'no such building', ['buildingId']);
  const building = await em.findOne(Building, { id: input.buildingId }, { fields: ['id'] });
  if (!building) refuse('not_found', 'no such building', ['buildingId']);
  // Scope before state: only the organization that must report for this quarter acts on it.
  if ((await responsibleOrganization(em, input.buildingId, input.quarter)) !== input.organizationId)
    refuse('not_managed', 'your organization does not report for this building in this quarter', [
      'buildingId',
    ]);
}

/** Save a draft, submit, or correct: scope first, then the rule on the stored report, under its lock. */
export async function actOnReport(em: EntityManager, input: ReportActInput): Promise<ActResult> {
  if (!isQuarter(input.quarter)) refuse('invalid', "quarter: must be 'YYYY-Qn'", ['quarter']);
  if (!isUuid(input.buildingId)) refuse('not_found', 'no such building', ['buildingId']);
  return em.transactional(async (tx) => {
    const now = input.now ?? Date.now();
    await assertReportsFor(tx, input);
    if (!hasBegun(input.quarter, now))
      refuse('quarter_not_begun', `${input.quarter} has not begun`, ['quarter']);
    const row = await lockedReport(tx, input.buildingId, input.quarter, input.policy);
    const earlier = await earlierEvent(tx, row.id, input.requestId);
    if (earlier) {
      if (earlier.requestSha256 !== input.requestSha256)
        refuse('idempotency_conflict', 'this Idempotency-Key was used with another request');
      return { report: stored(row), replayed: true, lift: null };
    }
    const from = row.status;
    const next = applyReportCommand(row.policy, row.state, input.command, input.userId, now);
    if (input.command.type !== 'submit')
      await assertOwnPhotos(tx, input.buildingId, input.organizationId, input.command.content);
    row.state = next;
    row.status = next.status;
    if (input.command.type !== 'save_draft') {
      const v = next.versions.at(-1)!;
      const version = tx.create(ReportVersionRow, {
        report: row.id,
        version: v.version,
        reason: v.reason,
        late: v.late,
        submittedAt: new Date(v.submittedAt),
        submittedByUserId: input.userId,
        note: v.content.note,
        totalCostTiyin: v.content.works.reduce((s, w) => s + w.costTiyin, 0),
      });
      for (const [i, w] of v.content.works.entries())
        tx.create(ReportWork, {
          version,
          line: i + 1,
          kind: w.kind,
          element: w.element,
          description: w.description,
          quantityMilli: w.quantityMilli,
          unit: w.unit,
          costTiyin: w.costTiyin,
          doneOn: w.doneOn,
          photos: w.photos ?? [],
        });
      await drawUpAct(
        tx,
        {
          id: row.id,
          buildingId: input.buildingId,
          quarter: row.quarter,
          organizationId: input.organizationId,
        },
        v,
      );
    }
    tx.create(ReportEvent, {
      report: row.id,
      actorUserId: isUuid(input.userId) ? input.userId : null,
      action: input.command.type,
      fromStatus: from,
      toStatus: next.status,
      requestId: input.requestId,
      requestSha256: input.requestSha256,
      data:
        input.command.type === 'correct'
          ? { version: next.versions.length, reason: next.versions.at(-1)!.reason }
          : {},
    });
    let lift: Lift | null = null;
    if (input.command.type === 'submit') {
      row.enteredAt = new Date(now);
      row.late = next.versions[0]!.late;
      lift = await liftStops(tx, row);
    }
    await tx.flush();
    return { report: stored(row), replayed: false, lift };
  });
}

/** The report is in: its quarter's stop is lifted from the first month the accrual has not decided. */
async function liftStops(tx: EntityManager, row: IReportRow): Promise<Lift | null> {
  if (row.suspendedMonths.length === 0) return null;
  const decided = await liftable(tx, row.building.id, row.suspendedMonths);
  const lift = liftSuspension(row.suspendedMonths, decided);
  for (const period of lift.lifted)
    await resumeMonth(tx, { buildingId: row.building.id, period, rule: suspensionRule(row.quarter) });
  row.keptMonths = lift.kept;
  row.liftedFrom = lift.from;
  tx.create(ReportEvent, {
    report: row.id,
    actorUserId: null,
    action: 'lift',
    fromStatus: row.status,
    toStatus: row.status,
    requestId: null,
    requestSha256: null,
    data: { kept: lift.kept, lifted: lift.lifted, from: lift.from },
  });
  return lift;
}

export interface DeadlineInput {
  buildingId: string;
  quarter: string;
  policy: ReportPolicy;
  /** 'deadline' for the first stop, 'extend:<last recorded month>' for each extension. */
  requestId: string;
  now?: number;
}

export interface DeadlineResult {
  /** The report was entered: nothing stopped, and the workflow is done. */
  entered: boolean;
  /** Months recorded as suspended by this call (or by its first run, when repeated). */
  months: string[];
  /** The last month recorded as suspended so far. */
  through: string | null;
}

/**
 * The deadline passed (or the recorded months run out) and the report is not in: record the next
 * months as suspended in billing, under the report's row lock, once per request id.
 */
export async function stopForMissingReport(em: EntityManager, input: DeadlineInput): Promise<DeadlineResult> {
  return em.transactional(async (tx) => {
    const now = input.now ?? Date.now();
    const row = await lockedReport(tx, input.buildingId, input.quarter, input.policy);
    const through = () => row.suspendedMonths.at(-1) ?? null;
    const earlier = await earlierEvent(tx, row.id, input.requestId);
    if (earlier)
      return {
        entered: row.enteredAt != null,
        months: (earlier.data as { months?: string[] }).months ?? [],
        through: through(),
      };
    if (row.enteredAt) return { entered: true, months: [], through: through() };
    if (now < row.deadlineAt.getTime())
      refuse('wrong_state', `the deadline of ${row.quarter} has not passed`, ['quarter']);
    const first = row.suspendedMonths.length === 0;
    const months = monthsToSuspend(row.quarter, row.policy, through());
    for (const period of months)
      await suspendMonth(tx, {
        buildingId: row.building.id,
        period,
        rule: suspensionRule(row.quarter),
        reason: suspensionReason(row.quarter),
      });
    row.suspendedMonths = [...row.suspendedMonths, ...months];
    tx.create(ReportEvent, {
      report: row.id,
      actorUserId: null,
      action: first ? 'suspend' : 'extend',
      fromStatus: row.status,
      toStatus: row.status,
      requestId: input.requestId,
      requestSha256: null,
      data: { months },
    });
    await tx.flush();
    return { entered: false, months, through: through() };
  });
}

export async function loadReport(
  em: EntityManager,
  buildingId: string,
  quarter: string,
): Promise<StoredReport | null> {
  if (!isUuid(buildingId) || !isQuarter(quarter)) return null;
  const row = await em.findOne(ReportRow, { building: buildingId, quarter }, { refresh: true });
  return row ? stored(row) : null;
}

/** Who is reminded: the organization that must report for the quarter, unless the report is in. */
export async function reminderTarget(
  em: EntityManager,
  buildingId: string,
  quarter: string,
): Promise<{
  entered: boolean;
  email: string | null;
  organization: string | null;
  organizationId: string | null;
  address: string;
}> {
  const responsible = isUuid(buildingId) ? await responsibleOrganization(em, buildingId, quarter) : null;
  const [row] = await em.execute<
    { address: string; email: string | null; name: string | null; entered: boolean }[]
  >(
    `select b.address, o.email, o.name,
            exists (select 1 from report r where r.building_id = b.id and r.quarter = ? and r.entered_at is not null) as entered
       from building b left join management_organization o on o.id = ?
      where b.id = ?`,
    [quarter, responsible, buildingId],
  );
  if (!row) return refuse('not_found', 'no such building', ['buildingId']);
  return {
    entered: row.entered,
    email: row.email,
    organization: row.name,
    organizationId: row.name === null ? null : responsible,
    address: row.address,
  };
}

/** A page of the buildings that must report: those a management organization manages, by id. */
export async function reportingBuildings(
  em: EntityManager,
  after: string | null,
  limit: number,
): Promise<{ buildingIds: string[]; next: string | null }> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from building where management_organization_id is not null and id > ? order by id limit ?`,
    [after ?? '00000000-0000-0000-0000-000000000000', limit],
  );
  const buildingIds = rows.map((r) => r.id);
  return { buildingIds, next: buildingIds.length < limit ? null : buildingIds.at(-1)! };
}

/** The building a report is about, by the report's id (the history's stream), or null. */
export async function reportBuilding(em: EntityManager, reportId: string): Promise<string | null> {
  if (!isUuid(reportId)) return null;
  const [row] = await em.execute<{ building_id: string }[]>(`select building_id from report where id = ?`, [
    reportId,
  ]);
  return row?.building_id ?? null;
}
