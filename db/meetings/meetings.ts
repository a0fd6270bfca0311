// Creating a meeting and its agenda (idempotent), and recording its decision once.
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { Decision } from '../../domain/meetings/decide.ts';
import type { MeetingRuleCode } from '../../domain/meetings/errors.ts';
import {
  AGENDA_ITEM_KINDS,
  type AgendaItemKind,
  MEETING_FORMS,
  MEETING_KINDS,
  type MeetingForm,
  type MeetingKind,
  type MeetingPolicy,
} from '../../domain/meetings/policy.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { isUuid } from '../sql.ts';
import { INITIATOR_KINDS } from './entities.ts';
import { getMeeting, type InitiatorKind } from './views.ts';

export const MAX_AGENDA_ITEMS = 50;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface CreateMeetingInput {
  id?: string;
  seriesId?: string;
  attempt?: number;
  title: string;
  kind: MeetingKind;
  form: MeetingForm;
  buildingIds: string[];
  initiator: {
    kind: InitiatorKind;
    userId: string;
    name: string;
    organizationId?: string | null;
    districtId?: string | null;
  };
  chairUserId: string;
  secretaryUserId: string;
  noticeAt: Date;
  votingOpensAt: Date;
  votingClosesAt: Date;
  policy: MeetingPolicy;
  /** organizationId: the management organization a management_organization item proposes to choose. */
  agenda: { title: string; description: string; kind: AgendaItemKind; organizationId?: string | null }[];
  idempotencyKey?: string;
  requestSha256?: string;
}

const invalid = (field: string, message: string) =>
  new RuleError<MeetingRuleCode>('invalid', message, [field]);

function validDate(field: string, d: Date): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw invalid(field, `${field} is not a valid date`);
  return d.toISOString();
}

function checkCreateInput(input: CreateMeetingInput): void {
  if (input.id !== undefined && !isUuid(input.id)) throw invalid('id', 'id must be a UUID');
  if (input.seriesId !== undefined && !isUuid(input.seriesId))
    throw invalid('seriesId', 'seriesId must be a UUID');
  if (input.attempt !== undefined && (!Number.isSafeInteger(input.attempt) || input.attempt < 1))
    throw invalid('attempt', 'attempt must be a positive integer');
  if ((input.attempt ?? 1) > 1 && input.seriesId === undefined)
    throw invalid('seriesId', 'a repeat meeting names the series it repeats');
  if (typeof input.title !== 'string' || input.title.trim() === '')
    throw invalid('title', 'title is required');
  if (!MEETING_KINDS.includes(input.kind)) throw invalid('kind', `kind must be one of ${MEETING_KINDS}`);
  if (!MEETING_FORMS.includes(input.form)) throw invalid('form', `form must be one of ${MEETING_FORMS}`);
  const buildings = input.buildingIds ?? [];
  if (buildings.length === 0 || !buildings.every(isUuid))
    throw invalid('buildingIds', 'buildingIds must be one or more building UUIDs');
  if (!INITIATOR_KINDS.includes(input.initiator?.kind))
    throw invalid('initiator', `initiator must be one of ${INITIATOR_KINDS}`);
  if (!isUuid(input.initiator.userId)) throw invalid('initiator', 'the initiator must be a user account');
  if (typeof input.initiator.name !== 'string' || input.initiator.name.trim() === '')
    throw invalid('initiator', "the initiator's name is required");
  for (const f of ['organizationId', 'districtId'] as const) {
    const v = input.initiator[f];
    if (v != null && !isUuid(v)) throw invalid(`initiator.${f}`, `${f} must be a UUID`);
  }
  if (!isUuid(input.chairUserId)) throw invalid('chairUserId', 'chairUserId must be a user account id');
  if (!isUuid(input.secretaryUserId))
    throw invalid('secretaryUserId', 'secretaryUserId must be a user account id');
  validDate('noticeAt', input.noticeAt);
  validDate('votingOpensAt', input.votingOpensAt);
  validDate('votingClosesAt', input.votingClosesAt);
  if (input.votingClosesAt.getTime() <= input.votingOpensAt.getTime())
    throw invalid('votingClosesAt', 'voting must close after it opens');
  const agenda = input.agenda ?? [];
  if (agenda.length < 1 || agenda.length > MAX_AGENDA_ITEMS)
    throw invalid('agenda', `the agenda has 1 to ${MAX_AGENDA_ITEMS} items`);
  agenda.forEach((item, i) => {
    if (typeof item.title !== 'string' || item.title.trim() === '')
      throw invalid(`agenda.${i}.title`, 'every agenda item has a title');
    if (typeof item.description !== 'string')
      throw invalid(`agenda.${i}.description`, 'description must be text');
    if (!AGENDA_ITEM_KINDS.includes(item.kind))
      throw invalid(`agenda.${i}.kind`, `kind must be one of ${AGENDA_ITEM_KINDS}`);
    if (
      item.organizationId != null &&
      (item.kind !== 'management_organization' || !isUuid(item.organizationId))
    )
      throw invalid(
        `agenda.${i}.organizationId`,
        'only a management_organization item names an organization, by its id',
      );
  });
  if (
    input.idempotencyKey !== undefined &&
    (input.idempotencyKey === '' || input.idempotencyKey.length > 255)
  )
    throw invalid('idempotencyKey', 'the idempotency key has 1 to 255 characters');
  if (input.requestSha256 !== undefined && !SHA256_HEX.test(input.requestSha256))
    throw invalid('requestSha256', 'requestSha256 must be 64 lowercase hex digits');
}

