// The audit trail: who did what to which record, append-only and hash-chained per record (one
// stream per entity and id). Moderation, powers of attorney and protocol signatures write here in
// the same transaction as the change they record, so the trail cannot miss a change that happened
// nor show one that was rolled back.
import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { appendOnly } from '../append-only.ts';
import { type ChainedHistory, chainColumns, hashChained } from './chain.ts';

/** The history below is hash-chained, one chain per audited record, named by entity and id (db/audit/chain.ts). */
export const AUDIT_HISTORY: ChainedHistory = { table: 'audit_event', columns: ['entity', 'entity_id'] };

export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  indexes: [{ properties: ['entity', 'entityId', 'at'] }],
  uniques: [{ properties: ['entity', 'entityId', 'chainPos'] }],
  triggers: [appendOnly('audit_event', 'audit trail'), hashChained(AUDIT_HISTORY)],
  properties: {
    ...chainColumns(),
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    at: p.datetime().onCreate(() => new Date()),
    /** Null for the system itself (a workflow acting on a timer). */
    actorUserId: p.uuid().nullable(),
    entity: p.string().length(64),
    entityId: p.uuid(),
    action: p.string().length(64),
    data: p.json<Record<string, unknown>>(),
  },
});

export const auditEntities = [AuditEvent];

export type IAuditEvent = InferEntity<typeof AuditEvent>;
