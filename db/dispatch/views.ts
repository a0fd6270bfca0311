// Read models of the dispatch service: a request with its triage, the board's queue, a
// technician's jobs. The response-time figures' rows are read in figures.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BoardIncident, BoardItem, Job } from '../../domain/dispatch/read-models.ts';
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

/** A technician's open jobs in the organization they act for, the most pressing clock first, with the address to go to. */
export async function jobsOf(em: EntityManager, organizationId: string, userId: string): Promise<Job[]> {
  const rows = await em.find(
    DispatchRequestRow,
    {
      organization: organizationId,
      assigneeUserId: userId,
      status: { $in: [...OPEN_DISPATCH_STATUSES] },
    },
    { orderBy: { nextDueAt: 'asc' }, limit: 200, populate: ['building', 'apartment'] },
  );
  return rows.map((r) => ({
    ...r.state,
    address: r.building.address,
    apartmentNumber: r.apartment?.number ?? null,
  }));
}

/** A resident's own requests, newest first: open and finished, for their list and its timelines. */
export async function requestsOfResident(
  em: EntityManager,
  userId: string,
  limit = 50,
): Promise<DispatchRequest[]> {
  const rows = await em.find(
    DispatchRequestRow,
    { residentUserId: userId },
    { orderBy: { registeredAt: 'desc' }, limit, fields: ['state'] },
  );
  return rows.map((r) => r.state);
}

/** The board's queue with addresses and triage suggestions, and the organization's unresolved mass incidents. */
export async function boardView(
  em: EntityManager,
  organizationId: string,
): Promise<{ items: BoardItem[]; massIncidents: BoardIncident[] }> {
  const queue = await boardQueue(em, organizationId);
  const ids = queue.map((r) => r.id);
  const details = ids.length
    ? await em.execute<
        {
          id: string;
          address: string;
          plot_lon: number | null;
          plot_lat: number | null;
          number: string | null;
          category_top: { value: string; confidence: number }[] | null;
          urgency_confidence: number | null;
        }[]
      >(
        `select r.id, b.address, b.plot_lon, b.plot_lat, a.number, t.category_top, t.urgency_confidence
           from dispatch_request r
           join building b on b.id = r.building_id
           left join apartment a on a.id = r.apartment_id
           left join dispatch_triage t on t.request_id = r.id
          where r.id = any(?::uuid[])`,
        [`{${ids.join(',')}}`],
      )
    : [];
  const byId = new Map(details.map((d) => [d.id, d]));
  const items = queue.flatMap((r) => {
    const d = byId.get(r.id);
    if (!d) return [];
    return [
      {
        ...r,
        building: { address: d.address, plotLon: d.plot_lon, plotLat: d.plot_lat },
        apartmentNumber: d.number,
        suggestions: d.category_top
          ? { categoryTop: d.category_top, urgencyConfidence: Number(d.urgency_confidence) }
          : null,
      },
    ];
  });
  const incidents = await em.execute<
    {
      id: string;
      category: string;
      scope: 'building' | 'street';
      building_id: string;
      address: string;
      street: string | null;
      opened_at: Date;
      linked: number;
    }[]
  >(
    `select m.id, m.category, m.scope, m.building_id, b.address, m.street, m.opened_at,
            (select count(*)::int from dispatch_request r where r.mass_incident_id = m.id) as linked
       from dispatch_mass_incident m
       join building b on b.id = m.building_id
      where m.organization_id = ? and m.resolved_at is null
      order by m.opened_at desc
      limit 100`,
    [organizationId],
  );
  return {
    items,
    massIncidents: incidents.map((m) => ({
      id: m.id,
      category: m.category,
      scope: m.scope,
      buildingId: m.building_id,
      address: m.address,
      street: m.street,
      openedAt: new Date(m.opened_at).getTime(),
      linked: m.linked,
    })),
  };
}

/**
 * A fingerprint of everything the board shows: every write to a request goes through the ORM and
 * moves its updated_at, and an incident changes by opening or resolving. Equal fingerprints mean
 * the board has nothing new; reading it costs two index scans.
 */
export async function boardFingerprint(em: EntityManager, organizationId: string): Promise<string> {
  const [row] = await em.execute<{ n: number; u: Date | null; m: number; mu: Date | null }[]>(
    `select (select count(*)::int from dispatch_request where organization_id = ?) as n,
            (select max(updated_at) from dispatch_request where organization_id = ?) as u,
            (select count(*)::int from dispatch_mass_incident where organization_id = ?) as m,
            (select max(coalesce(resolved_at, opened_at)) from dispatch_mass_incident where organization_id = ?) as mu`,
    [organizationId, organizationId, organizationId, organizationId],
  );
  const at = (d: Date | null | undefined) => (d ? new Date(d).getTime() : 0);
  return `${row?.n ?? 0}:${at(row?.u)}:${row?.m ?? 0}:${at(row?.mu)}`;
}
