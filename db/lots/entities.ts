// Lots. The row keeps the lot as the rules see it (`state`, domain/lots/status.ts) plus the columns
// lists are queried by; each version keeps what the council was shown and decided on. Membership is
// a history: a building's current row has no `until`, and a partial unique index lets a building
// have one such row at most, so no code path can put it in two lots at once. lot_event is the
// append-only, hash-chained trail, written in the same transaction as the change it records.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { FINANCING_SOURCES } from '../../domain/lots/programme.ts';
import type { LotState } from '../../domain/lots/status.ts';
import { BUILDING_ELEMENTS } from '../../domain/registry/public.ts';
import { appendOnly } from '../append-only.ts';
import { type ChainedHistory, chainColumns, hashChained } from '../audit/chain.ts';
import { id, KEEP, now } from '../columns.ts';
import { Building, District, ManagementOrganization } from '../registry/entities.ts';

const APPROVAL = ['draft', 'submitted', 'returned', 'approved'] as const;
const SELECTION = [
  'not_started',
  'applications',
  'voting',
  'repeat_voting',
  'chosen',
  'competition',
  'appointed',
] as const;

export const LotRow = defineEntity({
  name: 'Lot',
  tableName: 'lot',
  uniques: [{ properties: ['district', 'number'] }],
  indexes: [{ properties: ['district', 'approval'] }],
  checks: [{ name: 'lot_number_check', expression: 'number >= 1 and version >= 1' }],
  properties: {
    id: id(),
    district: () => p.manyToOne(District).deleteRule(KEEP).updateRule(KEEP),
    /** Lot 1, 2, … of its district, for people and the map. */
    number: p.integer(),
    version: p.integer(),
    approval: p.enum(APPROVAL),
    selection: p.enum(SELECTION),
    state: p.json<LotState>(),
    /** The organization chosen or appointed, once there is one. */
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP).nullable(),
    /** The saving request's key, so a retried save is the same lot. */
    idempotencyKey: p.string().unique(),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

/** What the council was shown for one version, and what it decided. */
export const LotVersion = defineEntity({
  name: 'LotVersion',
  tableName: 'lot_version',
  uniques: [{ properties: ['lot', 'version'] }],
  properties: {
    id: id(),
    lot: () => p.manyToOne(LotRow).deleteRule(KEEP).updateRule(KEEP),
    version: p.integer(),
    buildingCount: p.integer(),
    apartments: p.integer(),
    /** Set once, when the council approves: the version is frozen from then on. */
    approvedAt: p.datetime().nullable(),
    /** The act of the council's decision: `sha256:<hex>` of decisionActHtml. */
    decisionDocument: p.string().nullable(),
    /** The act's exact bytes (domain/lots/decision-act.ts), which the hash in the history covers. */
    decisionActHtml: p.text().nullable(),
    remarks: p.text().nullable(),
    createdAt: p.datetime().onCreate(now),
  },
});

export const LotMembership = defineEntity({
  name: 'LotMembership',
  tableName: 'lot_membership',
  indexes: [{ properties: ['lot', 'until'] }],
  uniques: [
    // A building is in one current lot at most: the rule's last line of defence.
    { name: 'lot_membership_current_unique', properties: ['building'], where: 'until is null' },
  ],
  checks: [{ name: 'lot_membership_period_check', expression: 'until is null or until >= since' }],
  properties: {
    id: id(),
    lot: () => p.manyToOne(LotRow).deleteRule(KEEP).updateRule(KEEP),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    /** The lot version it joined with. */
    version: p.integer(),
    since: p.datetime(),
    until: p.datetime().nullable(),
  },
});

export const LotProgrammeItem = defineEntity({
  name: 'LotProgrammeItem',
  tableName: 'lot_programme_item',
  indexes: [{ properties: ['lot', 'version'] }],
  checks: [
    { name: 'lot_programme_item_year_check', expression: 'year between 1 and 10' },
    { name: 'lot_programme_item_cost_check', expression: 'estimated_cost > 0' },
  ],
  properties: {
    id: id(),
    lot: () => p.manyToOne(LotRow).deleteRule(KEEP).updateRule(KEEP),
    version: p.integer(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    year: p.smallint(),
    element: p.enum(BUILDING_ELEMENTS),
    /** Tiyin. */
    estimatedCost: p.bigint('number'),
    source: p.enum(FINANCING_SOURCES),
  },
});

/** The history below is hash-chained, one chain per lot (db/audit/chain.ts). */
export const LOT_HISTORY: ChainedHistory = { table: 'lot_event', columns: ['lot_id'] };

export const LotEvent = defineEntity({
  name: 'LotEvent',
  tableName: 'lot_event',
  indexes: [{ properties: ['lot', 'seq'] }],
  uniques: [{ properties: ['lot', 'chainPos'] }],
  triggers: [appendOnly('lot_event', 'lot history'), hashChained(LOT_HISTORY)],
  properties: {
    ...chainColumns(),
    id: id(),
    seq: p.bigint('number').autoincrement(),
    lot: () => p.manyToOne(LotRow).deleteRule(KEEP).updateRule(KEEP),
    /** The request that made this change: a retry finds it and changes nothing. */
    requestId: p.string().unique(),
    at: p.datetime().onCreate(now),
    actorUserId: p.uuid().nullable(),
    action: p.string().length(32),
    version: p.integer(),
    fromStatus: p.string().length(32).nullable(),
    toStatus: p.string().length(32),
    data: p.json<Record<string, unknown>>(),
  },
});

/**
 * A retryable lots request (a save of drafts, a move): its key, the hash of its body and the answer
 * it got, so a retry gets that same answer and the same key with another body is refused.
 */
export const LotRequest = defineEntity({
  name: 'LotRequest',
  tableName: 'lot_request',
  properties: {
    /** The operation, the caller and their Idempotency-Key. */
    key: p.string().length(200).primary(),
    requestSha256: p.string().length(64),
    response: p.json<unknown>(),
    createdAt: p.datetime().onCreate(now),
  },
});

/** An organization's application for a lot's window (again within the window replaces the offer). */
export const LotApplication = defineEntity({
  name: 'LotApplication',
  tableName: 'lot_application',
  uniques: [{ properties: ['lot', 'version', 'organization'] }],
  checks: [{ name: 'lot_application_tariff_check', expression: 'tariff > 0' }],
  properties: {
    id: id(),
    lot: () => p.manyToOne(LotRow).deleteRule(KEEP).updateRule(KEEP),
    version: p.integer(),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    /** Tiyin per m² a month. */
    tariff: p.integer(),
    appliedAt: p.datetime(),
    appliedByUserId: p.uuid(),
  },
});

/** A bid in the council's competition for a lot the owners did not choose for. */
export const LotBid = defineEntity({
  name: 'LotBid',
  tableName: 'lot_bid',
  uniques: [{ properties: ['lot', 'version', 'organization'] }],
  checks: [
    {
      name: 'lot_bid_figures_check',
      expression: 'tariff > 0 and programme_commitment >= 0 and experience_years >= 0',
    },
  ],
  properties: {
    id: id(),
    lot: () => p.manyToOne(LotRow).deleteRule(KEEP).updateRule(KEEP),
    version: p.integer(),
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP),
    tariff: p.integer(),
    /** Tiyin of programme works committed. */
    programmeCommitment: p.bigint('number'),
    experienceYears: p.smallint(),
    submittedAt: p.datetime(),
  },
});

/**
 * A council member's signature over the act of a version's approval (lot_version.decision_act_html),
 * verified before it is stored (api/lots/act.ts): one per version, and the request that made it,
 * so a retry finds it.
 */
export const LotActSignature = defineEntity({
  name: 'LotActSignature',
  tableName: 'lot_act_signature',
  uniques: [{ properties: ['lot', 'version'] }],
  properties: {
    id: id(),
    lot: () => p.manyToOne(LotRow).deleteRule(KEEP).updateRule(KEEP),
    version: p.integer(),
    /** `sha256:<hex>` of the bytes signed: the version's decision document. */
    document: p.string().length(80),
    signerUserId: p.uuid(),
    signerName: p.string(),
    envelope: p.json<Record<string, unknown>>(),
    verification: p.json<Record<string, unknown>>(),
    requestId: p.string().length(200).unique(),
    signedAt: p.datetime().onCreate(now),
  },
});

export const lotEntities = [
  LotRow,
  LotVersion,
  LotMembership,
  LotProgrammeItem,
  LotEvent,
  LotApplication,
  LotBid,
  LotRequest,
  LotActSignature,
];

export type ILotRow = InferEntity<typeof LotRow>;
