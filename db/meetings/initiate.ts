// Calling a general meeting: everything the law and the policy ask of an initiation, checked
// against the stored buildings, users and ownership (domain/meetings/initiation.ts and
// schedule.ts decide), then the meeting stored. A replay of a stored request is answered from
// what was stored, not judged again against today's clock. Refusals come back as data naming the
// request's fields; createMeeting's rule errors are thrown as they are.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import {
  checkCapacity,
  checkInitiator,
  type InitiatorKind,
  initiatorScope,
} from '../../domain/meetings/initiation.ts';
import type {
  AgendaItemKind,
  MeetingForm,
  MeetingKind,
  MeetingPolicy,
} from '../../domain/meetings/policy.ts';
import { type FieldIssue, validateSchedule } from '../../domain/meetings/schedule.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { isBuildingInScope } from '../registry/scope.ts';
import { electorateWeightOf } from './electorate.ts';
import { createMeeting } from './meetings.ts';
import { getMeeting } from './views.ts';

/** What the initiator asks for; instants are ISO 8601. */
export interface MeetingRequest {
  title: string;
  kind: MeetingKind;
  form: MeetingForm;
  initiator: InitiatorKind;
  buildingIds: string[];
  /** Owners who call an extraordinary meeting together with the caller. */
  coInitiatorUserIds?: string[];
  /** Default: the caller. */
  chairUserId?: string;
  secretaryUserId?: string;
  votingOpensAt: string;
  votingClosesAt: string;
  agenda: { title: string; description: string; kind: AgendaItemKind; organizationId?: string }[];
}

export interface InitiateMeetingInput {
  /** Named by the caller and the request's idempotency key, so a retry names the same meeting. */
  id: string;
  idempotencyKey: string;
  requestSha256: string;
  principal: Principal;
  policy: MeetingPolicy;
  request: MeetingRequest;
}

/** invalid: every field that is wrong, each with its own message; forbidden: the one that is. */
export type InitiationRefusal =
  | { code: 'invalid'; issues: FieldIssue[] }
  | { code: 'forbidden'; field: string; reason: string };

export type InitiationResult =
  | { ok: true; meeting: MeetingView; created: boolean }
  | { ok: false; refusal: InitiationRefusal };

async function personsOfUsers(em: EntityManager, userIds: string[]): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await em.execute<{ id: string; personId: string | null }[]>(
    'select id, person_id as "personId" from user_account where id in (?)',
    [userIds],
  );
  return new Map(rows.map((r) => [r.id, r.personId]));
}

async function checkInitiation(
  em: EntityManager,
  p: Principal,
  r: MeetingRequest,
  buildingIds: string[],
  policy: MeetingPolicy,
): Promise<InitiationRefusal | null> {
  const issues = validateSchedule(policy, Date.now(), {
    votingOpensAt: Date.parse(r.votingOpensAt),
    votingClosesAt: Date.parse(r.votingClosesAt),
  });

  const rows = await em.execute<{ id: string }[]>('select id from building where id in (?)', [buildingIds]);
  const known = new Set(rows.map((row) => row.id));
  r.buildingIds.forEach((id, i) => {
    if (!known.has(id)) issues.push({ field: `buildingIds.${i}`, message: 'no such building' });
  });

  const coInitiators = [...new Set(r.coInitiatorUserIds ?? [])].filter((u) => u !== p.userId);
  const officers = [r.chairUserId, r.secretaryUserId].filter((u): u is string => !!u);
  const persons = await personsOfUsers(em, [...coInitiators, ...officers]);
  (r.coInitiatorUserIds ?? []).forEach((u, i) => {
    if (u !== p.userId && !persons.get(u))
      issues.push({ field: `coInitiatorUserIds.${i}`, message: 'no such user with a person' });
  });
  for (const field of ['chairUserId', 'secretaryUserId'] as const) {
    const u = r[field];
    if (u && u !== p.userId && !persons.has(u)) issues.push({ field, message: 'no such user' });
  }
  if (issues.length) return { code: 'invalid', issues };

  const capacity = checkCapacity(r.initiator, p.roles);
  if (!capacity.ok) return { code: 'forbidden', field: capacity.field, reason: capacity.reason };
  const scope = initiatorScope(r.initiator, p);
  const inScope = (await Promise.all(buildingIds.map((id) => isBuildingInScope(em, scope, id)))).every(
    Boolean,
  );
  let weights: { initiatorsWeight: number; totalWeight: number } | undefined;
  if (r.initiator === 'owners' && p.personId && inScope) {
    const personIds = [p.personId, ...coInitiators.map((u) => persons.get(u)!)];
    weights = await electorateWeightOf(em, buildingIds, personIds, policy.weighting);
  }
  const verdict = checkInitiator(policy, {
    as: r.initiator,
    kind: r.kind,
    roles: p.roles,
    inScope,
    ...weights,
  });
  if (verdict.ok) return null;
  const field = verdict.field === 'coInitiators' ? 'coInitiatorUserIds' : verdict.field;
  return { code: 'forbidden', field, reason: verdict.reason };
}

export async function initiateMeeting(
  em: EntityManager,
  input: InitiateMeetingInput,
): Promise<InitiationResult> {
  const { id, principal: p, policy, request: r } = input;
  const buildingIds = [...new Set(r.buildingIds)];
  if (!(await getMeeting(em, id))) {
    const refusal = await checkInitiation(em, p, r, buildingIds, policy);
    if (refusal) return { ok: false, refusal };
  }
  const { meeting, created } = await createMeeting(em, {
    id,
    title: r.title,
    kind: r.kind,
    form: r.form,
    buildingIds,
    initiator: {
      kind: r.initiator,
      userId: p.userId,
      name: p.name,
      organizationId: r.initiator === 'management_organization' ? (p.organizationId ?? undefined) : undefined,
      districtId: r.initiator === 'council' ? (p.districtId ?? undefined) : undefined,
    },
    chairUserId: r.chairUserId ?? p.userId,
    secretaryUserId: r.secretaryUserId ?? p.userId,
    noticeAt: new Date(),
    votingOpensAt: new Date(r.votingOpensAt),
    votingClosesAt: new Date(r.votingClosesAt),
    policy,
    agenda: r.agenda.map((a) => ({
      title: a.title,
      description: a.description,
      kind: a.kind,
      ...(a.organizationId ? { organizationId: a.organizationId } : {}),
    })),
    idempotencyKey: `${p.userId}:${input.idempotencyKey}`,
    requestSha256: input.requestSha256,
  });
  return { ok: true, meeting, created };
}
