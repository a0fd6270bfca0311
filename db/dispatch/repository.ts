// Dispatch request changes. Each is one transaction: registration writes the request, its triage,
// its photos, its first event and any mass incident it completes together; a later change locks
// the request row, lets the pure rules (domain/dispatch) decide on what is stored, and writes the
// new state, its query columns and one event. Every change is named (an Idempotency-Key at
// registration, a request key after), so a retry finds its own work and does not repeat it.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import type { Actor } from '../../domain/common/actor.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { streetOf } from '../../domain/common/street.ts';
import { findDuplicates } from '../../domain/dispatch/duplicates.ts';
import type { DispatchRuleCode } from '../../domain/dispatch/errors.ts';
import { formatDispatchNumber, registerRequest } from '../../domain/dispatch/intake.ts';
import { detectMassIncident } from '../../domain/dispatch/mass-incidents.ts';
import { type DispatchPolicy, MINUTE_MS } from '../../domain/dispatch/policy.ts';
import { technicianOnDuty } from '../../domain/dispatch/roster.ts';
import {
  applyDispatchCommand,
  type DispatchCommand,
  type DispatchRefusal,
  describeDispatchRefusal,
} from '../../domain/dispatch/status.ts';
import type { DispatchChannel, DispatchRequest, TriageRecord } from '../../domain/dispatch/types.ts';
import { OPEN_DISPATCH_STATUSES } from '../../domain/dispatch/types.ts';
import { Apartment, Building, Ownership } from '../registry/entities.ts';
import { isUuid, lockIdempotencyKey } from '../sql.ts';
import {
  DispatchEvent,
  DispatchMassIncident,
  DispatchPhoto,
  DispatchRequestRow,
  DispatchTriage,
  DispatchTriageCorrection,
} from './entities.ts';
import { onRoster, shiftsAt } from './rosters.ts';

export const refusalError = (r: DispatchRefusal): RuleError<DispatchRuleCode> => {
  const info = describeDispatchRefusal(r);
  return new RuleError<DispatchRuleCode>(info.kind, info.message, info.fields, r.code);
};

const ruleError = (code: DispatchRuleCode, message: string, fields: string[] = []) =>
  new RuleError<DispatchRuleCode>(code, message, fields);

export interface StoredPhoto {
  mediaType: string;
  size: number;
  storageKey: string;
}

export interface RegisterInput {
  id: string;
  principal: Principal;
  channel: DispatchChannel;
  /** A resident names their apartment; a dispatcher the building, and the apartment if known. */
  buildingId: string | null;
  apartmentId: string | null;
  text: string;
  call: DispatchRequest['call'];
  triage: TriageRecord;
  triageMicros: number;
  photos: StoredPhoto[];
  policy: DispatchPolicy;
  idempotencyKey: string;
  requestSha256: string;
}

export interface Registered {
  request: DispatchRequest;
  created: boolean;
  duplicates: { id: string; number: string; similarity: number }[];
  /** The mass incident the request opened or joined. */
  massIncident: { id: string; opened: boolean } | null;
}

/** Where the request is: the resident's own apartment, or the dispatcher's organization's building. */
async function placeOf(tx: EntityManager, input: RegisterInput) {
  if (input.channel === 'app') {
    if (!input.apartmentId) throw ruleError('invalid', 'name your apartment', ['apartmentId']);
    const apartment = await tx.findOne(Apartment, { id: input.apartmentId });
    if (!apartment) throw ruleError('invalid', 'no such apartment', ['apartmentId']);
    const owns = await tx.count(Ownership, { person: input.principal.personId, apartment: apartment.id });
    if (owns === 0) throw ruleError('forbidden', 'only an owner may report about this apartment');
    const building = await tx.findOneOrFail(
      Building,
      { id: apartment.building.id },
      { populate: ['district'] },
    );
    if (!building.managementOrganization)
      throw ruleError('invalid', 'this building has no management organization to dispatch to', [
        'apartmentId',
      ]);
    return { building, apartmentId: apartment.id, organizationId: building.managementOrganization.id };
  }
  const building = input.buildingId
    ? await tx.findOne(Building, { id: input.buildingId }, { populate: ['district'] })
    : null;
  if (!building) throw ruleError('invalid', 'no such building', ['buildingId']);
  const organizationId = building.managementOrganization?.id ?? null;
  if (!organizationId || organizationId !== input.principal.organizationId)
    throw ruleError('forbidden', 'this building is not managed by your organization');
  if (input.apartmentId) {
    const apt = await tx.findOne(Apartment, { id: input.apartmentId, building: building.id });
    if (!apt) throw ruleError('invalid', 'no such apartment in this building', ['apartmentId']);
  }
  return { building, apartmentId: input.apartmentId, organizationId };
}

