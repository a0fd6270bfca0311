// The register's data access. Every change goes through the pure state machine
// (domain/register/status.ts) under a row lock, and writes its register_event and the
// organization's register_status in the same transaction, so the public status never disagrees
// with the history. Functions take an EntityManager first; rule violations are RuleErrors of the register's codes.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import type { Actor } from '../../domain/common/actor.ts';
import type { Page } from '../../domain/common/page.ts';
import type { RegisterStatus } from '../../domain/common/register-status.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { type CorrectionsRequest, commandOf, type RegisterStep } from '../../domain/register/actions.ts';
import type { RegisterRuleCode } from '../../domain/register/errors.ts';
import { DEFAULT_REGISTER_POLICY, type RegisterPolicy } from '../../domain/register/policy.ts';
import {
  type RegisterApplication as ApplicationData,
  assessApplication,
  dispatchRecordVerdict,
  type RequirementVerdict,
  reportingVerdict,
} from '../../domain/register/requirements.ts';
import {
  applyRegisterCommand,
  isSelectable,
  type RegisterEntry,
  type RegisterRefusal,
  type RegisterState,
  registerStatusOf,
} from '../../domain/register/status.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import { dispatchRecordOf } from '../dispatch/public.ts';
import { ManagementOrganization } from '../registry/entities.ts';
import { lateReportsOf } from '../reports/public.ts';
import { isoOrNull, isUuid } from '../sql.ts';
import { type DispatchEvidence, RegisterApplication, RegisterEvent } from './entities.ts';

/** What this module reads of a register_application row (relations as their primary keys). */
interface Row {
  id: string;
  organization: { id: string };
  district: { id: string };
  tin: string;
  name: string;
  ownFundsUzs: number;
  technicalBase: ApplicationData['technicalBase'];
  dispatch: DispatchEvidence;
  state: RegisterState;
  verdicts: RequirementVerdict[];
  corrections: CorrectionsRequest | null;
  correctionsDueAt: Date | null;
  lastCheckedAt: Date | null;
  decidedAt: Date | null;
  reason: string | null;
  policy: RegisterPolicy;
  requestSha256: string;
  createdAt: Date;
  updatedAt: Date;
}

function viewOf(r: Row): ApplicationView {
  return {
    id: r.id,
    organizationId: r.organization.id,
    districtId: r.district.id,
    tin: r.tin,
    name: r.name,
    ownFundsUzs: Number(r.ownFundsUzs),
    technicalBase: r.technicalBase,
    dispatch: r.dispatch,
    state: r.state,
    verdicts: r.verdicts,
    corrections: r.corrections,
    correctionsDueAt: isoOrNull(r.correctionsDueAt),
    lastCheckedAt: isoOrNull(r.lastCheckedAt),
    decidedAt: isoOrNull(r.decidedAt),
    reason: r.reason,
    submittedAt: r.createdAt.toISOString(),
  };
}

const dataOf = (
  r: Pick<Row, 'tin' | 'name' | 'ownFundsUzs' | 'technicalBase' | 'dispatch'>,
): ApplicationData => ({
  tin: r.tin,
  name: r.name,
  ownFundsUzs: Number(r.ownFundsUzs),
  technicalBase: r.technicalBase,
  dispatch: r.dispatch,
});

function entryOf(r: Row): RegisterEntry {
  return {
    organizationId: r.organization.id,
    districtId: r.district.id,
    state: r.state,
    since: r.updatedAt.getTime(),
    correctionsDueAt: r.correctionsDueAt?.getTime() ?? null,
    reason: r.reason as RegisterEntry['reason'],
    lastCheckedAt: r.lastCheckedAt?.getTime() ?? null,
  };
}

const MESSAGES: Record<RegisterRefusal['code'], string> = {
  not_allowed_from_state: 'not allowed in the current state',
  forbidden: 'the caller may not take this action',
  out_of_scope: 'the organization is outside the caller’s scope',
  requirements_not_met: 'the requirements are not met',
  corrections_deadline_passed: 'the deadline for corrections has passed',
  corrections_deadline_not_reached: 'the deadline for corrections has not passed yet',
  invalid_reason: 'the reason is not valid for this action',
};

