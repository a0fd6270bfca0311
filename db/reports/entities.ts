// Quarterly reports. The row keeps the report as the rules see it (`state`), so every change is
// decided by domain/reports on exactly what is stored, plus the columns the lists and boards query
// and what its deadline did to the building's accrual. report_version freezes each submission
// and report_work its lines (both append-only); report_event is the hash-chained history of every
// change, the suspension and its lifting included.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ACT_PARTIES } from '../../domain/reports/act.ts';
import type { ReportPolicy } from '../../domain/reports/policy.ts';
import type { ReportState } from '../../domain/reports/status.ts';
import { PHOTO_TYPES, REPORT_STATUSES, WORK_KINDS, type WorkPhoto } from '../../domain/reports/types.ts';
import type { SignatureEnvelope } from '../../domain/signatures/types.ts';
import { appendOnly } from '../append-only.ts';
import { type ChainedHistory, chainColumns, hashChained } from '../audit/chain.ts';
import { id, KEEP, now } from '../columns.ts';
import { Building, District, ManagementOrganization } from '../registry/entities.ts';

export const ReportRow = defineEntity({
  name: 'Report',
  tableName: 'report',
  uniques: [{ properties: ['building', 'quarter'] }],
  indexes: [{ properties: ['district', 'quarter'] }, { properties: ['organization', 'quarter'] }],
  properties: {
    id: id(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    district: () => p.manyToOne(District).deleteRule(KEEP).updateRule(KEEP),
    /** Who must report: the organization whose terms cover the quarter's last day (repository.ts responsibleOrganization). */
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP).nullable(),
    quarter: p.string().length(7),
    status: p.enum(REPORT_STATUSES),
    state: p.json<ReportState>(),
    /** The policy when the row was made: a later change of the deployment's policy does not reach it. */
    policy: p.json<ReportPolicy>(),
    deadlineAt: p.datetime(),
    /** The first submission: what lifts a suspension. */
    enteredAt: p.datetime().nullable(),
    late: p.boolean().nullable(),
    /** Months recorded as suspended in billing for this quarter, 'YYYY-MM'. */
    suspendedMonths: p.json<string[]>(),
    /** When the report arrived: months that stayed suspended for good, and the first month charged again. */
    keptMonths: p.json<string[]>().nullable(),
    liftedFrom: p.string().length(7).nullable(),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const ReportVersionRow = defineEntity({
  name: 'ReportVersion',
  tableName: 'report_version',
  uniques: [{ properties: ['report', 'version'] }],
  triggers: [appendOnly('report_version', 'report versions')],
  properties: {
    id: id(),
    report: () => p.manyToOne(ReportRow).deleteRule(KEEP).updateRule(KEEP),
    version: p.integer(),
    reason: p.text().nullable(),
    late: p.boolean(),
    submittedAt: p.datetime(),
    submittedByUserId: p.uuid(),
    note: p.text(),
    totalCostTiyin: p.bigint('number'),
  },
});

export const ReportWork = defineEntity({
  name: 'ReportWork',
  tableName: 'report_work',
  uniques: [{ properties: ['version', 'line'] }],
  triggers: [appendOnly('report_work', 'report work lines')],
  properties: {
    id: id(),
    version: () => p.manyToOne(ReportVersionRow).deleteRule(KEEP).updateRule(KEEP),
    line: p.integer(),
    kind: p.enum(WORK_KINDS),
    element: p.string().length(32),
    description: p.text(),
    quantityMilli: p.bigint('number'),
    unit: p.string().length(16),
    costTiyin: p.bigint('number'),
    doneOn: p.date(),
    /** The line's photos as submitted (report_photo ids with their stage). */
    photos: p.json<WorkPhoto[]>().default('[]'),
  },
});

/**
 * A photo the organization uploaded for a building's work line: the bytes in the platform's
 * storage (content-addressed, as the appeals' attachments), the metadata here. The id is derived
 * from the uploader and the Idempotency-Key, so a retried upload is the same photo.
 */
export const ReportPhoto = defineEntity({
  name: 'ReportPhoto',
  tableName: 'report_photo',
  indexes: [{ properties: ['building', 'organization'] }],
  properties: {
    id: p.uuid().primary(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    uploadedByUserId: p.uuid(),
    filename: p.string().length(255),
    mediaType: p.enum(PHOTO_TYPES),
    size: p.integer(),
    storageKey: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
  },
});

/**
 * The act of completed works of one submitted version (domain/reports/act.ts): its exact bytes,
 * drawn up in the submission's transaction, never changed; a correction draws up a new act.
 */
export const ReportAct = defineEntity({
  name: 'ReportAct',
  tableName: 'report_act',
  uniques: [{ properties: ['report', 'version'] }],
  triggers: [appendOnly('report_act', 'acts of completed works')],
  properties: {
    id: id(),
    report: () => p.manyToOne(ReportRow).deleteRule(KEEP).updateRule(KEEP),
    version: p.integer(),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    sha256: p.string().length(64),
    html: p.text(),
    createdAt: p.datetime().onCreate(now),
  },
});

/** A verified signature over an act's exact bytes, one per party; kept as evidence. */
export const ReportActSignature = defineEntity({
  name: 'ReportActSignature',
  tableName: 'report_act_signature',
  uniques: [{ properties: ['act', 'party'] }, { properties: ['act', 'requestId'] }],
  triggers: [appendOnly('report_act_signature', 'signatures of acts of completed works')],
  properties: {
    id: id(),
    act: () => p.manyToOne(ReportAct).deleteRule(KEEP).updateRule(KEEP),
    party: p.enum(ACT_PARTIES),
    signerUserId: p.uuid(),
    signerName: p.string(),
    /** Why this person signs for the owners: their contract's representative, or the district council. */
    capacity: p.string().length(32),
    envelope: p.json<SignatureEnvelope>(),
    verification: p.json<Record<string, unknown>>(),
    requestId: p.string().length(128),
    signedAt: p.datetime().onCreate(now),
  },
});

/** The history below is hash-chained, one chain per report (db/audit/chain.ts). */
export const REPORT_HISTORY: ChainedHistory = { table: 'report_event', columns: ['report_id'] };

export const ReportEvent = defineEntity({
  name: 'ReportEvent',
  tableName: 'report_event',
  indexes: [{ properties: ['report', 'seq'] }],
  uniques: [{ properties: ['report', 'chainPos'] }, { properties: ['report', 'requestId'] }],
  triggers: [appendOnly('report_event', 'report history'), hashChained(REPORT_HISTORY)],
  properties: {
    ...chainColumns(),
    id: id(),
    seq: p.bigint('number').autoincrement(),
    report: () => p.manyToOne(ReportRow).deleteRule(KEEP).updateRule(KEEP),
    at: p.datetime().onCreate(now),
    actorUserId: p.uuid().nullable(),
    action: p.string().length(32),
    fromStatus: p.string().length(32).nullable(),
    toStatus: p.string().length(32),
    /** The request id (idempotency), and what a suspension or lift did. */
    requestId: p.string().length(128).nullable(),
    requestSha256: p.string().length(64).nullable(),
    data: p.json<Record<string, unknown>>(),
  },
});

export const reportEntities = [
  ReportRow,
  ReportVersionRow,
  ReportWork,
  ReportEvent,
  ReportPhoto,
  ReportAct,
  ReportActSignature,
];

export type IReportRow = InferEntity<typeof ReportRow>;
