// What Turar-Joy holds about a building beyond its identity (docs/domain/registry.md): condition
// assessments per element, the class they lead to with its reasons (every reclassification kept),
// the land plot, meter readings and solar panels; and the runs of the bulk import.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { BUILDING_ELEMENTS, type Defect } from '../../domain/registry/assessment.ts';
import type { ClassificationReason } from '../../domain/registry/classification.ts';
import type { ClassificationPolicy } from '../../domain/registry/classification-policy.ts';
import { RESOURCES } from '../../domain/registry/consumption.ts';
import { IMPORT_KINDS } from '../../domain/registry/import-fields.ts';
import { appendOnly } from '../append-only.ts';
import { type ChainedHistory, chainColumns, hashChained } from '../audit/chain.ts';
import { id, KEEP, now } from '../columns.ts';
import { Building } from './entities.ts';

export const ElementAssessmentRow = defineEntity({
  name: 'ElementAssessment',
  tableName: 'element_assessment',
  indexes: [{ properties: ['building', 'element', 'assessedAt'] }],
  checks: [{ name: 'element_assessment_wear_check', expression: 'wear_percent between 0 and 100' }],
  properties: {
    id: id(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    element: p.enum(BUILDING_ELEMENTS),
    wearPercent: p.smallint(),
    defects: p.json<Defect[]>(),
    inspectorId: p.string().length(64),
    inspectorName: p.string().nullable(),
    assessedAt: p.datetime(),
    /** A client's retry of the same assessment is one row. */
    idempotencyKey: p.string().unique().nullable(),
    createdAt: p.datetime().onCreate(now),
  },
});

export const CLASSIFICATION_OUTCOMES = ['green', 'yellow', 'red', 'unknown'] as const;

/** The history below is hash-chained, one chain per building (db/audit/chain.ts). */
export const CLASSIFICATION_HISTORY: ChainedHistory = {
  table: 'building_classification',
  columns: ['building_id'],
};

/** Every (re)classification with its reasons; the building's condition_class is the latest. */
export const BuildingClassification = defineEntity({
  name: 'BuildingClassification',
  tableName: 'building_classification',
  indexes: [{ properties: ['building', 'seq'] }],
  uniques: [{ properties: ['building', 'chainPos'] }],
  triggers: [
    appendOnly('building_classification', 'classification history'),
    hashChained(CLASSIFICATION_HISTORY),
  ],
  properties: {
    ...chainColumns(),
    id: id(),
    seq: p.bigint('number').autoincrement(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    outcome: p.enum(CLASSIFICATION_OUTCOMES),
    previousOutcome: p.enum(CLASSIFICATION_OUTCOMES).nullable(),
    reasons: p.json<ClassificationReason[]>(),
    averageWear: p.decimal('number').precision(5).scale(2).nullable(),
    policy: p.json<ClassificationPolicy>(),
    /** What caused it: a new assessment, an import, a change of policy. */
    cause: p.string().length(32),
    decidedAt: p.datetime().onCreate(now),
  },
});

export const LandPlot = defineEntity({
  name: 'LandPlot',
  tableName: 'land_plot',
  properties: {
    id: id(),
    building: () => p.oneToOne(Building).owner().unique().deleteRule(KEEP).updateRule(KEEP),
    cadastralNumber: p.string().length(64).unique(),
    areaM2: p.decimal('number').precision(12).scale(2),
    /** GeoJSON Polygon or MultiPolygon in WGS 84. */
    boundary: p.json<Record<string, unknown>>().nullable(),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const MeterReadingRow = defineEntity({
  name: 'MeterReading',
  tableName: 'meter_reading',
  uniques: [{ properties: ['meterId', 'readAt'] }],
  indexes: [{ properties: ['building', 'resource', 'readAt'] }],
  properties: {
    id: id(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    meterId: p.string().length(64),
    resource: p.enum(RESOURCES),
    readAt: p.datetime(),
    value: p.decimal('number').precision(16).scale(3),
    replaced: p.boolean().default(false),
    oldDeviceFinalValue: p.decimal('number').precision(16).scale(3).nullable(),
    createdAt: p.datetime().onCreate(now),
  },
});

/**
 * A batch of readings a client sent under an Idempotency-Key (scoped to the building and the
 * caller), with its body's hash: the same key with another batch is refused, not recorded.
 */
export const MeterReadingBatchRow = defineEntity({
  name: 'MeterReadingBatch',
  tableName: 'meter_reading_batch',
  properties: {
    idempotencyKey: p.text().primary(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    requestSha256: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
  },
});

export const SOLAR_OWNERS = [
  'developer',
  'owners_common_property',
  'management_organization',
  'other',
] as const;

export const SolarInstallation = defineEntity({
  name: 'SolarInstallation',
  tableName: 'solar_installation',
  properties: {
    id: id(),
    building: () => p.oneToOne(Building).owner().unique().deleteRule(KEEP).updateRule(KEEP),
    panelCount: p.integer(),
    capacityKw: p.decimal('number').precision(10).scale(2),
    owner: p.enum(SOLAR_OWNERS),
    ownerName: p.string().nullable(),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const IMPORT_RUN_STATUSES = ['rejected', 'imported'] as const;

/** One bulk import: a rejected run keeps its report, an imported one its counts. */
export const ImportRun = defineEntity({
  name: 'ImportRun',
  tableName: 'import_run',
  properties: {
    id: id(),
    kind: p.enum(IMPORT_KINDS),
    filename: p.string(),
    sha256: p.string().length(64),
    status: p.enum(IMPORT_RUN_STATUSES),
    rows: p.integer(),
    created: p.integer().default(0),
    updated: p.integer().default(0),
    unchanged: p.integer().default(0),
    errors: p.json<{ row: number; field: string; message: string }[]>(),
    createdByUserId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(now),
  },
});

export const conditionEntities = [
  ElementAssessmentRow,
  BuildingClassification,
  LandPlot,
  MeterReadingRow,
  MeterReadingBatchRow,
  SolarInstallation,
  ImportRun,
];

export type IElementAssessment = InferEntity<typeof ElementAssessmentRow>;
