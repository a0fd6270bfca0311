// The electronic register of management organizations. An application carries
// the evidence and the review's verdicts; register_event is the public status history, written in
// the same transaction as every change, so the history cannot miss a change nor show a rolled-back one.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { CorrectionsRequest } from '../../domain/register/actions.ts';
import { EVIDENCE_REQUIREMENTS } from '../../domain/register/evidence.ts';
import type { RegisterPolicy } from '../../domain/register/policy.ts';
import type { RequirementVerdict, TechnicalBaseItem } from '../../domain/register/requirements.ts';
import { REGISTER_STATES } from '../../domain/register/status.ts';
import { appendOnly } from '../append-only.ts';
import { type ChainedHistory, chainColumns, hashChained } from '../audit/chain.ts';
import { id, KEEP, now } from '../columns.ts';
import { District, ManagementOrganization } from '../registry/entities.ts';

export interface DispatchEvidence {
  hoursPerDay: number;
  daysPerWeek: number;
  phone: string | null;
}

export const RegisterApplication = defineEntity({
  name: 'RegisterApplication',
  tableName: 'register_application',
  properties: {
    id: id(),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP).index(),
    tin: p.string().length(9),
    name: p.string(),
    district: () => p.manyToOne(District).deleteRule(KEEP).updateRule(KEEP).index(),
    submittedByUserId: p.uuid(),
    ownFundsUzs: p.bigint('number'),
    technicalBase: p.json<TechnicalBaseItem[]>(),
    dispatch: p.json<DispatchEvidence>(),
    state: p.enum(REGISTER_STATES),
    verdicts: p.json<RequirementVerdict[]>(),
    corrections: p.json<CorrectionsRequest>().nullable(),
    correctionsDueAt: p.datetime().nullable(),
    /** When the requirements were last found met; the periodic re-check counts from here. */
    lastCheckedAt: p.datetime().nullable(),
    decidedAt: p.datetime().nullable(),
    reason: p.string().length(64).nullable(),
    /** The policy at application: a later change of the deployment's policy does not reach it. */
    policy: p.json<RegisterPolicy>(),
    idempotencyKey: p.string().unique(),
    requestSha256: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

/** The history below is hash-chained, one chain per organization (db/audit/chain.ts). */
export const REGISTER_HISTORY: ChainedHistory = { table: 'register_event', columns: ['organization_id'] };

export const RegisterEvent = defineEntity({
  name: 'RegisterEvent',
  tableName: 'register_event',
  indexes: [{ properties: ['organization', 'at'] }],
  uniques: [{ properties: ['organization', 'chainPos'] }],
  triggers: [appendOnly('register_event', 'register history'), hashChained(REGISTER_HISTORY)],
  properties: {
    ...chainColumns(),
    id: id(),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    application: () => p.manyToOne(RegisterApplication).deleteRule(KEEP).updateRule(KEEP).nullable(),
    at: p.datetime().onCreate(now),
    /** Null when the system acted (a timer, another workflow). */
    actorUserId: p.uuid().nullable(),
    action: p.string().length(32),
    fromState: p.enum(REGISTER_STATES).nullable(),
    toState: p.enum(REGISTER_STATES),
    reason: p.string().length(64).nullable(),
    data: p.json<Record<string, unknown>>(),
  },
});

/**
 * A file the applicant attached as evidence of one requirement: the bytes in the platform's storage
 * (platform/storage, content-addressed, as appeals' attachments), the metadata here.
 */
export const RegisterEvidence = defineEntity({
  name: 'RegisterEvidence',
  tableName: 'register_evidence',
  indexes: [{ properties: ['application', 'createdAt'] }],
  properties: {
    id: id(),
    application: () => p.manyToOne(RegisterApplication).deleteRule(KEEP).updateRule(KEEP),
    requirement: p.enum(EVIDENCE_REQUIREMENTS),
    uploadedByUserId: p.uuid(),
    filename: p.string().length(600),
    mediaType: p.string().length(64),
    size: p.integer(),
    storageKey: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
  },
});

export const registerEntities = [RegisterApplication, RegisterEvent, RegisterEvidence];

export type IRegisterApplication = InferEntity<typeof RegisterApplication>;
