// Read models of the dispatch service: a request with its triage, the board's queue, a
// technician's jobs, and the rows the response-time figures are computed from.
import type { EntityManager } from '@mikro-orm/postgresql';
import { TASHKENT_OFFSET_MS } from '../../domain/calendar/working-days.ts';
import type { FigureInput } from '../../domain/dispatch/figures.ts';
import type { DispatchRequest } from '../../domain/dispatch/types.ts';
import { OPEN_DISPATCH_STATUSES } from '../../domain/dispatch/types.ts';
import { isUuid } from '../sql.ts';
import { DispatchRequestRow, DispatchTriage } from './entities.ts';

export interface RequestRead {
  request: DispatchRequest;
  districtId: string;
  triage: {
    modelVersion: string;
    language: { value: string; confidence: number };
    categoryTop: { value: string; confidence: number }[];
    urgencyConfidence: number;
    ruleFired: string | null;
    duplicates: { id: string; similarity: number }[];
    latencyMicros: number;
  } | null;
}

export async function readRequest(em: EntityManager, id: string): Promise<RequestRead | null> {
  if (!isUuid(id)) return null;
  const row = await em.findOne(DispatchRequestRow, { id }, { refresh: true });
  if (!row) return null;
  const t = await em.findOne(DispatchTriage, { request: id });
  return {
    request: row.state,
    districtId: row.district.id,
    triage: t
      ? {
          modelVersion: t.modelVersion,
          language: { value: t.language, confidence: Number(t.languageConfidence) },
          categoryTop: t.categoryTop,
          urgencyConfidence: Number(t.urgencyConfidence),
          ruleFired: t.ruleFired ?? null,
          duplicates: t.duplicates,
          latencyMicros: t.latencyMicros,
        }
      : null,
  };
}

/** The organization's open requests, the most pressing clock first (unsure and unassigned ones included). */
export async function boardQueue(
  em: EntityManager,
  organizationId: string,
  limit = 200,
): Promise<DispatchRequest[]> {
  const rows = await em.find(
    DispatchRequestRow,
    { organization: organizationId, status: { $in: [...OPEN_DISPATCH_STATUSES] } },
    { orderBy: { nextDueAt: 'asc', registeredAt: 'asc' }, limit, fields: ['state'] },
  );
  return rows.map((r) => r.state);
}

/** A technician's open jobs in the organization they act for. */
export async function jobsOf(
  em: EntityManager,
  organizationId: string,
  userId: string,
): Promise<DispatchRequest[]> {
  const rows = await em.find(
    DispatchRequestRow,
    {
      organization: organizationId,
      assigneeUserId: userId,
      status: { $in: [...OPEN_DISPATCH_STATUSES] },
    },
    { orderBy: { nextDueAt: 'asc' }, limit: 200, fields: ['state'] },
  );
  return rows.map((r) => r.state);
}

/** [from, to) of a Tashkent quarter such as 2027-Q1. */
export function quarterRange(quarter: string): { from: Date; to: Date } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(-1));
  const from = Date.UTC(year, (q - 1) * 3, 1) - TASHKENT_OFFSET_MS;
  const to = Date.UTC(year, q * 3, 1) - TASHKENT_OFFSET_MS;
  return { from: new Date(from), to: new Date(to) };
}

/** The figures' rows of a quarter: a district's organizations, or all (districtId null). */
export async function figureRows(
  em: EntityManager,
  quarter: string,
  districtId: string | null,
): Promise<FigureInput[]> {
  const { from, to } = quarterRange(quarter);
  const rows = await em.execute<{ organization_id: string; state: DispatchRequest }[]>(
    `select organization_id, state from dispatch_request
      where registered_at >= ? and registered_at < ? ${districtId ? 'and district_id = ?' : ''}
      order by organization_id`,
    districtId ? [from, to, districtId] : [from, to],
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    quarter,
    call: r.state.call,
    clocks: r.state.clocks,
    rating: r.state.rating,
  }));
}
