// The rows the response-time figures are computed from, and the two reads other capabilities make
// of them (db/dispatch/public.ts): an organization's figures for a quarter, and its dispatch record
// over a window (round-the-clock roster coverage and the share of legal times met).
import type { EntityManager } from '@mikro-orm/postgresql';
import { TASHKENT_OFFSET_MS } from '../../domain/calendar/working-days.ts';
import {
  type FigureInput,
  legalTimes,
  noFigures,
  type ResponseFigures,
  responseFigures,
} from '../../domain/dispatch/figures.ts';
import { DEFAULT_DISPATCH_POLICY } from '../../domain/dispatch/policy.ts';
import { type CoverageGap, coverageGaps, coverageShare } from '../../domain/dispatch/roster.ts';
import { DISPATCH_CATEGORIES } from '../../domain/dispatch/triage.ts';
import type { Clock } from '../../domain/dispatch/types.ts';
import { isUuid } from '../sql.ts';
import { shiftsBetween } from './rosters.ts';

/** [from, to) of a Tashkent quarter such as 2027-Q1. */
export function quarterRange(quarter: string): { from: Date; to: Date } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(-1));
  const from = Date.UTC(year, (q - 1) * 3, 1) - TASHKENT_OFFSET_MS;
  const to = Date.UTC(year, q * 3, 1) - TASHKENT_OFFSET_MS;
  return { from: new Date(from), to: new Date(to) };
}

export interface FigureScope {
  from: Date;
  to: Date;
  districtId?: string | null;
  organizationId?: string | null;
}

// The law measures the first clock of a kind; PostgreSQL picks it out of the stored request, so
// neither the whole state nor the reopenings' clocks leave the database.
const FIRST_CONTAIN = '$.clocks[*] ? (@.kind == "contain")';
const FIRST_DONE = '$.clocks[*] ? (@.kind == "done")';

/** The figures' rows of the requests registered in [from, to), of a district or an organization. */
export async function figureRowsBetween(
  em: EntityManager,
  scope: FigureScope,
  label: string,
): Promise<FigureInput[]> {
  const where = ['registered_at >= ?', 'registered_at < ?'];
  const params: unknown[] = [FIRST_CONTAIN, FIRST_DONE, scope.from, scope.to];
  if (scope.districtId) {
    where.push('district_id = ?');
    params.push(scope.districtId);
  }
  if (scope.organizationId) {
    where.push('organization_id = ?');
    params.push(scope.organizationId);
  }
  const rows = await em.execute<
    {
      organization_id: string;
      call: { receivedAt: number; answeredAt: number } | null;
      contain: Clock | null;
      done: Clock | null;
      rating: number | null;
      answer_minutes: number;
      call_back_minutes: number;
    }[]
  >(
    `select organization_id, state->'call' as call,
            jsonb_path_query_first(state, ?::jsonpath) as contain,
            jsonb_path_query_first(state, ?::jsonpath) as done,
            rating, (policy->>'answerMinutes')::float8 as answer_minutes,
            (policy->>'callBackMinutes')::float8 as call_back_minutes
       from dispatch_request where ${where.join(' and ')}`,
    params,
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    quarter: label,
    call: r.call,
    clocks: [r.contain, r.done].filter((c): c is Clock => c !== null),
    rating: r.rating,
    answer: { answerMinutes: r.answer_minutes, callBackMinutes: r.call_back_minutes },
  }));
}

/** The figures' rows of a quarter: a district's organizations, or all (districtId null). */
export const figureRows = (em: EntityManager, quarter: string, districtId: string | null) =>
  figureRowsBetween(em, { ...quarterRange(quarter), districtId }, quarter);

/**
 * An organization's response-time figures for a quarter, measured at `now`. Each request is
 * measured by the times it was registered under, so no deployment policy is needed here.
 */
export async function quarterFiguresOf(
  em: EntityManager,
  organizationId: string,
  quarter: string,
  now: number,
): Promise<ResponseFigures> {
  if (!isUuid(organizationId)) return noFigures(organizationId, quarter);
  const rows = await figureRowsBetween(em, { ...quarterRange(quarter), organizationId }, quarter);
  return responseFigures(DEFAULT_DISPATCH_POLICY, rows, now)[0] ?? noFigures(organizationId, quarter);
}

export interface DispatchRecord {
  /**
   * The stretch measured: the window, or from the organization's first shift or request when that
   * came later; null when the organization has recorded neither (nothing to measure).
   */
  from: number | null;
  to: number;
  requests: number;
  /** Round-the-clock coverage by the roster (a dispatcher, a technician for every category); null with nothing to measure. */
  coverage: {
    share: number;
    worst: { role: string; category: string | null; uncoveredMs: number } | null;
  } | null;
  /** The answer and containment clocks decided in the stretch, and of them those met. */
  legal: { decided: number; inTime: number; share: number | null };
}

/** The organization's dispatch service as it was in [from, to): its roster and its legal times. */
export async function dispatchRecordOf(
  em: EntityManager,
  organizationId: string,
  from: number,
  to: number,
): Promise<DispatchRecord> {
  const nothing = {
    from: null,
    to,
    requests: 0,
    coverage: null,
    legal: { decided: 0, inTime: 0, share: null },
  };
  if (!isUuid(organizationId)) return nothing;
  const [first] = await em.execute<{ at: Date | null }[]>(
    `select least((select min(starts_at) from dispatch_shift where organization_id = ?),
                  (select min(registered_at) from dispatch_request where organization_id = ?)) as at`,
    [organizationId, organizationId],
  );
  const firstAt = first?.at ? new Date(first.at).getTime() : null;
  if (firstAt === null || firstAt >= to) return nothing;
  const start = Math.max(from, firstAt);
  const shifts = await shiftsBetween(em, organizationId, start, to);
  const gaps: CoverageGap[] = coverageGaps(shifts, start, to, DISPATCH_CATEGORIES);
  const rows = await figureRowsBetween(
    em,
    { from: new Date(start), to: new Date(to), organizationId },
    'record',
  );
  const figures =
    responseFigures(DEFAULT_DISPATCH_POLICY, rows, to)[0] ?? noFigures(organizationId, 'record');
  return {
    from: start,
    to,
    requests: figures.requests,
    coverage: coverageShare(gaps, start, to),
    legal: legalTimes(figures),
  };
}
