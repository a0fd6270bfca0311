// Reading meetings: the stored row in the shared MeetingView shape (and the fuller record the
// workflow and the API use), one meeting, scoped lists, and the scope check.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BuildingScope } from '../../domain/access/roles.ts';
import type { Page } from '../../domain/common/page.ts';
import type { MeetingPolicy } from '../../domain/meetings/policy.ts';
import { MEETING_PHASES, type MeetingPhase, type MeetingView } from '../../domain/meetings/types.ts';
import { versionedJson } from '../read-cache.ts';
import { scopeKeyOf } from '../registry/scope.ts';
import {
  emptyPage,
  int,
  iso,
  isoOrNull,
  isoSql,
  isUuid,
  type JsonText,
  type PageRequest,
  paging,
  statementsBy,
} from '../sql.ts';
import type { INITIATOR_KINDS } from './entities.ts';
import { meetingScopeSql } from './sql.ts';

export type InitiatorKind = (typeof INITIATOR_KINDS)[number];

/** What the workflow and the API need beyond the public view. */
export interface MeetingRecord extends MeetingView {
  seriesId: string;
  policy: MeetingPolicy;
  initiatorOrganizationId: string | null;
  initiatorDistrictId: string | null;
  /** Null until the electorate is snapshotted at notice. */
  weightScale: number | null;
  totalWeight: number | null;
  eligibleOwners: number | null;
  ballotSetSha256: string | null;
  decidedAt: string | null;
  createdAt: string;
}

interface MeetingRow {
  view: MeetingView;
  seriesId: string;
  policy: MeetingPolicy;
  initiatorOrganizationId: string | null;
  initiatorDistrictId: string | null;
  weightScale: number | null;
  totalWeight: string | null;
  eligibleOwners: number | null;
  ballotSetSha256: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/**
 * The MeetingView as PostgreSQL builds it, the one definition of it. The API's meeting read sends
 * this text as it comes: at portal rates, parsing some thirty columns, mapping them and serialising
 * the result again cost the API more than the query. Every other reader gets it parsed. Keys in the
 * view's order; the agenda's rules are the meeting's own policy's; timestamps as `iso` writes them.
 */
const MEETING_VIEW = `json_build_object(
    'id', m.id, 'title', m.title, 'kind', m.kind, 'form', m.form, 'phase', m.phase, 'attempt', m.attempt,
    'buildingIds', (select coalesce(json_agg(mb.building_id order by mb.building_id), '[]')
                      from meeting_building mb where mb.meeting_id = m.id),
    'initiator', json_build_object('kind', m.initiator_kind, 'name', m.initiator_name,
                                   'userId', m.initiator_user_id),
    'chairUserId', m.chair_user_id, 'secretaryUserId', m.secretary_user_id,
    'quorumShare', m.policy->'quorumShare',
    'noticeAt', ${isoSql('m.notice_at')}, 'votingOpensAt', ${isoSql('m.voting_opens_at')},
    'votingClosesAt', ${isoSql('m.voting_closes_at')},
    'agenda', (select coalesce(json_agg(json_build_object('id', ai.id, 'position', ai.position,
                                 'title', ai.title, 'description', ai.description, 'kind', ai.kind,
                                 'organizationId', ai.organization_id, 'rule', m.policy->'rules'->ai.kind)
                                 order by ai.position), '[]')
                 from agenda_item ai where ai.meeting_id = m.id),
    'cancelledReason', m.cancelled_reason, 'decision', m.decision,
    'protocol', case when pr.sha256 is null then null
                     else json_build_object('sha256', pr.sha256,
                                            'ballotSetSha256', coalesce(m.ballot_set_sha256, ''),
                                            'signedByChair', pr.chair_signed_at is not null,
                                            'signedBySecretary', pr.secretary_signed_at is not null) end,
    'appealWindowEndsAt', ${isoSql('m.appeal_window_ends_at')},
    'repeatOf', case when m.attempt > 1 then
                  (select json_build_object('id', f.id, 'title', f.title) from meeting f
                    where f.series_id = m.series_id and f.attempt = 1) end)`;
const MEETING_COLUMNS = `${MEETING_VIEW} as view, m.series_id as "seriesId", m.policy,
         m.initiator_organization_id as "initiatorOrganizationId",
         m.initiator_district_id as "initiatorDistrictId", m.weight_scale as "weightScale",
         m.total_weight::text as "totalWeight", m.eligible_owners as "eligibleOwners",
         m.ballot_set_sha256 as "ballotSetSha256", m.decided_at as "decidedAt", m.created_at as "createdAt"`;
const MEETING_FROM = 'from meeting m left join meeting_protocol pr on pr.meeting_id = m.id';
const MEETING_SELECT = `select ${MEETING_COLUMNS} ${MEETING_FROM}`;

function recordOf(r: MeetingRow): MeetingRecord {
  return {
    ...r.view,
    seriesId: r.seriesId,
    policy: r.policy,
    initiatorOrganizationId: r.initiatorOrganizationId,
    initiatorDistrictId: r.initiatorDistrictId,
    weightScale: r.weightScale,
    totalWeight: r.totalWeight === null ? null : int(r.totalWeight),
    eligibleOwners: r.eligibleOwners,
    ballotSetSha256: r.ballotSetSha256,
    decidedAt: isoOrNull(r.decidedAt),
    createdAt: iso(r.createdAt),
  };
}

/** The public view: exactly the MeetingView fields, nothing the API would leak by spreading. */
export function viewOf(r: MeetingRecord): MeetingView {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    form: r.form,
    phase: r.phase,
    attempt: r.attempt,
    buildingIds: r.buildingIds,
    initiator: r.initiator,
    chairUserId: r.chairUserId,
    secretaryUserId: r.secretaryUserId,
    quorumShare: r.quorumShare,
    noticeAt: r.noticeAt,
    votingOpensAt: r.votingOpensAt,
    votingClosesAt: r.votingClosesAt,
    agenda: r.agenda,
    cancelledReason: r.cancelledReason,
    decision: r.decision,
    protocol: r.protocol,
    appealWindowEndsAt: r.appealWindowEndsAt,
    repeatOf: r.repeatOf ?? null,
  };
}

