// Commissioning changes. Each is one transaction under the application's row lock: the pure state
// machine (domain/commissioning/application.ts) decides with the facts read in the same
// transaction, and the audit event is written with the new state.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import {
  type CommissioningApplication as App,
  applyCommissioningCommand,
  applyForCommissioning,
  type CommissioningActor,
  type CommissioningCommand,
} from '../../domain/commissioning/application.ts';
import type { CommissioningFacts } from '../../domain/commissioning/conditions.ts';
import { type CommissioningRuleCode, refusalError } from '../../domain/commissioning/errors.ts';
import type { CommissioningPolicy } from '../../domain/commissioning/policy.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { startBillingOnCommissioning } from '../billing/public.ts';
import { Building, District, ManagementOrganization } from '../registry/entities.ts';
import { isUuid, lockIdempotencyKey, takeTurns } from '../sql.ts';
import {
  CommissioningApplicationRow,
  CommissioningEvent,
  type ICommissioningApplication,
} from './entities.ts';

export const actorOf = (principal: Principal): CommissioningActor => ({
  kind: 'user',
  principal,
  actingForTin: principal.developerTin ?? null,
});
export const SYSTEM: CommissioningActor = { kind: 'system' };

const ms = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : null);

export function appOf(r: ICommissioningApplication): App {
  return {
    id: r.id,
    buildingId: r.buildingId,
    districtId: r.district.id,
    developerTin: r.developerTin,
    state: r.state,
    since: ms(r.since)!,
    appliedAt: ms(r.appliedAt)!,
    dueAt: ms(r.dueAt),
    conditions: r.conditions,
    rejection: r.rejection ?? null,
  };
}

export async function lockApplication(tx: EntityManager, id: string) {
  if (!isUuid(id))
    throw new RuleError<CommissioningRuleCode>('not_found', `application ${id} does not exist`);
  const row = await tx.findOne(
    CommissioningApplicationRow,
    { id },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!row) throw new RuleError<CommissioningRuleCode>('not_found', `application ${id} does not exist`);
  return row;
}

/** What the integrations and the register say now: the registry building, the organization's status. */
export async function factsOf(em: EntityManager, r: ICommissioningApplication): Promise<CommissioningFacts> {
  const building = await em.findOne(Building, { id: r.buildingId }, { refresh: true });
  const moTin = r.conditions.management_organization_engaged?.evidence.managementOrganizationTin;
  const mo = moTin ? await em.findOne(ManagementOrganization, { tin: moTin }, { refresh: true }) : null;
  const facts: CommissioningFacts = {};
  // Shown means the building row exists; its absence undoes a recorded "shown" only once recorded.
  if (building && building.cadastralNumber === r.cadastralNumber)
    facts.observed = { shown_in_registry: true };
  else if (r.conditions.shown_in_registry) facts.observed = { shown_in_registry: false };
  if (moTin) facts.managementOrganizationStatus = mo?.registerStatus ?? null;
  return facts;
}

export interface ApplyInput {
  id: string;
  cadastralNumber: string;
  districtId: string;
  developerName: string;
  contactEmail: string;
  principal: Principal;
  policy: CommissioningPolicy;
  idempotencyKey: string;
  requestSha256: string;
}

