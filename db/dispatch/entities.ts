// The dispatch service. The request row keeps the whole request as the rules see it (`state`), so
// every change is decided by domain/dispatch on exactly what is stored, plus the columns the board,
// the clocks and the figures are queried by. dispatch_event is the append-only, hash-chained
// history, written in the same transaction as the change it records.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { DispatchPolicy } from '../../domain/dispatch/policy.ts';
import { ROSTER_ROLES } from '../../domain/dispatch/roster.ts';
import type { TriageSuggestion } from '../../domain/dispatch/second-opinion.ts';
import {
  DISPATCH_CATEGORIES,
  type DispatchCategory,
  REQUEST_LANGUAGES,
  type Scored,
  URGENCIES,
} from '../../domain/dispatch/triage.ts';
import { DISPATCH_CHANNELS, DISPATCH_STATUSES, type DispatchRequest } from '../../domain/dispatch/types.ts';
import { appendOnly } from '../append-only.ts';
import { type ChainedHistory, chainColumns, hashChained } from '../audit/chain.ts';
import { id, KEEP, now } from '../columns.ts';
import { Apartment, Building, District, ManagementOrganization, Person } from '../registry/entities.ts';

export const MASS_SCOPES = ['building', 'street'] as const;

/** Many requests about one thing, worked and resolved as one. */
export const DispatchMassIncident = defineEntity({
  name: 'DispatchMassIncident',
  tableName: 'dispatch_mass_incident',
  indexes: [{ properties: ['organization', 'resolvedAt'] }],
  properties: {
    id: id(),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    scope: p.enum(MASS_SCOPES),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    street: p.string().nullable(),
    category: p.enum(DISPATCH_CATEGORIES),
    openedAt: p.datetime(),
    resolvedAt: p.datetime().nullable(),
    resolutionNote: p.text().nullable(),
    resolvedByUserId: p.uuid().nullable(),
    /** Names the dispatcher's resolve request (from its Idempotency-Key), so its retry is told apart. */
    resolutionKey: p.uuid().nullable(),
  },
});

