// Read models of the dispatch service: a request with its triage, the board's queue, a
// technician's jobs. The response-time figures' rows are read in figures.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TriageSuggestion } from '../../domain/dispatch/second-opinion.ts';
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
    /** A language model's second opinion on an unsure triage: a suggestion for the dispatcher, never a decision. */
    suggestion: TriageSuggestion | null;
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
          suggestion: t.suggestion ?? null,
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

/** A technician's open jobs. */
export async function jobsOf(em: EntityManager, userId: string): Promise<DispatchRequest[]> {
  const rows = await em.find(
    DispatchRequestRow,
    { assigneeUserId: userId, status: { $in: [...OPEN_DISPATCH_STATUSES] } },
    { orderBy: { nextDueAt: 'asc' }, limit: 200, fields: ['state'] },
  );
  return rows.map((r) => r.state);
}