/** Opens an application, or answers the one an earlier request with the same key opened. */
export async function createApplication(
  em: EntityManager,
  input: ApplyInput,
): Promise<{ id: string; created: boolean }> {
  return em.transactional(async (tx) => {
    await lockIdempotencyKey(tx, 'commissioning_application', input.idempotencyKey);
    const seen = await tx.findOne(CommissioningApplicationRow, { idempotencyKey: input.idempotencyKey });
    if (seen) {
      if (seen.requestSha256 !== input.requestSha256)
        throw new RuleError<CommissioningRuleCode>(
          'idempotency_conflict',
          'the Idempotency-Key was used for another request',
        );
      return { id: seen.id, created: false };
    }
    const district = await tx.findOne(District, { id: input.districtId });
    if (!district) throw new RuleError<CommissioningRuleCode>('invalid', 'no such district', ['districtId']);
    const existing = await tx.findOne(Building, { cadastralNumber: input.cadastralNumber });
    // One building's applications take turns here, so two sent at once cannot both see none open.
    await takeTurns(tx, `commissioning:${input.cadastralNumber}`);
    const open = await tx.count(CommissioningApplicationRow, {
      cadastralNumber: input.cadastralNumber,
      state: { $in: ['applied', 'checking', 'waiting'] },
    });
    if (open > 0)
      throw new RuleError<CommissioningRuleCode>(
        'wrong_state',
        'an application for this building is open already',
        ['cadastralNumber'],
      );
    const now = Date.now();
    const r = applyForCommissioning(
      {
        id: input.id,
        // A building the registry knows already is commissioned as it is; else its row is made later.
        // (Held by a building of another district, the number is a conflict the registry step reports.)
        buildingId: existing && existing.district.id === input.districtId ? existing.id : input.id,
        districtId: input.districtId,
        developerTin: input.principal.developerTin ?? '',
      },
      actorOf(input.principal),
      now,
    );
    if (!r.ok) throw refusalError(r.refusal);
    const a = r.application;
    tx.create(CommissioningApplicationRow, {
      id: a.id,
      buildingId: a.buildingId,
      district,
      cadastralNumber: input.cadastralNumber,
      developerTin: a.developerTin,
      developerName: input.developerName,
      contactEmail: input.contactEmail,
      applicantUserId: input.principal.userId,
      state: a.state,
      since: new Date(a.since),
      appliedAt: new Date(a.appliedAt),
      dueAt: null,
      conditions: {},
      rejection: null,
      policy: input.policy,
      passport: null,
      registryProblem: null,
      idempotencyKey: input.idempotencyKey,
      requestSha256: input.requestSha256,
    });
    tx.create(CommissioningEvent, {
      application: a.id,
      actorUserId: input.principal.userId,
      action: 'apply',
      fromState: null,
      toState: a.state,
      data: { cadastralNumber: input.cadastralNumber },
    });
    return { id: a.id, created: true };
  });
}

/**
 * Applies a command inside the caller's transaction, on the locked row; throws the refusal.
 * `then` runs in the same transaction after a success (the registry side of commissioning).
 */
export async function applyLocked(
  tx: EntityManager,
  row: ICommissioningApplication,
  command: CommissioningCommand,
  actor: CommissioningActor,
): Promise<App> {
  const before = appOf(row);
  const r = applyCommissioningCommand(row.policy, before, command, actor, await factsOf(tx, row), Date.now());
  if (!r.ok) throw refusalError(r.refusal);
  const a = r.application;
  Object.assign(row, {
    state: a.state,
    since: new Date(a.since),
    dueAt: a.dueAt === null ? null : new Date(a.dueAt),
    conditions: a.conditions,
    rejection: a.rejection,
  });
  if (a.state === 'commissioned') await onCommissioned(tx, row);
  tx.create(CommissioningEvent, {
    application: row.id,
    actorUserId: actor.kind === 'system' ? null : actor.principal.userId,
    action: command.type,
    fromState: before.state,
    toState: a.state,
    data: { ...command, ...(a.rejection && a.state === 'rejected' ? { rejection: a.rejection } : {}) },
  });
  return a;
}

/**
 * The commissioned building is managed by the organization the developer engaged, and the billing
 * account the developer filed for it counts from today.
 */
async function onCommissioned(tx: EntityManager, row: ICommissioningApplication) {
  await startBillingOnCommissioning(tx, row.buildingId, tashkentDate(Date.now()));
  const tin = row.conditions.management_organization_engaged?.evidence.managementOrganizationTin;
  const building = await tx.findOne(Building, { id: row.buildingId });
  const mo = tin ? await tx.findOne(ManagementOrganization, { tin }) : null;
  if (building && mo) building.managementOrganization = mo;
}

export async function applyCommand(
  em: EntityManager,
  id: string,
  command: CommissioningCommand,
  actor: CommissioningActor,
): Promise<App> {
  return em.transactional(async (tx) => applyLocked(tx, await lockApplication(tx, id), command, actor));
}
