// Debt claims before a court order (ZRU-993). A claim is a snapshot: the debt calculation and the
// letter as they were on the day it was made, never rewritten (a later payment shows on the next
// claim). Its mail goes through the mail outbox under 'court-claim:<id>', committed with the claim,
// so the outbox row is the record of the SMTP server's acceptance (message id, time, recipient).
// The other proofs of delivery are rows of court_claim_delivery, append-only: the owner's
// acknowledgement through the link in the letter, or a paper delivery the organization records.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { DebtCalculation } from '../../domain/billing/court.ts';
import { LANGUAGES } from '../../domain/common/language.ts';
import { appendOnly } from '../append-only.ts';
import { type ChainedHistory, chainColumns, hashChained } from '../audit/chain.ts';
import { id, KEEP, now } from '../columns.ts';
import { Apartment, Building, ManagementOrganization, Person } from '../registry/entities.ts';

export const CourtClaim = defineEntity({
  name: 'CourtClaim',
  tableName: 'court_claim',
  // One claim per owner account and day: a second click with a fresh key must not mail twice.
  uniques: [{ properties: ['person', 'apartment', 'asOf'] }],
  indexes: [{ properties: ['building', 'createdAt'] }],
  triggers: [appendOnly('court_claim', 'a debt claim')],
  properties: {
    id: id(),
    number: p.string().length(32).unique(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    apartment: () => p.manyToOne(Apartment).deleteRule(KEEP).updateRule(KEEP),
    person: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    personalAccount: p.string().length(16),
    /** The Tashkent day of the calculation. */
    asOf: p.string().length(10),
    answerBy: p.string().length(10),
    calculation: p.json<DebtCalculation>(),
    language: p.enum(LANGUAGES),
    /** Null: the owner has no email, so the claim waits for a paper delivery. */
    email: p.text().nullable(),
    subject: p.text(),
    text: p.text(),
    /** SHA-256 of the token in the acknowledgement link; the token itself is only in the letter. */
    ackTokenSha256: p.string().length(64).unique(),
    createdByUserId: p.uuid(),
    idempotencyKey: p.string().unique(),
    requestSha256: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
  },
});

export const COURT_DELIVERY_KINDS = ['acknowledged', 'paper'] as const;

/** A claim's delivery records are evidence in court: hash-chained per claim (db/audit/chain.ts). */
export const COURT_DELIVERY_HISTORY: ChainedHistory = {
  table: 'court_claim_delivery',
  columns: ['claim_id'],
};

export const CourtClaimDelivery = defineEntity({
  name: 'CourtClaimDelivery',
  tableName: 'court_claim_delivery',
  uniques: [{ properties: ['claim', 'kind'] }, { properties: ['claim', 'chainPos'] }],
  triggers: [appendOnly('court_claim_delivery', 'a delivery record'), hashChained(COURT_DELIVERY_HISTORY)],
  properties: {
    ...chainColumns(),
    id: id(),
    claim: () => p.manyToOne(CourtClaim).deleteRule(KEEP).updateRule(KEEP),
    kind: p.enum(COURT_DELIVERY_KINDS),
    /** Paper: the day the owner was handed the claim (Tashkent). */
    deliveredOn: p.string().length(10).nullable(),
    /** Paper: where the scan of the signed copy is kept (the organization's file reference). */
    scanReference: p.text().nullable(),
    recordedByUserId: p.uuid().nullable(),
    requestSha256: p.string().length(64).nullable(),
    at: p.datetime().onCreate(now),
  },
});

export const courtEntities = [CourtClaim, CourtClaimDelivery];

export type ICourtClaim = InferEntity<typeof CourtClaim>;
