// Reads for lists, the council board and the export: scoped by who asks, filtered by what they
// choose. Deadlines are compared with the database's clock passed in as `now`, so "overdue" means
// the same in a list and on the board.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import { appealDates } from '../../domain/appeals/dates.ts';
import { type AppealSummary, type Board, isOverdueNow } from '../../domain/appeals/json.ts';
import type { AppealCategory, AppealStatus } from '../../domain/appeals/types.ts';
import { APPEAL_STATUSES } from '../../domain/appeals/types.ts';
import { Lru } from '../read-cache.ts';
import { preparedRows, statement } from '../sql.ts';
import { boardKey } from './entities.ts';

export interface AppealFilter {
  mine?: boolean;
  districtId?: string;
  status?: AppealStatus;
  category?: AppealCategory;
  organizationId?: string;
  overdue?: boolean;
}

const OPEN = `('registered','in_progress','reopened','escalated')`;

/** The WHERE clause a caller's role allows; null means they see nothing. */
export function scopeOf(p: Principal, mine: boolean): { sql: string; params: unknown[] } | null {
  if (mine || (p.roles.length === 1 && p.roles[0] === 'resident'))
    return p.personId ? { sql: 'a.applicant_id = ?', params: [p.personId] } : null;
  if (p.roles.includes('admin')) return { sql: 'true', params: [] };
  if ((p.roles.includes('council') || p.roles.includes('inspector')) && p.districtId)
    return { sql: 'a.district_id = ?', params: [p.districtId] };
  if (p.roles.includes('management_company') && p.organizationId)
    return {
      sql: `(a.organization_id = ? or (a.responsible_kind = 'management_organization' and a.responsible_id = ?))`,
      params: [p.organizationId, p.organizationId],
    };
  return null;
}

function where(p: Principal, f: AppealFilter, now: Date) {
  const scope = scopeOf(p, f.mine ?? false);
  if (!scope) return null;
  const parts = [scope.sql];
  const params = [...scope.params];
  if (f.districtId) {
    parts.push('a.district_id = ?');
    params.push(f.districtId);
  }
  if (f.status) {
    parts.push('a.status = ?');
    params.push(f.status);
  }
  if (f.category) {
    parts.push('a.category = ?');
    params.push(f.category);
  }
  if (f.organizationId) {
    parts.push('a.organization_id = ?');
    params.push(f.organizationId);
  }
  if (f.overdue) {
    parts.push(`a.status in ${OPEN} and a.due_at <= ?`);
    params.push(now);
  }
  return { sql: parts.join(' and '), params };
}

interface Row {
  id: string;
  registration_number: string;
  category: AppealCategory;
  kind: AppealSummary['kind'];
  status: AppealStatus;
  level: AppealSummary['level'];
  state: {
    responsible: AppealSummary['responsible'];
    registeredOn: string;
    dueLastDay: string;
    answer?: { answeredAt: number };
  };
  building_id: string;
  received_at: Date;
  due_at: Date;
}

const summaryOf = (r: Row, now: number): AppealSummary => ({
  id: r.id,
  registrationNumber: r.registration_number,
  category: r.category,
  kind: r.kind,
  status: r.status,
  level: r.level,
  responsible: r.state.responsible,
  buildingId: r.building_id,
  receivedAt: new Date(r.received_at).toISOString(),
  dueLastDay: r.state.dueLastDay,
  dueAt: new Date(r.due_at).toISOString(),
  overdue: isOverdueNow(r.status, new Date(r.due_at).getTime(), now),
  // The answer in force, as the detail shows it: a reopened appeal's second answer, not its first.
  answeredAt: r.state.answer ? new Date(r.state.answer.answeredAt).toISOString() : null,
  dates: appealDates({
    receivedAt: new Date(r.received_at).getTime(),
    registeredOn: r.state.registeredOn,
    dueLastDay: r.state.dueLastDay,
    answeredAt: r.state.answer?.answeredAt ?? null,
  }),
});

export async function listAppeals(
  em: EntityManager,
  p: Principal,
  f: AppealFilter,
  page: { page: number; pageSize: number } | { all: true },
  now = new Date(),
): Promise<{ items: AppealSummary[]; total: number }> {
  const w = where(p, f, now);
  if (!w) return { items: [], total: 0 };
  const conn = em.getConnection();
  const [count] = await conn.execute<{ n: number }[]>(
    `select count(*)::int as n from appeal a where ${w.sql}`,
    w.params,
  );
  const limit = 'all' in page ? '' : ` limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`;
  const rows = await conn.execute<Row[]>(
    `select a.id, a.registration_number, a.category, a.kind, a.status, a.level, a.state, a.building_id,
            a.received_at, a.due_at
       from appeal a where ${w.sql} order by a.received_at desc, a.id desc${limit}`,
    w.params,
  );
  return { items: rows.map((r) => summaryOf(r, now.getTime())), total: count?.n ?? 0 };
}

/**
 * The board's figures as PostgreSQL counts them, one prepared statement (the council's page is
 * polled, and three planned round trips cost more than the counting). They change only when an
 * appeal of the district is written (the appeal trigger bumps the district's board version, see
 * `boardKey`) or when the clock passes the next deadline of an open appeal (`nextDue`): between
 * the two the API holds them (`boards`) and PostgreSQL only answers the version (BOARD_CHECK).
 * Organizations' names are read on every request instead, in the board's order, so a renamed
 * company needs no trigger of the registry's to reach the appeals' board.
 */