async function nextNumber(tx: EntityManager, organizationId: string, year: number): Promise<string> {
  const [row] = await tx.execute<{ last: number }[]>(
    `insert into dispatch_number (organization_id, year, last) values (?, ?, 1)
     on conflict (organization_id, year) do update set last = dispatch_number.last + 1 returning last`,
    [organizationId, year],
  );
  return formatDispatchNumber(year, row!.last);
}

interface RecentRow {
  id: string;
  number: string;
  building_id: string;
  apartment_id: string | null;
  address: string;
  category: DispatchRequest['category'];
  text: string;
  registered_at: Date;
  mass_incident_id: string | null;
}

export async function registerDispatchRequest(em: EntityManager, input: RegisterInput): Promise<Registered> {
  return em.transactional(async (tx) => {
    await lockIdempotencyKey(tx, 'dispatch_request', input.idempotencyKey);
    const earlier = await tx.findOne(DispatchRequestRow, { idempotencyKey: input.idempotencyKey });
    if (earlier) {
      if (earlier.requestSha256 !== input.requestSha256)
        throw ruleError('idempotency_conflict', 'this Idempotency-Key was used with another request');
      const incidentId = earlier.state.massIncidentId;
      const incident = incidentId ? await tx.findOne(DispatchMassIncident, { id: incidentId }) : null;
      // The request that opened an incident was registered at the instant it opened it.
      const massIncident = incident
        ? { id: incident.id, opened: incident.openedAt.getTime() === earlier.registeredAt.getTime() }
        : null;
      return { request: earlier.state, created: false, duplicates: [], massIncident };
    }
    const place = await placeOf(tx, input);
    const { building, organizationId } = place;
    // Requests of one organization line up here, so two reports of one burst pipe see each other
    // and open one mass incident, not two.
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`dispatch:${organizationId}`]);
    const now = Date.now();
    const category = input.triage.classification.category.value;
    const windowMin = Math.max(input.policy.duplicateWindowMinutes, input.policy.massWindowMinutes);
    // Only an incident still open can be joined: a request reopened after its incident was
    // resolved counts as unlinked.
    const recent = await tx.execute<RecentRow[]>(
      `select r.id, r.number, r.building_id, r.apartment_id, b.address, r.category, r.state->>'text' as text,
              r.registered_at, m.id as mass_incident_id
         from dispatch_request r join building b on b.id = r.building_id
         left join dispatch_mass_incident m on m.id = r.mass_incident_id and m.resolved_at is null
        where r.organization_id = ? and r.registered_at >= ? and r.status in (${OPEN_DISPATCH_STATUSES.map(() => '?').join(',')})
        order by r.registered_at desc limit 500`,
      [organizationId, new Date(now - windowMin * MINUTE_MS), ...OPEN_DISPATCH_STATUSES],
    );
    const at = (r: RecentRow) => new Date(r.registered_at).getTime();
    const duplicates = findDuplicates(
      input.policy,
      { buildingId: building.id, apartmentId: place.apartmentId, text: input.text, registeredAt: now },
      recent.map((r) => ({
        id: r.id,
        buildingId: r.building_id,
        apartmentId: r.apartment_id,
        text: r.text,
        registeredAt: at(r),
      })),
    );
    const street = streetOf(building.address);
    const mass = detectMassIncident(
      input.policy,
      { id: input.id, buildingId: building.id, street, category, registeredAt: now, massIncidentId: null },
      recent.map((r) => ({
        id: r.id,
        buildingId: r.building_id,
        street: streetOf(r.address),
        category: r.category,
        registeredAt: at(r),
        massIncidentId: r.mass_incident_id,
      })),
    );
    let massIncident: Registered['massIncident'] = null;
    if (mass?.kind === 'join') massIncident = { id: mass.incidentId, opened: false };
    if (mass?.kind === 'open') {
      const incident = tx.create(DispatchMassIncident, {
        organization: organizationId,
        scope: mass.scope,
        building: building.id,
        street: mass.scope === 'street' ? street : null,
        category,
        openedAt: new Date(now),
        resolvedAt: null,
        resolutionNote: null,
        resolvedByUserId: null,
      });
      await tx.flush();
      massIncident = { id: incident.id, opened: true };
      const others = mass.requestIds.filter((id) => id !== input.id);
      const rows = await tx.find(
        DispatchRequestRow,
        { id: { $in: others } },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      for (const row of rows) {
        row.massIncident = tx.getReference(DispatchMassIncident, incident.id);
        row.state = { ...row.state, massIncidentId: incident.id };
        tx.create(DispatchEvent, {
          request: row.id,
          actorUserId: null,
          action: 'join_mass',
          fromStatus: row.status,
          toStatus: row.status,
          requestKey: `join_mass:${incident.id}`,
          data: { massIncidentId: incident.id },
        });
      }
    }
    const shifts = await shiftsAt(tx, organizationId, now);
    const technician = technicianOnDuty(shifts, { category, buildingId: building.id }, now);
    const request = registerRequest(
      input.policy,
      {
        id: input.id,
        number: await nextNumber(tx, organizationId, Number(tashkentDate(now).slice(0, 4))),
        organizationId,
        buildingId: building.id,
        apartmentId: place.apartmentId,
        residentUserId: input.channel === 'app' ? input.principal.userId : null,
        residentPersonId: input.channel === 'app' ? input.principal.personId : null,
        channel: input.channel,
        text: input.text,
        call: input.call,
        massIncidentId: massIncident?.id ?? null,
        duplicateOf: duplicates[0]?.id ?? null,
        technicianUserId: technician,
        byUserId: input.principal.userId,
      },
      input.triage,
      now,
    );
    tx.create(DispatchRequestRow, {
      id: request.id,
      number: request.number,
      organization: organizationId,
      building: building.id,
      apartment: request.apartmentId,
      district: building.district.id,
      resident: request.residentPersonId,
      residentUserId: request.residentUserId,
      massIncident: request.massIncidentId,
      duplicateOf: request.duplicateOf,
      channel: request.channel,
      registeredAt: new Date(now),
      policy: input.policy,
      idempotencyKey: input.idempotencyKey,
      requestSha256: input.requestSha256,
      ...columnsOf(request),
    });
    await tx.flush();
    const c = input.triage.classification;
    tx.create(DispatchTriage, {
      request: request.id,
      modelVersion: input.triage.modelVersion,
      language: c.language.value,
      languageConfidence: c.language.confidence,
      category: c.category.value,
      categoryConfidence: c.category.confidence,
      urgency: c.urgency.value,
      urgencyConfidence: c.urgency.confidence,
      categoryTop: c.categoryTop,
      ruleFired: input.triage.ruleFired,
      needsConfirmation: input.triage.needsConfirmation,
      duplicates: duplicates.map((d) => ({ id: d.id, similarity: d.similarity })),
      latencyMicros: Math.round(input.triageMicros),
    });
    for (const photo of input.photos)
      tx.create(DispatchPhoto, {
        request: request.id,
        part: 'request',
        uploadedByUserId: input.principal.userId,
        ...photo,
      });
    tx.create(DispatchEvent, {
      request: request.id,
      actorUserId: isUuid(input.principal.userId) ? input.principal.userId : null,
      action: 'register',
      fromStatus: null,
      toStatus: request.status,
      requestKey: 'register',
      data: {
        channel: request.channel,
        category: request.category,
        urgency: request.urgency,
        assignee: request.assigneeUserId,
      },
    });
    await tx.flush();
    const numbers = new Map(recent.map((r) => [r.id, r.number]));
    return {
      request,
      created: true,
      duplicates: duplicates.map((d) => ({
        id: d.id,
        number: numbers.get(d.id) ?? '',
        similarity: d.similarity,
      })),
      massIncident,
    };
  });
}

