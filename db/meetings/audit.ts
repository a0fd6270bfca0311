// The audit trail (db/audit/entities.ts). Callers pass the transaction they change things in, so an
// entry exists exactly when the change it describes does.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { iso, isUuid } from '../sql.ts';

export interface AuditInput {
  actorUserId: string | null;
  entity: string;
  entityId: string;
  action: string;
  data: Record<string, unknown>;
}

export interface AuditView extends AuditInput {
  id: string;
  at: string;
}

export async function appendAudit(em: EntityManager, e: AuditInput): Promise<string> {
  if (!isUuid(e.entityId)) throw new RangeError(`audit entity id must be a UUID, got ${e.entityId}`);
  const id = randomUUID();
  await em.execute(
    `insert into audit_event (id, at, actor_user_id, entity, entity_id, action, data)
     values (?, now(), ?, ?, ?, ?, ?::jsonb)`,
    [
      id,
      isUuid(e.actorUserId) ? e.actorUserId : null,
      e.entity,
      e.entityId,
      e.action,
      JSON.stringify(e.data),
    ],
  );
  return id;
}

/** Oldest first: the history of one record. */
export async function listAudit(em: EntityManager, entity: string, entityId: string): Promise<AuditView[]> {
  if (!isUuid(entityId)) return [];
  const rows = await em.execute<(AuditView & { at: string })[]>(
    `select id, at, actor_user_id as "actorUserId", entity, entity_id as "entityId", action, data
     from audit_event where entity = ? and entity_id = ? order by chain_pos`,
    [entity, entityId],
  );
  return rows.map((r) => ({ ...r, at: iso(r.at) }));
}