const BOARD = statement(`
  select coalesce(v.version, 0)::text as version,
    json_build_object(
      'statuses', (select coalesce(json_agg(json_build_object('status', s.status, 'n', s.n)), '[]')
         from (select status, count(*)::int as n from appeal where district_id = ? group by status) s),
      'overdue', (select count(*)::int from appeal where district_id = ? and status in ${OPEN} and due_at <= ?),
      'nextDue', (select min(due_at) from appeal where district_id = ? and status in ${OPEN} and due_at > ?),
      'orgs', (select coalesce(json_agg(f order by f.name, f.id), '[]') from (
         select o.id, o.name, count(*)::int as total,
                count(a.answered_at)::int as answered,
                count(*) filter (where a.answered_in_time)::int as in_time,
                count(*) filter (where a.answered_in_time is not null
                                   or (a.status in ${OPEN} and a.due_at <= ?))::int as known,
                percentile_cont(0.5) within group (order by extract(epoch from (a.answered_at - a.received_at)) / 3600)
                  filter (where a.answered_at is not null) as median_h
           from appeal a join management_organization o on o.id = a.organization_id
          where a.district_id = ?
          group by o.id, o.name) f)) as figures
  from (select 1) as one left join read_version v on v.id = ${boardKey('?::uuid')}`);

/**
 * While figures are held: the version, and the held organizations' [id, name] in the board's
 * order. A small statement, so PostgreSQL neither plans nor starts the counting on every request.
 */
const BOARD_CHECK = statement(`
  select coalesce(v.version, 0)::text as version,
    (select coalesce(json_agg(json_build_array(o.id, o.name) order by o.name, o.id), '[]')
       from management_organization o where o.id = any(?::uuid[])) as names
  from (select 1) as one left join read_version v on v.id = ${boardKey('?::uuid')}`);

interface BoardFigures {
  statuses: { status: AppealStatus; n: number }[];
  overdue: number;
  /** The earliest deadline after `now` of an open appeal: until then `overdue` and `known` hold. */
  nextDue: string | null;
  orgs: {
    id: string;
    name: string;
    total: number;
    answered: number;
    in_time: number;
    known: number;
    median_h: number | null;
  }[];
}

type Figures = Omit<Board['organizations'][number], 'organizationId' | 'name'>;

interface HeldBoard {
  version: string;
  /** The figures hold from the time they were counted at until the next deadline passes. */
  countedAt: number;
  validUntil: number;
  counts: Board['counts'];
  overdue: number;
  orgs: Map<string, Figures>;
}

const boards = new WeakMap<object, Lru<string, HeldBoard>>();

function held(figures: BoardFigures, version: string, now: Date): HeldBoard {
  const counts = Object.fromEntries(APPEAL_STATUSES.map((s) => [s, 0])) as Record<AppealStatus, number>;
  for (const r of figures.statuses) counts[r.status] = r.n;
  const orgs = new Map<string, Figures>();
  for (const o of figures.orgs)
    orgs.set(o.id, {
      total: o.total,
      answered: o.answered,
      answeredInTime: o.in_time,
      shareAnsweredInTime: o.known === 0 ? null : o.in_time / o.known,
      medianHoursToAnswer: o.median_h === null ? null : Math.round(Number(o.median_h) * 100) / 100,
    });
  const next = figures.nextDue === null ? Number.POSITIVE_INFINITY : new Date(figures.nextDue).getTime();
  return { version, countedAt: now.getTime(), validUntil: next, counts, overdue: figures.overdue, orgs };
}

/**
 * The council's board of a district. The caller checks the scope (it depends on the token only);
 * the figures are the same for everyone the scope admits.
 */
export async function districtBoard(em: EntityManager, districtId: string, now = new Date()): Promise<Board> {
  const driver = em.getDriver();
  let cache = boards.get(driver);
  if (!cache) {
    cache = new Lru(1_000);
    boards.set(driver, cache);
  }
  const kept = cache.get(districtId);
  if (kept && now.getTime() >= kept.countedAt && now.getTime() < kept.validUntil) {
    const ids = [...kept.orgs.keys()];
    const [row] = await preparedRows<{ version: string; names: [string, string][] }>(em, BOARD_CHECK, [
      ids,
      districtId,
    ]);
    // Every held organization is still there (a company's row is never deleted while appeals name it).
    if (row && row.version === kept.version && row.names.length === ids.length)
      return boardOf(districtId, kept, row.names);
  }
  const [row] = await preparedRows<{ version: string; figures: BoardFigures }>(em, BOARD, [
    districtId,
    districtId,
    now,
    districtId,
    now,
    now,
    districtId,
    districtId,
  ]);
  if (!row) throw new Error('the board statement returned no row');
  const board = held(row.figures, row.version, now);
  cache.set(districtId, board);
  return boardOf(
    districtId,
    board,
    row.figures.orgs.map((o) => [o.id, o.name]),
  );
}

function boardOf(districtId: string, board: HeldBoard, names: [string, string][]): Board {
  return {
    districtId,
    counts: { ...board.counts },
    overdue: board.overdue,
    organizations: names.map(([id, name]) => ({ organizationId: id, name, ...board.orgs.get(id)! })),
  };
}