/** The query columns that follow the state. */
export function columnsOf(r: DispatchRequest) {
  const unmet = r.clocks.filter((c) => c.metAt === null).map((c) => c.dueAt);
  return {
    status: r.status,
    category: r.category,
    urgency: r.urgency,
    needsConfirmation: r.needsConfirmation,
    assigneeUserId: r.assigneeUserId,
    nextDueAt:
      unmet.length && OPEN_DISPATCH_STATUSES.includes(r.status) ? new Date(Math.min(...unmet)) : null,
    doneAt: r.doneAt === null ? null : new Date(r.doneAt),
    closedAt: r.status === 'closed' ? new Date() : null,
    rating: r.rating,
    state: r,
  };
}

export interface StoredDispatch {
  request: DispatchRequest;
  policy: DispatchPolicy;
}

export async function loadDispatchRequest(em: EntityManager, id: string): Promise<StoredDispatch | null> {
  if (!isUuid(id)) return null;
  const row = await em.findOne(DispatchRequestRow, { id }, { refresh: true, fields: ['state', 'policy'] });
  return row ? { request: row.state, policy: row.policy } : null;
}

export interface ApplyInput {
  requestId: string;
  command: DispatchCommand;
  actor: Actor;
  /** Names this change: a retry with the same key returns what is stored. */
  requestKey: string;
  photos?: StoredPhoto[];
}

