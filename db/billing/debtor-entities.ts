// Billing's tables for penalties and the electricity block: who pays as a legal entity (the
// penalty rate differs), each owner's block at the electricity supplier, and the outbox of
// messages to the supplier. A message is written in the same transaction as what causes it (the
// handover on the 16th, a payment that clears the debt), and the dispatcher delivers it with
// retries until the supplier acknowledges it, so a supplier that is down delays a lift but never
// loses it, and the idempotency key makes a repeated delivery count once at the supplier.
import { defineEntity, p } from '@mikro-orm/core';
import { PAYER_KINDS } from '../../domain/billing/policy.ts';
import { now } from '../columns.ts';

/** Owners who pay as legal entities; everyone else is an individual. */
export const BillingPayerKind = defineEntity({
  name: 'BillingPayerKind',
  tableName: 'billing_payer_kind',
  properties: {
    ownerId: p.uuid().primary(),
    kind: p.enum(PAYER_KINDS),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const ELECTRICITY_BLOCK_STATUSES = ['blocked', 'lifted'] as const;

/** The owner's current standing at the supplier (one row per owner, the last block or lift). */
export const ElectricityBlock = defineEntity({
  name: 'ElectricityBlock',
  tableName: 'electricity_block',
  indexes: [{ properties: ['status'] }],
  properties: {
    ownerId: p.uuid().primary(),
    status: p.enum(ELECTRICITY_BLOCK_STATUSES),
    /** The handover day the current or last block was sent. */
    blockedOn: p.string().length(10),
    overdue: p.bigint('number'),
    periods: p.json<string[]>(),
    liftedAt: p.datetime().nullable(),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const ElectricityOutbox = defineEntity({
  name: 'ElectricityOutbox',
  tableName: 'electricity_outbox',
  indexes: [{ properties: ['status', 'nextAttemptAt'] }],
  properties: {
    id: p.bigint('number').autoincrement().primary(),
    /** The supplier's Idempotency-Key: 'block:<owner>:<date>' or 'lift:<owner>:<blockedOn>'. */
    key: p.string().length(120).unique(),
    ownerId: p.uuid(),
    action: p.enum(['block', 'lift'] as const),
    payload: p.json<Record<string, unknown>>(),
    status: p.enum(['pending', 'delivered'] as const),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(),
    lastError: p.text().nullable(),
    createdAt: p.datetime().onCreate(now),
    deliveredAt: p.datetime().nullable(),
  },
});

export const debtorEntities = [BillingPayerKind, ElectricityBlock, ElectricityOutbox];
