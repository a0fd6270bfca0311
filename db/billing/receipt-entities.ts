// Receipts and the extra revenue sources: the billing tables this part of billing owns, beside the
// ledger's. A receipt is a snapshot (its content as JSON and that content's SHA-256) that the
// database refuses to UPDATE or DELETE: a later correction is a new ledger transfer that the next
// receipt lists, never a rewrite of one already mailed. billing_receipt_item records which
// transfer each receipt counted, keyed by transfer and owner account, so no transfer is ever on
// two receipts of one account.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { ReceiptSnapshot } from '../../domain/billing/receipt-document.ts';
import { SOURCE_KINDS } from '../../domain/billing/revenue-sources.ts';
import { appendOnly } from '../append-only.ts';
import { id, KEEP, now } from '../columns.ts';
import { Apartment, Building, Person } from '../registry/entities.ts';

export const BillingReceipt = defineEntity({
  name: 'BillingReceipt',
  tableName: 'billing_receipt',
  uniques: [{ properties: ['period', 'apartment', 'person'] }],
  indexes: [{ properties: ['person', 'period'] }, { properties: ['building', 'period'] }],
  triggers: [appendOnly('billing_receipt', 'a receipt')],
  properties: {
    id: id(),
    number: p.string().length(32).unique(),
    /** YYYY-MM */
    period: p.string().length(7),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    apartment: () => p.manyToOne(Apartment).deleteRule(KEEP).updateRule(KEEP),
    person: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP),
    content: p.json<ReceiptSnapshot>(),
    contentSha256: p.string().length(64),
    /** Signed tiyin, as content.receipt.closing: the next receipt's opening. */
    closing: p.bigint('number'),
    toPay: p.bigint('number'),
    /** Unguessable part of the payment link, so a receipt number alone shows nobody's bill. */
    payToken: p.string().length(32).unique(),
    createdAt: p.datetime().onCreate(now),
  },
});

export const BillingReceiptItem = defineEntity({
  name: 'BillingReceiptItem',
  tableName: 'billing_receipt_item',
  indexes: [{ properties: ['receipt'] }],
  triggers: [
    {
      name: 'billing_receipt_item_immutable',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: `raise exception 'a receipt is append-only (transfer %)', old.transfer_id
               using errcode = 'check_violation';`,
    },
  ],
  properties: {
    transferId: p.string().length(200).primary(),
    /** The owner account the receipt is of: a transfer between two owners is on one receipt of each. */
    accountId: p.string().length(200).primary(),
    receipt: () => p.manyToOne(BillingReceipt).deleteRule(KEEP).updateRule(KEEP),
  },
});

/** A household service centre or lightweight structure contract on the building's common property. */
export const BillingRevenueSource = defineEntity({
  name: 'BillingRevenueSource',
  tableName: 'billing_revenue_source',
  indexes: [{ properties: ['building', 'validFrom'] }],
  checks: [
    { name: 'billing_revenue_source_charge_check', expression: 'monthly_charge > 0' },
    {
      name: 'billing_revenue_source_dates_check',
      expression: 'valid_to is null or valid_to > valid_from',
    },
  ],
  properties: {
    id: id(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    kind: p.enum(SOURCE_KINDS),
    partyName: p.string().length(300),
    /** TIN or PINFL of the paying party. */
    partyId: p.string().length(14),
    contractNumber: p.string().length(64),
    monthlyCharge: p.bigint('number'),
    /** YYYY-MM-DD, first day */
    validFrom: p.string().length(10),
    /** YYYY-MM-DD, exclusive; null while open-ended */
    validTo: p.string().length(10).nullable(),
    createdByUserId: p.uuid(),
    idempotencyKey: p.string().unique(),
    requestSha256: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const billingReceiptEntities = [BillingReceipt, BillingReceiptItem, BillingRevenueSource];

export type IBillingReceipt = InferEntity<typeof BillingReceipt>;
export type IBillingRevenueSource = InferEntity<typeof BillingRevenueSource>;
