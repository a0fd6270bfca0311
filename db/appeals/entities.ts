// Appeals. The row keeps the whole appeal as the rules see it (`state`), so every
// change is decided by domain/appeals on exactly what is stored, plus the columns the lists, the
// council board and the deadlines are queried by. appeal_event is the append-only audit trail,
// written in the same transaction as the change it records.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { Appeal } from '../../domain/appeals/appeal.ts';
import type { AppealPolicy } from '../../domain/appeals/policy.ts';
import {
  APPEAL_CATEGORIES,
  APPEAL_KINDS,
  APPEAL_LEVELS,
  APPEAL_STATUSES,
} from '../../domain/appeals/types.ts';
import { appendOnly } from '../append-only.ts';
import { type ChainedHistory, chainColumns, hashChained } from '../audit/chain.ts';
import { id, KEEP, now } from '../columns.ts';
import { bumpsReadVersion } from '../read-version.ts';
import { Apartment, Building, District, ManagementOrganization, Person } from '../registry/entities.ts';

/**
 * The read_version key of a district's appeals board (db/appeals/views.ts `districtBoard`): a UUID
 * derived from the district's, so it never meets a building's or a meeting's key.
 */
export const boardKey = (districtId: string) => `md5('appeals-board:' || (${districtId})::text)::uuid`;

export const AppealRow = defineEntity({
  name: 'Appeal',
  tableName: 'appeal',
  // The board's figures are held in process against this version: every column they count bumps
  // it, and nothing else (an appeal's text or history does not), so most writes take no lock on
  // the district's version row.
  triggers: [
    bumpsReadVersion('appeal', (r) => `select ${boardKey(`${r}.district_id`)}`, {
      when: `(new.district_id, new.organization_id, new.status, new.received_at, new.due_at, new.answered_at,
               new.answered_in_time) is distinct from (old.district_id, old.organization_id, old.status,
               old.received_at, old.due_at, old.answered_at, old.answered_in_time)`,
      // The board checks its version on every request and listens for nothing (db/read-version.ts).
      notify: false,
    }),
  ],
  indexes: [
    { properties: ['district', 'status'] },
    { properties: ['responsibleKind', 'responsibleId', 'status'] },
    { properties: ['applicant', 'receivedAt'] },
  ],
  properties: {
    id: id(),
    registrationNumber: p.string().length(16).unique(),
    category: p.enum(APPEAL_CATEGORIES),
    kind: p.enum(APPEAL_KINDS),
    applicant: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP),
    applicantUserId: p.uuid(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP),
    apartment: () => p.manyToOne(Apartment).deleteRule(KEEP).updateRule(KEEP).nullable(),
    /** The building's district: its council follows every appeal there. */
    district: () => p.manyToOne(District).deleteRule(KEEP).updateRule(KEEP),
    /** The organization the appeal is about (the building's, unless named). */
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP).nullable(),
    status: p.enum(APPEAL_STATUSES),
    level: p.enum(APPEAL_LEVELS),
    responsibleKind: p.string().length(32),
    responsibleId: p.string().length(64),
    receivedAt: p.datetime(),
    dueAt: p.datetime(),
    answeredAt: p.datetime().nullable(),
    /** Whether the first answer came before its deadline: the board's "answered in time". */
    answeredInTime: p.boolean().nullable(),
    closedAt: p.datetime().nullable(),
    state: p.json<Appeal>(),
    /** The policy at submission: a later change of the deployment's policy does not reach it. */
    policy: p.json<AppealPolicy>(),
    idempotencyKey: p.string().unique(),
    requestSha256: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

/** The history below is hash-chained, one chain per appeal (db/audit/chain.ts). */
export const APPEAL_HISTORY: ChainedHistory = { table: 'appeal_event', columns: ['appeal_id'] };

export const AppealEvent = defineEntity({
  name: 'AppealEvent',
  tableName: 'appeal_event',
  indexes: [{ properties: ['appeal', 'seq'] }],
  uniques: [{ properties: ['appeal', 'chainPos'] }],
  triggers: [appendOnly('appeal_event', 'appeal history'), hashChained(APPEAL_HISTORY)],
  properties: {
    ...chainColumns(),
    id: id(),
    seq: p.bigint('number').autoincrement(),
    appeal: () => p.manyToOne(AppealRow).deleteRule(KEEP).updateRule(KEEP),
    at: p.datetime().onCreate(now),
    actorUserId: p.uuid().nullable(),
    action: p.string().length(32),
    fromStatus: p.string().length(32).nullable(),
    toStatus: p.string().length(32),
    data: p.json<Record<string, unknown>>(),
  },
});

export const AppealAttachment = defineEntity({
  name: 'AppealAttachment',
  tableName: 'appeal_attachment',
  indexes: [{ properties: ['appeal'] }],
  properties: {
    id: id(),
    /** Null until an appeal or an answer takes it; uploads come first. */
    appeal: () => p.manyToOne(AppealRow).deleteRule(KEEP).updateRule(KEEP).nullable(),
    part: p.enum(['appeal', 'answer'] as const).nullable(),
    uploadedByUserId: p.uuid(),
    filename: p.string(),
    mediaType: p.string().length(64),
    size: p.integer(),
    storageKey: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
  },
});

/** Registration numbers run per year: one row per year, incremented under its row lock. */
export const AppealNumber = defineEntity({
  name: 'AppealNumber',
  tableName: 'appeal_number',
  properties: {
    year: p.integer().primary().autoincrement(false),
    last: p.integer(),
  },
});

export const appealEntities = [AppealRow, AppealEvent, AppealAttachment, AppealNumber];

export type IAppealRow = InferEntity<typeof AppealRow>;
