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

/**
 * The audit streams that make up a meeting's trail, in a fixed order: the meeting's own, its
 * protocol's (keyed by the meeting), then each power of attorney's and each comment's. Powers and
 * comments are listed from their own tables, so a stream emptied of every row still counts.
 */
export async function meetingAuditStreams(em: EntityManager, meetingId: string): Promise<string[][]> {
  const rows = await em.execute<{ entity: string; id: string }[]>(
    `select 'power_of_attorney' as entity, id::text as id from power_of_attorney where meeting_id = ?
     union all
     select 'meeting_comment', id::text from meeting_comment where meeting_id = ?
     order by 1 desc, 2`,
    [meetingId, meetingId],
  );
  return [['meeting', meetingId], ['meeting_protocol', meetingId], ...rows.map((r) => [r.entity, r.id])];
}
