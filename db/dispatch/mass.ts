// A mass incident's resolution: one transaction finishes every linked request that is still open,
// each under its row lock with its own event, and marks the incident resolved. Resolving twice is
// the same resolution.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { DispatchRuleCode } from '../../domain/dispatch/errors.ts';
import { applyDispatchCommand } from '../../domain/dispatch/status.ts';
import { isUuid } from '../sql.ts';
import { DispatchEvent, DispatchMassIncident, DispatchRequestRow } from './entities.ts';
import { columnsOf } from './repository.ts';

export interface MassIncidentView {
  id: string;
  organizationId: string;
  category: string;
  scope: 'building' | 'street';
  buildingId: string;
  street: string | null;
  openedAt: number;
  resolvedAt: number | null;
  resolutionNote: string | null;
  /** Who resolved it and under which request name, to answer a retried resolve. */
  resolvedByUserId: string | null;
  resolutionKey: string | null;
  requestIds: string[];
}

export async function loadMassIncident(em: EntityManager, id: string): Promise<MassIncidentView | null> {
  if (!isUuid(id)) return null;
  const row = await em.findOne(DispatchMassIncident, { id }, { refresh: true });
  if (!row) return null;
  const linked = await em.find(
    DispatchRequestRow,
    { massIncident: id },
    { fields: ['id'], orderBy: { registeredAt: 'asc' } },
  );
  return {
    id: row.id,
    organizationId: row.organization.id,
    category: row.category,
    scope: row.scope,
    buildingId: row.building.id,
    street: row.street ?? null,
    openedAt: row.openedAt.getTime(),
    resolvedAt: row.resolvedAt?.getTime() ?? null,
    resolutionNote: row.resolutionNote ?? null,
    resolvedByUserId: row.resolvedByUserId ?? null,
    resolutionKey: row.resolutionKey ?? null,
    requestIds: linked.map((r) => r.id),
  };
}

/** Resolves the incident and finishes its open requests; answers the requests it finished now. */
export async function resolveMassIncident(
  em: EntityManager,
  input: { incidentId: string; note: string; byUserId: string; key?: string },
): Promise<{ resolved: string[] }> {
  if (input.note.trim() === '')
    throw new RuleError<DispatchRuleCode>('invalid', 'say what was done', ['note']);
  return em.transactional(async (tx) => {
    const incident = isUuid(input.incidentId)
      ? await tx.findOne(
          DispatchMassIncident,
          { id: input.incidentId },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        )
      : null;
    if (!incident) throw new RuleError<DispatchRuleCode>('not_found', 'no such mass incident');
    const key = `resolve_mass:${incident.id}`;
    const rows = await tx.find(
      DispatchRequestRow,
      { massIncident: incident.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { id: 'asc' } },
    );
    const now = Date.now();
    const resolved: string[] = [];
    for (const row of rows) {
      const r = applyDispatchCommand(
        row.policy,
        row.state,
        { type: 'resolve_mass', note: input.note },
        { kind: 'system' },
        now,
      );
      if (!r.ok) continue; // already done or closed on its own
      const from = row.status;
      Object.assign(row, columnsOf(r.request));
      tx.create(DispatchEvent, {
        request: row.id,
        actorUserId: isUuid(input.byUserId) ? input.byUserId : null,
        action: 'resolve_mass',
        fromStatus: from,
        toStatus: r.request.status,
        requestKey: key,
        data: { massIncidentId: incident.id, note: input.note },
      });
      resolved.push(row.id);
    }
    if (!incident.resolvedAt) {
      incident.resolvedAt = new Date(now);
      incident.resolutionNote = input.note;
      incident.resolvedByUserId = isUuid(input.byUserId) ? input.byUserId : null;
      incident.resolutionKey = input.key && isUuid(input.key) ? input.key : null;
    }
    await tx.flush();
    return { resolved };
  });
}