/**
 * An earlier row for the same request: found by idempotency key, by id, or by (series, attempt).
 * The same request hash (or both absent) is a replay; anything else is a conflict.
 */
async function earlier(
  em: EntityManager,
  input: CreateMeetingInput,
): Promise<{ meeting: MeetingView } | null> {
  const rows = await em.execute<{ id: string; requestSha256: string | null }[]>(
    `select id, request_sha256 as "requestSha256" from meeting
     where idempotency_key = ? or id = ? or (series_id = ? and attempt = ?)
     order by (idempotency_key = ?) desc nulls last, (id = ?) desc limit 1`,
    [
      input.idempotencyKey ?? null,
      input.id ?? null,
      input.seriesId ?? null,
      input.attempt ?? 1,
      input.idempotencyKey ?? null,
      input.id ?? null,
    ],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.requestSha256 !== (input.requestSha256 ?? null))
    throw new RuleError<MeetingRuleCode>(
      'idempotency_conflict',
      'this idempotency key (or meeting id) was already used for a different request',
    );
  const meeting = await getMeeting(em, row.id);
  return meeting ? { meeting } : null;
}

/** Only an organization in the register may be put to the owners' choice (docs/domain/register.md). */
async function checkSelectable(tx: EntityManager, agenda: CreateMeetingInput['agenda']) {
  for (const [i, item] of agenda.entries()) {
    if (!item.organizationId) continue;
    const [org] = await tx.execute<{ status: string }[]>(
      'select register_status as status from management_organization where id = ?',
      [item.organizationId],
    );
    if (!org) throw invalid(`agenda.${i}.organizationId`, 'no such management organization');
    if (org.status !== 'registered')
      throw new RuleError<MeetingRuleCode>(
        'not_selectable',
        `the organization is ${org.status}, not registered, so it cannot be chosen`,
        [`agenda.${i}.organizationId`],
      );
  }
}

export async function createMeeting(
  em: EntityManager,
  input: CreateMeetingInput,
): Promise<{ meeting: MeetingView; created: boolean }> {
  checkCreateInput(input);
  const found = await earlier(em, input);
  if (found) return { ...found, created: false };
  const id = input.id ?? randomUUID();
  const buildingIds = [...new Set(input.buildingIds)];
  try {
    await em.transactional(async (tx) => {
      const [known] = await tx.execute<{ n: number }[]>(
        'select count(*)::int as n from building where id in (?)',
        [buildingIds],
      );
      if (known?.n !== buildingIds.length) throw invalid('buildingIds', 'some of the buildings do not exist');
      await tx.execute(
        `insert into meeting (id, series_id, attempt, title, kind, form, phase, initiator_kind, initiator_user_id,
           initiator_name, initiator_organization_id, initiator_district_id, chair_user_id, secretary_user_id,
           notice_at, voting_opens_at, voting_closes_at, policy, idempotency_key, request_sha256,
           created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, 'notice', ?, ?, ?, ?, ?, ?, ?,
           ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::jsonb, ?, ?, now(), now())`,
        [
          id,
          input.seriesId ?? id,
          input.attempt ?? 1,
          input.title.trim(),
          input.kind,
          input.form,
          input.initiator.kind,
          input.initiator.userId,
          input.initiator.name,
          input.initiator.organizationId ?? null,
          input.initiator.districtId ?? null,
          input.chairUserId,
          input.secretaryUserId,
          input.noticeAt.toISOString(),
          input.votingOpensAt.toISOString(),
          input.votingClosesAt.toISOString(),
          JSON.stringify(input.policy),
          input.idempotencyKey ?? null,
          input.requestSha256 ?? null,
        ],
      );
      await tx.execute(
        `insert into meeting_building (meeting_id, building_id) select ?, b.id from building b where b.id in (?)`,
        [id, buildingIds],
      );
      await checkSelectable(tx, input.agenda);
      const values = input.agenda.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
      await tx.execute(
        `insert into agenda_item (id, meeting_id, position, title, description, kind, organization_id) values ${values}`,
        input.agenda.flatMap((item, i) => [
          randomUUID(),
          id,
          i + 1,
          item.title.trim(),
          item.description,
          item.kind,
          item.organizationId ?? null,
        ]),
      );
    });
  } catch (error) {
    // A concurrent twin of this request won the insert: answer as its replay.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const again = await earlier(em, input);
    if (again) return { ...again, created: false };
    throw error;
  }
  const meeting = await getMeeting(em, id);
  if (!meeting) throw new Error(`meeting ${id} vanished after its insert`);
  return { meeting, created: true };
}

export interface DecisionRecord {
  decision: Decision;
  ballotSetSha256: string;
  decidedAt: Date;
  appealWindowEndsAt: Date;
}

/** Writes the decision once; a second call changes nothing and answers false (a trigger backs this). */
export async function recordDecision(
  em: EntityManager,
  meetingId: string,
  d: DecisionRecord,
): Promise<boolean> {
  if (!isUuid(meetingId)) return false;
  if (!SHA256_HEX.test(d.ballotSetSha256))
    throw invalid('ballotSetSha256', 'ballotSetSha256 must be 64 lowercase hex digits');
  const rows = await em.execute<{ id: string }[]>(
    `update meeting set decision = ?::jsonb, ballot_set_sha256 = ?, decided_at = ?::timestamptz,
       appeal_window_ends_at = ?::timestamptz, updated_at = now()
     where id = ? and decision is null returning id`,
    [
      JSON.stringify(d.decision),
      d.ballotSetSha256,
      validDate('decidedAt', d.decidedAt),
      validDate('appealWindowEndsAt', d.appealWindowEndsAt),
      meetingId,
    ],
  );
  return rows.length > 0;
}
