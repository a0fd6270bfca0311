// Contracts between the owners of a building and a management organization or a user of common
// property. Every document put up for signature is kept with its exact
// bytes, every signature with its envelope, and contract_event is the append-only audit trail,
// written in the same transaction as the change it records.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { ContractDocumentInput, ContractParameters } from '../../domain/contracts/document.ts';
import { CONTRACT_STATES, PARTIES, type PendingDocument } from '../../domain/contracts/lifecycle.ts';
import { CONTRACT_KINDS } from '../../domain/contracts/tax-registration.ts';
import type { SignatureEnvelope } from '../../domain/signatures/types.ts';
import { appendOnly } from '../append-only.ts';
import { type ChainedHistory, chainColumns, hashChained } from '../audit/chain.ts';
import { id, KEEP, now } from '../columns.ts';
import { AgendaItem, Meeting } from '../meetings/public.ts';
import { Building, ManagementOrganization } from '../registry/entities.ts';

export const TAX_STATUSES = ['pending', 'registered', 'overdue'] as const;
export const CHANGES = ['conclusion', 'amendment', 'termination'] as const;

export const Contract = defineEntity({
  name: 'Contract',
  tableName: 'contract',
  indexes: [{ properties: ['taxStatus', 'taxDeadlineEndsAt'] }],
  properties: {
    id: id(),
    number: p.string().length(32).unique(),
    kind: p.enum(CONTRACT_KINDS),
    state: p.enum(CONTRACT_STATES),
    /** The management organization: the counterparty of a management contract, the administrator of a lease. */
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP).index(),
    meeting: () => p.manyToOne(Meeting).deleteRule(KEEP).updateRule(KEEP).nullable(),
    agendaItem: () => p.manyToOne(AgendaItem).deleteRule(KEEP).updateRule(KEEP).nullable(),
    ownersUserId: p.uuid().index(),
    ownersName: p.string(),
    ownersPinfl: p.string().length(14).nullable(),
    ownersAuthority: p.text(),
    counterpartyOrganization: () =>
      p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP).nullable(),
    counterpartyUserId: p.uuid().nullable().index(),
    counterpartyName: p.string(),
    counterpartyTin: p.string().length(9).nullable(),
    counterpartyPinfl: p.string().length(14).nullable(),
    parameters: p.json<ContractParameters>(),
    /** An amendment's parameters while it awaits signatures; they replace `parameters` once signed. */
    pendingParameters: p.json<ContractParameters>().nullable(),
    version: p.integer(),
    documentSha256: p.string().length(64).nullable(),
    pending: p.json<PendingDocument>().nullable(),
    concludedAt: p.datetime().nullable(),
    terminatedAt: p.datetime().nullable(),
    taxStatus: p.enum(TAX_STATUSES).nullable(),
    taxDeadlineLastDay: p.string().length(10).nullable(),
    taxDeadlineEndsAt: p.datetime().nullable(),
    taxRegistrationNumber: p.string().length(64).nullable(),
    taxRegisteredAt: p.datetime().nullable(),
    taxLastError: p.text().nullable(),
    flaggedReason: p.string().length(64).nullable(),
    flaggedAt: p.datetime().nullable(),
    createdByUserId: p.uuid(),
    idempotencyKey: p.string().unique(),
    requestSha256: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const ContractBuilding = defineEntity({
  name: 'ContractBuilding',
  tableName: 'contract_building',
  indexes: [{ properties: ['building'] }],
  properties: {
    contract: () => p.manyToOne(Contract).deleteRule(KEEP).updateRule(KEEP).primary(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP).primary(),
  },
});

/** The exact bytes each signature is made over: a re-rendering could differ by a byte. */
export const ContractDocument = defineEntity({
  name: 'ContractDocument',
  tableName: 'contract_document',
  uniques: [{ properties: ['contract', 'sha256'] }],
  properties: {
    id: id(),
    contract: () => p.manyToOne(Contract).deleteRule(KEEP).updateRule(KEEP),
    sha256: p.string().length(64),
    change: p.enum(CHANGES),
    html: p.text(),
    /** What the HTML was rendered from: the PDF copy is rendered from the same input. */
    input: p.json<ContractDocumentInput>(),
    lang: p.string().length(2),
    createdAt: p.datetime().onCreate(now),
  },
});

export const ContractSignature = defineEntity({
  name: 'ContractSignature',
  tableName: 'contract_signature',
  indexes: [{ properties: ['contract', 'documentSha256'] }],
  properties: {
    id: id(),
    contract: () => p.manyToOne(Contract).deleteRule(KEEP).updateRule(KEEP),
    documentSha256: p.string().length(64),
    party: p.enum(PARTIES),
    signerUserId: p.uuid(),
    signerName: p.string(),
    scheme: p.string().length(32),
    envelope: p.json<SignatureEnvelope>(),
    status: p.enum(['verified', 'unverified'] as const),
    verification: p.json<Record<string, unknown>>(),
    signedAt: p.datetime().onCreate(now),
    idempotencyKey: p.string().unique(),
  },
});

/** The history below is hash-chained, one chain per contract (db/audit/chain.ts). */
export const CONTRACT_HISTORY: ChainedHistory = { table: 'contract_event', columns: ['contract_id'] };

export const ContractEvent = defineEntity({
  name: 'ContractEvent',
  tableName: 'contract_event',
  indexes: [{ properties: ['contract', 'seq'] }],
  uniques: [{ properties: ['contract', 'chainPos'] }],
  triggers: [appendOnly('contract_event', 'contract history'), hashChained(CONTRACT_HISTORY)],
  properties: {
    ...chainColumns(),
    id: id(),
    /** Insertion order: events of one transaction share their millisecond. */
    seq: p.bigint('number').autoincrement(),
    contract: () => p.manyToOne(Contract).deleteRule(KEEP).updateRule(KEEP),
    at: p.datetime().onCreate(now),
    /** Null when the system acted (a timer, the register). */
    actorUserId: p.uuid().nullable(),
    actorName: p.string().nullable(),
    action: p.string().length(48),
    fromState: p.string().length(48).nullable(),
    toState: p.string().length(48),
    detail: p.text().nullable(),
    data: p.json<Record<string, unknown>>(),
  },
});

/** Income from common-property contracts by month, for billing (docs/domain/billing.md). */
export const RevenueEntry = defineEntity({
  name: 'RevenueEntry',
  tableName: 'revenue_entry',
  indexes: [{ properties: ['building', 'period'] }],
  uniques: [{ properties: ['contract', 'building', 'period', 'contractVersion'] }],
  properties: {
    id: id(),
    contract: () => p.manyToOne(Contract).deleteRule(KEEP).updateRule(KEEP),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    /** YYYY-MM */
    period: p.string().length(7),
    amountUzs: p.bigint('number'),
    contractVersion: p.integer(),
    status: p.enum(['scheduled', 'cancelled'] as const),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const contractEntities = [
  Contract,
  ContractBuilding,
  ContractDocument,
  ContractSignature,
  ContractEvent,
  RevenueEntry,
];

export type IContract = InferEntity<typeof Contract>;
