// Commissioning of new buildings. The application row holds the state machine's state
// (domain/commissioning/application.ts) and the policy frozen at application, so a later change of
// COMMISSIONING_POLICY never moves a running deadline; acts are kept with the exact bytes both
// parties signed, and commissioning_event is the append-only trail written with every change.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { ActInput } from '../../domain/commissioning/act.ts';
import { ACT_KINDS } from '../../domain/commissioning/act.ts';
import type { CommissioningApplication as App } from '../../domain/commissioning/application.ts';
import { COMMISSIONING_STATES } from '../../domain/commissioning/application.ts';
import type { CommissioningPolicy } from '../../domain/commissioning/policy.ts';
import type { CadastralPassport } from '../../domain/commissioning/view.ts';
import type { SignatureEnvelope } from '../../domain/signatures/types.ts';
import { appendOnly } from '../append-only.ts';
import { type ChainedHistory, chainColumns, hashChained } from '../audit/chain.ts';
import { id, KEEP, now } from '../columns.ts';
import { District, ManagementOrganization } from '../registry/entities.ts';

export const CommissioningApplicationRow = defineEntity({
  name: 'CommissioningApplication',
  tableName: 'commissioning_application',
  indexes: [{ properties: ['district', 'state'] }, { properties: ['developerTin'] }],
  properties: {
    id: id(),
    /**
     * The registry building this application commissions. Reserved at application: the building
     * row is created with this id from the cadastral passport, so no foreign key until it exists.
     */
    buildingId: p.uuid().index(),
    district: () => p.manyToOne(District).deleteRule(KEEP).updateRule(KEEP),
    cadastralNumber: p.string().length(64).index(),
    developerTin: p.string().length(9),
    developerName: p.string(),
    /** Where reminders go. */
    contactEmail: p.string(),
    applicantUserId: p.uuid(),
    state: p.enum(COMMISSIONING_STATES),
    since: p.datetime(),
    appliedAt: p.datetime(),
    dueAt: p.datetime().nullable(),
    conditions: p.json<App['conditions']>(),
    rejection: p.json<NonNullable<App['rejection']>>().nullable(),
    policy: p.json<CommissioningPolicy>(),
    passport: p.json<CadastralPassport>().nullable(),
    /** Why the passport could not be shown in the registry (a number held by another building). */
    registryProblem: p.text().nullable(),
    idempotencyKey: p.string().unique(),
    requestSha256: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

/** The exact bytes both parties sign. */
export const CommissioningAct = defineEntity({
  name: 'CommissioningAct',
  tableName: 'commissioning_act',
  uniques: [{ properties: ['application', 'sha256'] }],
  properties: {
    id: id(),
    application: () => p.manyToOne(CommissioningApplicationRow).deleteRule(KEEP).updateRule(KEEP),
    kind: p.enum(ACT_KINDS),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    sha256: p.string().length(64),
    html: p.text(),
    input: p.json<ActInput>(),
    createdByUserId: p.uuid(),
    idempotencyKey: p.string().unique(),
    createdAt: p.datetime().onCreate(now),
  },
});

export const CommissioningActSignature = defineEntity({
  name: 'CommissioningActSignature',
  tableName: 'commissioning_act_signature',
  uniques: [{ properties: ['act', 'party'] }],
  properties: {
    id: id(),
    act: () => p.manyToOne(CommissioningAct).deleteRule(KEEP).updateRule(KEEP),
    party: p.enum(['developer', 'management_organization'] as const),
    tin: p.string().length(9),
    signerUserId: p.uuid(),
    signerName: p.string(),
    envelope: p.json<SignatureEnvelope>(),
    verification: p.json<Record<string, unknown>>(),
    signedAt: p.datetime().onCreate(now),
  },
});

/** The history below is hash-chained, one chain per application (db/audit/chain.ts). */
export const COMMISSIONING_HISTORY: ChainedHistory = {
  table: 'commissioning_event',
  columns: ['application_id'],
};

export const CommissioningEvent = defineEntity({
  name: 'CommissioningEvent',
  tableName: 'commissioning_event',
  indexes: [{ properties: ['application', 'seq'] }],
  uniques: [{ properties: ['application', 'chainPos'] }],
  triggers: [appendOnly('commissioning_event', 'commissioning history'), hashChained(COMMISSIONING_HISTORY)],
  properties: {
    ...chainColumns(),
    id: id(),
    seq: p.bigint('number').autoincrement(),
    application: () => p.manyToOne(CommissioningApplicationRow).deleteRule(KEEP).updateRule(KEEP),
    at: p.datetime().onCreate(now),
    /** Null when the system acted (the cadastre, the deadline). */
    actorUserId: p.uuid().nullable(),
    action: p.string().length(48),
    fromState: p.string().length(48).nullable(),
    toState: p.string().length(48),
    data: p.json<Record<string, unknown>>(),
  },
});

export const commissioningEntities = [
  CommissioningApplicationRow,
  CommissioningAct,
  CommissioningActSignature,
  CommissioningEvent,
];

export type ICommissioningApplication = InferEntity<typeof CommissioningApplicationRow>;