export function refusalError(r: RegisterRefusal): RuleError<RegisterRuleCode> {
  switch (r.code) {
    case 'not_allowed_from_state':
      return new RuleError<RegisterRuleCode>(
        'wrong_state',
        `${r.action} is ${MESSAGES[r.code]} (${r.state})`,
      );
    case 'forbidden':
    case 'out_of_scope':
      return new RuleError<RegisterRuleCode>('forbidden', `${r.action}: ${MESSAGES[r.code]}`);
    case 'requirements_not_met':
      return new RuleError<RegisterRuleCode>(
        'requirements_not_met',
        `${MESSAGES[r.code]}: ${r.fields.join(', ')}`,
        r.fields,
      );
    case 'invalid_reason':
      return new RuleError<RegisterRuleCode>('invalid', `${MESSAGES[r.code]}: ${r.reason}`, ['reason']);
    case 'corrections_deadline_passed':
    case 'corrections_deadline_not_reached':
      return new RuleError<RegisterRuleCode>(
        'wrong_state',
        `${MESSAGES[r.code]} (${new Date(r.dueAt).toISOString()})`,
      );
  }
}

const actorUserId = (actor: Actor) =>
  actor.kind === 'user' && isUuid(actor.principal.userId) ? actor.principal.userId : null;

async function appendEvent(
  em: EntityManager,
  e: {
    organizationId: string;
    applicationId: string | null;
    actor: Actor;
    action: string;
    from: RegisterState | null;
    to: RegisterState;
    reason: string | null;
    data: Record<string, unknown>;
  },
) {
  em.create(RegisterEvent, {
    organization: e.organizationId,
    application: e.applicationId,
    actorUserId: actorUserId(e.actor),
    action: e.action,
    fromState: e.from,
    toState: e.to,
    reason: e.reason,
    data: e.data,
  });
  await em.nativeUpdate(
    ManagementOrganization,
    { id: e.organizationId },
    { registerStatus: registerStatusOf(e.to) },
  );
}

export async function getApplication(em: EntityManager, id: string): Promise<ApplicationView | null> {
  if (!isUuid(id)) return null;
  const row = await em.findOne(RegisterApplication, { id }, { refresh: true });
  return row ? viewOf(row as unknown as Row) : null;
}

export interface ApplicationFilter {
  state?: RegisterState;
  /** Scope: null means every district (or organization); both set means either may match. */
  districtId: string | null;
  organizationId: string | null;
  limit: number;
}

/**
 * Applications newest first, for a reviewer's or an applicant's queue. An empty scope (a caller
 * with neither a district nor an organization, admins aside) is the API's to refuse, not ours.
 */
export async function listApplications(em: EntityManager, f: ApplicationFilter): Promise<ApplicationView[]> {
  const scope = [
    ...(f.districtId ? [{ district: f.districtId }] : []),
    ...(f.organizationId ? [{ organization: f.organizationId }] : []),
  ];
  const rows = await em.find(
    RegisterApplication,
    { ...(f.state ? { state: f.state } : {}), ...(scope.length ? { $or: scope } : {}) },
    { orderBy: { createdAt: 'desc', id: 'desc' }, limit: f.limit, refresh: true },
  );
  return rows.map((r) => viewOf(r as unknown as Row));
}

/** The policy an application was made under, for the workflow's timers. */
export async function applicationPolicy(em: EntityManager, id: string): Promise<RegisterPolicy | null> {
  if (!isUuid(id)) return null;
  const row = await em.findOne(RegisterApplication, { id }, { fields: ['policy'], refresh: true });
  return row?.policy ?? null;
}

