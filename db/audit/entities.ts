// The audit trail: who did what to which record, append-only. Moderation, powers of attorney and
// protocol signatures write here in the same transaction as the change they record, so the trail
// cannot miss a change that happened nor show one that was rolled back.
import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  indexes: [{ properties: ['entity', 'entityId', 'at'] }],
  properties: {
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