export async function applyToDispatchRequest(em: EntityManager, input: ApplyInput): Promise<StoredDispatch> {
  return em.transactional(async (tx) => {
    const row = isUuid(input.requestId)
      ? await tx.findOne(
          DispatchRequestRow,
          { id: input.requestId },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        )
      : null;
    if (!row) throw ruleError('not_found', 'no such request');
    const done = await tx.count(DispatchEvent, { request: row.id, requestKey: input.requestKey });
    if (done > 0) return { request: row.state, policy: row.policy };
    const now = Date.now();
    const result = applyDispatchCommand(row.policy, row.state, input.command, input.actor, now);
    if (!result.ok) throw refusalError(result.refusal);
    const cmd = input.command;
    // Only the organization's own technicians work its requests.
    if (
      cmd.type === 'assign' &&
      !(await onRoster(tx, row.state.organizationId, cmd.technicianUserId, 'technician', now))
    )
      throw ruleError('invalid', 'not a technician on the organization’s roster', ['technicianUserId']);
    const before = row.state;
    const next = result.request;
    Object.assign(row, columnsOf(next));
    const userId =
      input.actor.kind === 'user' && isUuid(input.actor.principal.userId)
        ? input.actor.principal.userId
        : null;
    if (
      cmd.type === 'confirm_triage' &&
      (cmd.category !== before.category || cmd.urgency !== before.urgency) &&
      userId
    ) {
      const triage = await tx.findOne(DispatchTriage, { request: row.id });
      if (triage)
        tx.create(DispatchTriageCorrection, {
          request: row.id,
          text: before.text,
          language: triage.language,
          modelVersion: triage.modelVersion,
          modelCategory: triage.category,
          modelUrgency: triage.urgency,
          category: cmd.category,
          urgency: cmd.urgency,
          byUserId: userId,
        });
    }
    for (const photo of input.photos ?? [])
      tx.create(DispatchPhoto, {
        request: row.id,
        part: 'done',
        uploadedByUserId: userId ?? '00000000-0000-0000-0000-000000000000',
        ...photo,
      });
    const { type, ...args } = cmd;
    tx.create(DispatchEvent, {
      request: row.id,
      actorUserId: userId,
      action: type,
      fromStatus: before.status,
      toStatus: next.status,
      requestKey: input.requestKey,
      data: args,
    });
    await tx.flush();
    return { request: next, policy: row.policy };
  });
}
