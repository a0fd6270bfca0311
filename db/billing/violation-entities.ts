// Accounting-violation cases the daily reconciliation opens (domain/billing/reconciliation.ts):
// one row per discrepancy, named for good by (kind, source, reference), so a re-run of a day finds
// its cases already open and adds none. A case is evidence: what was found never changes; the
// only change is its resolution, once, by the building's management organization, with who,
// when and why. Nothing resolves a case on its own, not even the discrepancy going away.
import { defineEntity, p } from '@mikro-orm/core';
import { VIOLATION_KINDS, VIOLATION_SOURCES } from '../../domain/billing/reconciliation.ts';
import { id, KEEP, now } from '../columns.ts';
import { Building, ManagementOrganization } from '../registry/entities.ts';

export const VIOLATION_STATUSES = ['open', 'resolved'] as const;

export const BillingViolation = defineEntity({
  name: 'BillingViolation',
  tableName: 'billing_violation',
  uniques: [{ name: 'billing_violation_case_unique', properties: ['kind', 'source', 'reference'] }],
  indexes: [{ properties: ['building', 'status', 'occurredOn'] }],
  checks: [
    { name: 'billing_violation_amount_check', expression: 'amount > 0' },
    {
      name: 'billing_violation_resolution_check',
      expression:
        "(status = 'resolved') = (resolved_at is not null and resolved_by_user_id is not null and length(btrim(note)) > 0)",
    },
  ],
  triggers: [
    {
      name: 'billing_violation_resolve_once',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      // An open case may be resolved once; what it found, and a resolution, never change.
      body: `if tg_op = 'UPDATE' and old.status = 'open' and new.status = 'resolved'
               and (new.id, new.building_id, new.organization_id, new.kind, new.source, new.amount,
                    new.occurred_on, new.reference, new.opened_at, new.opened_by)
                   is not distinct from
                   (old.id, old.building_id, old.organization_id, old.kind, old.source, old.amount,
                    old.occurred_on, old.reference, old.opened_at, old.opened_by)
             then return new; end if;
             raise exception 'violation case % is %: a case is resolved once and never changed or deleted', old.id, old.status
               using errcode = 'check_violation';`,
    },
  ],
  properties: {
    id: id(),
    /** Null only when nothing names a building (a provider paid a personal account we do not have). */
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP).nullable(),
    /** The organization administering the building when the case was opened. */
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP).nullable(),
    kind: p.enum(VIOLATION_KINDS),
    /** payme, click (their registries) or bank (the building's bank statement). */
    source: p.enum(VIOLATION_SOURCES),
    /** Tiyin. */
    amount: p.bigint('number'),
    /** The Tashkent day the money moved or was recorded. */
    occurredOn: p.string().length(10),
    /** The provider's transaction, the ledger transfer or the bank line the case is about. */
    reference: p.string().length(200),
    status: p.enum(VIOLATION_STATUSES),
    openedAt: p.datetime().onCreate(now),
    /** What opened it: 'reconciliation:<day reconciled>'. */
    openedBy: p.string().length(100),
    resolvedAt: p.datetime().nullable(),
    resolvedByUserId: p.uuid().nullable(),
    /** Why the organization closed it: the correction posted, the provider's answer. */
    note: p.text().nullable(),
    /** The resolution's Idempotency-Key (per user) and request hash: a retry answers the same. */
    resolutionKey: p.string().length(200).nullable(),
    resolutionHash: p.string().length(64).nullable(),
  },
});

export const violationEntities = [BillingViolation];