/** The organization's latest application: its entry in the register, if it ever applied. */
export async function currentApplicationOf(
  em: EntityManager,
  organizationId: string,
): Promise<ApplicationView | null> {
  if (!isUuid(organizationId)) return null;
  const row = await em.findOne(
    RegisterApplication,
    { organization: organizationId },
    { orderBy: { createdAt: 'desc', id: 'desc' }, refresh: true },
  );
  return row ? viewOf(row as unknown as Row) : null;
}

export interface CreateApplicationInput {
  id: string;
  organizationId: string;
  districtId: string;
  data: ApplicationData;
  principal: Principal;
  policy: RegisterPolicy;
  idempotencyKey: string;
  requestSha256: string;
}

/**
 * Stores the application with its verdicts and moves the organization to under_review. A replay
 * of the same key and body returns what was stored; the same key with another body is a conflict.
 */
export async function createApplication(
  em: EntityManager,
  input: CreateApplicationInput,
): Promise<{ application: ApplicationView; created: boolean }> {
  return em.transactional(async (tx) => {
    const org = await tx.findOne(
      ManagementOrganization,
      { id: input.organizationId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!org) throw new RuleError<RegisterRuleCode>('not_found', 'no such organization');
    const earlier = await tx.findOne(RegisterApplication, { idempotencyKey: input.idempotencyKey });
    if (earlier) {
      if (earlier.requestSha256 !== input.requestSha256)
        throw new RuleError<RegisterRuleCode>(
          'idempotency_conflict',
          'this Idempotency-Key was used with another request',
        );
      return { application: viewOf(earlier as unknown as Row), created: false };
    }
    const latest = await tx.findOne(
      RegisterApplication,
      { organization: input.organizationId },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
    const now = Date.now();
    const from: RegisterState = latest?.state ?? 'applicant';
    const entry: RegisterEntry = {
      organizationId: input.organizationId,
      districtId: input.districtId,
      state: from,
      since: now,
      correctionsDueAt: null,
      reason: null,
      lastCheckedAt: null,
    };
    const actor: Actor = { kind: 'user', principal: input.principal };
    const result = applyRegisterCommand(input.policy, entry, { type: 'submit' }, actor, now);
    if (!result.ok) throw refusalError(result.refusal);
    const verdicts = assessApplication(input.policy, input.data);
    const row = tx.create(RegisterApplication, {
      id: input.id,
      organization: input.organizationId,
      district: input.districtId,
      tin: input.data.tin,
      name: input.data.name,
      submittedByUserId: input.principal.userId,
      ownFundsUzs: input.data.ownFundsUzs,
      technicalBase: input.data.technicalBase,
      dispatch: input.data.dispatch,
      state: result.entry.state,
      verdicts,
      corrections: null,
      correctionsDueAt: null,
      lastCheckedAt: null,
      decidedAt: null,
      reason: null,
      policy: input.policy,
      idempotencyKey: input.idempotencyKey,
      requestSha256: input.requestSha256,
    });
    await appendEvent(tx, {
      organizationId: input.organizationId,
      applicationId: input.id,
      actor,
      action: 'submit',
      from,
      to: result.entry.state,
      reason: null,
      data: { verdicts },
    });
    await tx.flush();
    return { application: viewOf(row as unknown as Row), created: true };
  });
}

export type ApplyAction = RegisterStep;

export interface ApplyInput {
  applicationId: string;
  action: ApplyAction;
  actor: Actor;
  /** Names this change once: a retried activity finds its event and does not apply it twice. */
  requestId: string;
}

/**
 * One step of the state machine on an application, under its row lock. A re-check re-assesses
 * the stored evidence with the organization's current registry record (name, dispatch phone),
 * because that record is what owners and dispatch calls rely on after registration, and measures
 * its dispatch service and its quarterly reports by what they recorded.
 */
export async function applyToApplication(
  em: EntityManager,
  input: ApplyInput,
): Promise<{ application: ApplicationView; changed: boolean }> {
  return em.transactional(async (tx) => {
    const row = isUuid(input.applicationId)
      ? await tx.findOne(
          RegisterApplication,
          { id: input.applicationId },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        )
      : null;
    if (!row) throw new RuleError<RegisterRuleCode>('not_found', 'no such application');
    const r = row as unknown as Row;
    const done = await tx.execute<{ n: number }[]>(
      `select count(*)::int as n from register_event where application_id = ? and data->>'requestId' = ?`,
      [r.id, input.requestId],
    );
    if ((done[0]?.n ?? 0) > 0) return { application: viewOf(r), changed: false };

    const a = input.action;
    let data = dataOf(r);
    let verdicts = r.verdicts;
    if (a.type === 'resubmit') {
      data = { ...data, ...a.patch };
      verdicts = assessApplication(r.policy, data);
    }
    const now = Date.now();
    if (a.type === 'recheck') {
      const org = await tx.findOneOrFail(ManagementOrganization, { id: r.organization.id });
      data = { ...data, name: org.name, dispatch: { ...data.dispatch, phone: org.dispatchPhone } };
      // A policy frozen before the reports' finding existed takes its defaults.
      const policy = { ...DEFAULT_REGISTER_POLICY, ...r.policy };
      // The 24-hour service is judged by what the dispatch service recorded since the last year.
      const record = await dispatchRecordOf(
        tx,
        r.organization.id,
        now - policy.dispatchRecordDays * 24 * 60 * 60 * 1000,
        now,
      );
      verdicts = [
        ...assessApplication(policy, data).map((v) =>
          v.requirement === 'dispatch_service' ? dispatchRecordVerdict(policy, v, record) : v,
        ),
        reportingVerdict(policy, await lateReportsOf(tx, r.organization.id, now), now),
      ];
    }
    const command = commandOf(a, verdicts);
    const before = entryOf(r);
    const result = applyRegisterCommand(r.policy, before, command, input.actor, now);
    if (!result.ok) throw refusalError(result.refusal);
    const after = result.entry;

    if (a.type === 'resubmit') {
      row.name = data.name;
      row.ownFundsUzs = data.ownFundsUzs;
      row.technicalBase = data.technicalBase;
      row.dispatch = data.dispatch;
    }
    if (a.type === 'request_corrections') row.corrections = a.corrections;
    row.verdicts = verdicts;
    row.state = after.state;
    row.correctionsDueAt = after.correctionsDueAt === null ? null : new Date(after.correctionsDueAt);
    row.lastCheckedAt = after.lastCheckedAt === null ? null : new Date(after.lastCheckedAt);
    row.reason = after.reason;
    if (after.state === 'registered' || after.state === 'rejected') row.decidedAt ??= new Date(now);
    // Updated even when only lastCheckedAt moves: `since` of the entry is this timestamp.
    row.updatedAt = new Date(now);
    await appendEvent(tx, {
      organizationId: r.organization.id,
      applicationId: r.id,
      actor: input.actor,
      action: a.type,
      from: before.state,
      to: after.state,
      reason: after.reason,
      data: {
        requestId: input.requestId,
        ...(a.type === 'request_corrections' ? { corrections: a.corrections } : {}),
        ...(a.type === 'resubmit' || a.type === 'recheck' ? { verdicts } : {}),
      },
    });
    await tx.flush();
    return { application: viewOf(r), changed: true };
  });
}

export interface RegisterListItem {
  id: string;
  tin: string;
  name: string;
  registerStatus: RegisterStatus;
  dispatchPhone: string;
  /** When its status last changed; null if it never applied. */
  since: string | null;
}

export async function listRegister(
  em: EntityManager,
  q: { status?: RegisterStatus; page: number; pageSize: number },
): Promise<Page<RegisterListItem>> {
  const where = q.status ? 'where o.register_status = ?' : '';
  const params = q.status ? [q.status] : [];
  const [count] = await em
    .getConnection()
    .execute<{ n: number }[]>(`select count(*)::int as n from management_organization o ${where}`, params);
  const rows = await em.getConnection().execute<(Omit<RegisterListItem, 'since'> & { since: Date | null })[]>(
    `select o.id, o.tin, o.name, o.register_status as "registerStatus", o.dispatch_phone as "dispatchPhone",
            (select max(e.at) from register_event e where e.organization_id = o.id) as since
     from management_organization o ${where}
     order by o.name, o.id limit ? offset ?`,
    [...params, q.pageSize, (q.page - 1) * q.pageSize],
  );
  return {
    items: rows.map((r) => ({ ...r, since: r.since ? new Date(r.since).toISOString() : null })),
    page: q.page,
    pageSize: q.pageSize,
    total: count?.n ?? 0,
  };
}

export interface RegisterHistoryItem {
  at: string;
  action: string;
  fromState: RegisterState | null;
  toState: RegisterState;
  reason: string | null;
}

/** Oldest first. Null when the organization does not exist. */
export async function registerHistory(
  em: EntityManager,
  organizationId: string,
): Promise<{ organization: RegisterListItem; events: RegisterHistoryItem[] } | null> {
  if (!isUuid(organizationId)) return null;
  const org = await em.findOne(ManagementOrganization, { id: organizationId }, { refresh: true });
  if (!org) return null;
  const rows = await em.getConnection().execute<(Omit<RegisterHistoryItem, 'at'> & { at: Date })[]>(
    `select at, action, from_state as "fromState", to_state as "toState", reason
     from register_event where organization_id = ? order by chain_pos`,
    [organizationId],
  );
  const events = rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  return {
    organization: {
      id: org.id,
      tin: org.tin,
      name: org.name,
      registerStatus: org.registerStatus,
      dispatchPhone: org.dispatchPhone,
      since: events.at(-1)?.at ?? null,
    },
    events,
  };
}

/**
 * Whether owners or a council may choose this organization now (only a registered one). Read from
 * register_status, which every change keeps in step with the history, so organizations entered
 * before this register existed (the registry's own import) answer too.
 */
export async function isOrganizationSelectable(em: EntityManager, organizationId: string): Promise<boolean> {
  if (!isUuid(organizationId)) return false;
  const org = await em.findOne(ManagementOrganization, { id: organizationId }, { refresh: true });
  return org !== null && isSelectable(org.registerStatus);
}

export interface Recipient {
  email: string;
  name: string;
}

/** Owners with an email address in the buildings the organization manages, a page after `after`. */
/**
 * A page of the owners in the organization's buildings, by person id: every owner, with an email
 * or not, as notifications reach each by their own channels.
 */
export async function ownersOfManagedBuildings(
  em: EntityManager,
  organizationId: string,
  after: string | null,
  limit: number,
): Promise<{ personId: string }[]> {
  return em.getConnection().execute(
    `select distinct p.id as "personId"
     from building b
     join apartment a on a.building_id = b.id
     join ownership o on o.apartment_id = a.id
     join person p on p.id = o.person_id
     where b.management_organization_id = ? and p.id > ?
     order by p.id limit ?`,
    [organizationId, after ?? '00000000-0000-0000-0000-000000000000', limit],
  );
}

/**
 * Who hears of a removal: the organization, and the councils of the districts of its buildings
 * (their mailboxes; the districts name the people who act for them).
 */
export async function removalRecipients(
  em: EntityManager,
  organizationId: string,
): Promise<{ organization: Recipient; councils: Recipient[]; districtIds: string[] }> {
  const org = await em.findOneOrFail(ManagementOrganization, { id: organizationId }, { refresh: true });
  const councils = await em.getConnection().execute<Recipient[]>(
    `select distinct c.email, c.name from building b join council c on c.district_id = b.district_id
     where b.management_organization_id = ? and c.email is not null order by c.email`,
    [organizationId],
  );
  const districts = await em
    .getConnection()
    .execute<{ id: string }[]>(
      'select distinct b.district_id as id from building b where b.management_organization_id = ? order by 1',
      [organizationId],
    );
  return {
    organization: { email: org.email, name: org.name },
    councils,
    districtIds: districts.map((d) => d.id),
  };
}