export const DispatchRequestRow = defineEntity({
  name: 'DispatchRequest',
  tableName: 'dispatch_request',
  indexes: [
    { properties: ['organization', 'status', 'registeredAt'] },
    { properties: ['building', 'registeredAt'] },
    { properties: ['residentUserId', 'registeredAt'] },
    { properties: ['assigneeUserId', 'status'] },
    { properties: ['massIncident'] },
  ],
  uniques: [{ properties: ['organization', 'number'] }],
  properties: {
    id: id(),
    /** Yearly per organization: 2026-000042. */
    number: p.string().length(16),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    apartment: () => p.manyToOne(Apartment).deleteRule(KEEP).updateRule(KEEP).nullable(),
    district: () => p.manyToOne(District).deleteRule(KEEP).updateRule(KEEP),
    resident: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP).nullable(),
    residentUserId: p.uuid().nullable(),
    channel: p.enum(DISPATCH_CHANNELS),
    status: p.enum(DISPATCH_STATUSES),
    category: p.enum(DISPATCH_CATEGORIES),
    urgency: p.enum(URGENCIES),
    needsConfirmation: p.boolean(),
    assigneeUserId: p.uuid().nullable(),
    massIncident: () => p.manyToOne(DispatchMassIncident).deleteRule(KEEP).updateRule(KEEP).nullable(),
    duplicateOf: p.uuid().nullable(),
    registeredAt: p.datetime(),
    /** The earliest unmet clock: what the board counts down to. */
    nextDueAt: p.datetime().nullable(),
    doneAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    rating: p.smallint().nullable(),
    state: p.json<DispatchRequest>(),
    /** The policy at registration: a later change of the deployment's policy does not reach it. */
    policy: p.json<DispatchPolicy>(),
    idempotencyKey: p.string().unique(),
    requestSha256: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

/** What the model and the emergency rules said for a request, as it was at registration. */
export const DispatchTriage = defineEntity({
  name: 'DispatchTriage',
  tableName: 'dispatch_triage',
  properties: {
    request: () => p.oneToOne(DispatchRequestRow).primary().owner().deleteRule(KEEP).updateRule(KEEP),
    modelVersion: p.string(),
    language: p.enum(REQUEST_LANGUAGES),
    languageConfidence: p.double(),
    category: p.enum(DISPATCH_CATEGORIES),
    categoryConfidence: p.double(),
    urgency: p.enum(URGENCIES),
    urgencyConfidence: p.double(),
    categoryTop: p.json<Scored<DispatchCategory>[]>(),
    ruleFired: p.string().nullable(),
    needsConfirmation: p.boolean(),
    /** Candidate duplicates as found at registration: ids and similarity. */
    duplicates: p.json<{ id: string; similarity: number }[]>(),
    latencyMicros: p.integer(),
    /** A language model's second opinion on an unsure triage, when one is configured and answered. */
    suggestion: p.json<TriageSuggestion>().nullable(),
    createdAt: p.datetime().onCreate(now),
  },
});

/** A dispatcher's correction of the model: kept as a labelled example for the next training. */
export const DispatchTriageCorrection = defineEntity({
  name: 'DispatchTriageCorrection',
  tableName: 'dispatch_triage_correction',
  indexes: [{ properties: ['createdAt'] }],
  properties: {
    id: id(),
    request: () => p.manyToOne(DispatchRequestRow).deleteRule(KEEP).updateRule(KEEP),
    text: p.text(),
    language: p.enum(REQUEST_LANGUAGES),
    modelVersion: p.string(),
    modelCategory: p.enum(DISPATCH_CATEGORIES),
    modelUrgency: p.enum(URGENCIES),
    category: p.enum(DISPATCH_CATEGORIES),
    urgency: p.enum(URGENCIES),
    byUserId: p.uuid(),
    createdAt: p.datetime().onCreate(now),
  },
});

/** The history below is hash-chained, one chain per request (db/audit/chain.ts). */
export const DISPATCH_HISTORY: ChainedHistory = { table: 'dispatch_event', columns: ['request_id'] };

export const DispatchEvent = defineEntity({
  name: 'DispatchEvent',
  tableName: 'dispatch_event',
  indexes: [{ properties: ['request', 'seq'] }],
  uniques: [{ properties: ['request', 'chainPos'] }, { properties: ['request', 'requestKey'] }],
  triggers: [appendOnly('dispatch_event', 'dispatch history'), hashChained(DISPATCH_HISTORY)],
  properties: {
    ...chainColumns(),
    id: id(),
    seq: p.bigint('number').autoincrement(),
    request: () => p.manyToOne(DispatchRequestRow).deleteRule(KEEP).updateRule(KEEP),
    at: p.datetime().onCreate(now),
    actorUserId: p.uuid().nullable(),
    action: p.string().length(32),
    fromStatus: p.string().length(32).nullable(),
    toStatus: p.string().length(32),
    /** Names the change, so a retried one finds its own event and is not applied twice. */
    requestKey: p.string().length(128),
    data: p.json<Record<string, unknown>>(),
  },
});

/** An on-call shift of one of the organization's people. */
export const DispatchShift = defineEntity({
  name: 'DispatchShift',
  tableName: 'dispatch_shift',
  indexes: [{ properties: ['organization', 'startsAt'] }, { properties: ['organization', 'endsAt'] }],
  properties: {
    id: id(),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    userId: p.uuid(),
    name: p.string(),
    role: p.enum(ROSTER_ROLES),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    /** Empty: every category. */
    categories: p.json<DispatchCategory[]>(),
    /** Empty: every building of the organization. */
    buildingIds: p.json<string[]>(),
    idempotencyKey: p.string().unique(),
    createdByUserId: p.uuid(),
    createdAt: p.datetime().onCreate(now),
  },
});

/** Photos of a request or of finished work: the bytes in storage, the metadata here. */
export const DispatchPhoto = defineEntity({
  name: 'DispatchPhoto',
  tableName: 'dispatch_photo',
  indexes: [{ properties: ['request'] }],
  properties: {
    id: id(),
    request: () => p.manyToOne(DispatchRequestRow).deleteRule(KEEP).updateRule(KEEP),
    part: p.enum(['request', 'done'] as const),
    uploadedByUserId: p.uuid(),
    mediaType: p.string().length(64),
    size: p.integer(),
    storageKey: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
  },
});

/** Request numbers run per organization and year, incremented under the row's lock. */
export const DispatchNumber = defineEntity({
  name: 'DispatchNumber',
  tableName: 'dispatch_number',
  properties: {
    organizationId: p.uuid().primary(),
    year: p.integer().primary().autoincrement(false),
    last: p.integer(),
  },
});

export const dispatchEntities = [
  DispatchMassIncident,
  DispatchRequestRow,
  DispatchTriage,
  DispatchTriageCorrection,
  DispatchEvent,
  DispatchShift,
  DispatchPhoto,
  DispatchNumber,
];

export type IDispatchRequestRow = InferEntity<typeof DispatchRequestRow>;