export async function getMeetingRecord(em: EntityManager, id: string): Promise<MeetingRecord | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<MeetingRow[]>(`${MEETING_SELECT} where m.id = ?`, [id]);
  return rows[0] ? recordOf(rows[0]) : null;
}

export async function getMeeting(em: EntityManager, id: string): Promise<MeetingView | null> {
  const record = await getMeetingRecord(em, id);
  return record ? viewOf(record) : null;
}

const inScopeStatement = statementsBy(
  (scopeSql) => `select coalesce(v.version, 0)::text as version, ${scopeSql} as "inScope",
      case when coalesce(v.version, 0) = ?::bigint then null
           else (select ${MEETING_VIEW}::text ${MEETING_FROM} where m.id = ?) end as json
    from meeting m left join read_version v on v.id = m.id where m.id = ?`,
);
const checkStatement = statementsBy(
  (scopeSql) => `select coalesce(v.version, 0)::text as version, ${scopeSql} as "inScope"
    from meeting m left join read_version v on v.id = m.id where m.id = ?`,
);

/**
 * Views kept in process (db/read-cache.ts `versionedJson`): the meeting row, its buildings, agenda and
 * protocol, and a repeat's first attempt all bump the meeting's read version. The view holds
 * nothing of the caller (no ballot, no vote of theirs), so one copy serves everyone in scope.
 * A few kB each, more with long agenda descriptions: hence the bound on characters as well.
 */
const views = versionedJson<MeetingView>({ entries: 5_000, chars: 32_000_000 });

/**
 * The meeting's view as JSON text, 'outside' when none of its buildings is in the scope, null when
 * it does not exist. From memory while the API listens for changes and this scope was decided for
 * it since (db/read-cache.ts); otherwise one prepared statement with the scope check (a small one
 * that returns the version while the copy held in process stands, one that builds the view after a
 * write changed it), for the reads every meeting view starts with (API only, never inside a
 * transaction).
 */
export async function getMeetingInScope(
  em: EntityManager,
  scope: BuildingScope,
  id: string,
): Promise<JsonText<MeetingView> | 'outside' | null> {
  if (!isUuid(id)) return null;
  const where = meetingScopeSql(scope) ?? { sql: 'false', params: [] };
  return views(
    em,
    { check: checkStatement(where.sql), build: inScopeStatement(where.sql) },
    id,
    scopeKeyOf(scope),
    {
      check: [...where.params, id],
      build: (version) => [...where.params, version, id, id],
    },
  );
}

export interface MeetingFilter extends PageRequest {
  buildingId?: string;
  phase?: MeetingPhase;
}

/** Newest first; a meeting is listed when any of its buildings is in the caller's scope. */
export async function listMeetings(
  em: EntityManager,
  scope: BuildingScope,
  req: MeetingFilter,
): Promise<Page<MeetingView>> {
  const where = meetingScopeSql(scope);
  if (!where || (req.buildingId !== undefined && !isUuid(req.buildingId))) return emptyPage(req);
  if (req.phase !== undefined && !MEETING_PHASES.includes(req.phase)) return emptyPage(req);
  const { page, pageSize, offset } = paging(req);
  const clauses = [where.sql];
  const params = [...where.params];
  if (req.buildingId !== undefined) {
    clauses.push('exists (select 1 from meeting_building f where f.meeting_id = m.id and f.building_id = ?)');
    params.push(req.buildingId);
  }
  if (req.phase !== undefined) {
    clauses.push('m.phase = ?');
    params.push(req.phase);
  }
  const filter = clauses.join(' and ');
  const [rows, count] = await Promise.all([
    em.execute<MeetingRow[]>(
      `${MEETING_SELECT} where ${filter} order by m.created_at desc, m.id limit ? offset ?`,
      [...params, pageSize, offset],
    ),
    em.execute<{ total: number }[]>(`select count(*)::int as total from meeting m where ${filter}`, params),
  ]);
  return { items: rows.map((r) => viewOf(recordOf(r))), page, pageSize, total: count[0]?.total ?? 0 };
}

/** False also when the meeting does not exist: callers tell 403 from 404 with getMeeting. */
export async function isMeetingInScope(
  em: EntityManager,
  scope: BuildingScope,
  meetingId: string,
): Promise<boolean> {
  const where = meetingScopeSql(scope);
  if (!where || !isUuid(meetingId)) return false;
  const rows = await em.execute<{ ok: boolean }[]>(
    `select exists (select 1 from meeting m where m.id = ? and ${where.sql}) as ok`,
    [meetingId, ...where.params],
  );
  return rows[0]?.ok === true;
}
