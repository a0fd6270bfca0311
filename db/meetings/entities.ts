// General meetings of owners. The workflow owns phases and timers; everything that grows
// with the number of owners (electorate, ballots, deliveries, comments) lives in these tables, and
// the repository reaches them with set-based SQL. The entities exist for the schema and its
// migrations: constraints here are the last line of defence behind the repository's checks.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import type { Decision } from '../../domain/meetings/decide.ts';
import {
  AGENDA_ITEM_KINDS,
  MEETING_FORMS,
  MEETING_KINDS,
  type MeetingPolicy,
} from '../../domain/meetings/policy.ts';
import { MEETING_PHASES } from '../../domain/meetings/types.ts';
import { id, KEEP, now } from '../columns.ts';
import { bumpsReadVersion } from '../read-version.ts';
import { Apartment, Building, ManagementOrganization, Person } from '../registry/entities.ts';

export const INITIATOR_KINDS = ['owners', 'management_organization', 'council'] as const;
export const DELIVERY_CHANNELS = ['email', 'in_app'] as const;
export const DELIVERY_STATUSES = ['sent', 'skipped', 'failed'] as const;

export const Meeting = defineEntity({
  name: 'Meeting',
  tableName: 'meeting',
  // One row per attempt: a repeat after no quorum is attempt 2 of the same series, never two.
  uniques: [{ properties: ['seriesId', 'attempt'] }],
  checks: [
    { name: 'meeting_attempt_check', expression: 'attempt >= 1' },
    { name: 'meeting_voting_window_check', expression: 'voting_closes_at > voting_opens_at' },
  ],
  triggers: [
    // The view the API keeps in process is checked against this version (db/read-version.ts); a
    // repeat's view names its first attempt's title.
    bumpsReadVersion(
      'meeting',
      (r) =>
        `select ${r}.id union select f.id from meeting f
          where ${r}.attempt = 1 and f.series_id = ${r}.series_id and f.attempt > 1`,
    ),
    {
      // Decisions are evidence in court: once recorded, no statement may change them.
      name: 'meeting_decision_immutable',
      timing: 'before',
      events: ['update'],
      forEach: 'row',
      when: 'old.decision is not null',
      body: `if new.decision is distinct from old.decision
                or new.decided_at is distinct from old.decided_at
                or new.ballot_set_sha256 is distinct from old.ballot_set_sha256
                or new.appeal_window_ends_at is distinct from old.appeal_window_ends_at then
               raise exception 'the decision of meeting % is recorded and cannot change', old.id
                 using errcode = 'check_violation';
             end if;
             return new;`,
    },
  ],
  properties: {
    id: id(),
    /** The first attempt's id; equal to id for attempt 1. The workflow id derives from it. */
    seriesId: p.uuid(),
    attempt: p.integer().default(1),
    title: p.text(),
    kind: p.enum(MEETING_KINDS),
    form: p.enum(MEETING_FORMS),
    phase: p.enum(MEETING_PHASES).default('notice'),
    initiatorKind: p.enum(INITIATOR_KINDS),
    initiatorUserId: p.uuid(),
    initiatorName: p.text(),
    initiatorOrganizationId: p.uuid().nullable(),
    initiatorDistrictId: p.uuid().nullable(),
    chairUserId: p.uuid(),
    secretaryUserId: p.uuid(),
    noticeAt: p.datetime(),
    votingOpensAt: p.datetime(),
    votingClosesAt: p.datetime(),
    /** The policy resolved at initiation: later changes of the deployment's policy do not reach it. */
    policy: p.json<MeetingPolicy>(),
    /** Set by the electorate snapshot: LCM of the share denominators, Σ weights, distinct owners. */
    weightScale: p.integer().nullable(),
    totalWeight: p.bigint('number').nullable(),
    eligibleOwners: p.integer().nullable(),
    cancelledReason: p.text().nullable(),
    decision: p.json<Decision>().nullable(),
    decidedAt: p.datetime().nullable(),
    ballotSetSha256: p.string().length(64).nullable(),
    appealWindowEndsAt: p.datetime().nullable(),
    idempotencyKey: p.string().nullable().unique(),
    requestSha256: p.string().length(64).nullable(),
    createdAt: p.datetime().onCreate(now),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

export const MeetingBuilding = defineEntity({
  name: 'MeetingBuilding',
  tableName: 'meeting_building',
  triggers: [bumpsReadVersion('meeting_building', (r) => `select ${r}.meeting_id`)],
  // The primary key starts with meeting_id; scoped lists go from building to meetings.
  indexes: [{ properties: ['building'] }],
  properties: {
    meeting: () => p.manyToOne(Meeting).deleteRule(KEEP).updateRule(KEEP).primary(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP).primary(),
  },
});

export const AgendaItem = defineEntity({
  name: 'AgendaItem',
  tableName: 'agenda_item',
  triggers: [bumpsReadVersion('agenda_item', (r) => `select ${r}.meeting_id`)],
  uniques: [{ properties: ['meeting', 'position'] }],
  properties: {
    id: id(),
    meeting: () => p.manyToOne(Meeting).deleteRule(KEEP).updateRule(KEEP),
    position: p.integer(),
    title: p.text(),
    description: p.text(),
    kind: p.enum(AGENDA_ITEM_KINDS),
    /** The organization a management_organization item puts to the vote; must be registered. */
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP).nullable(),
  },
});

/** The electorate frozen at notice: who may vote for which apartment, with what weight. */
export const MeetingVoter = defineEntity({
  name: 'MeetingVoter',
  tableName: 'meeting_voter',
  // Per-person lookups (rights, notices in person order) within one meeting.
  indexes: [{ properties: ['meeting', 'person'] }],
  checks: [{ name: 'meeting_voter_weight_check', expression: 'weight > 0' }],
  properties: {
    meeting: () => p.manyToOne(Meeting).deleteRule(KEEP).updateRule(KEEP).primary(),
    apartment: () => p.manyToOne(Apartment).deleteRule(KEEP).updateRule(KEEP).primary(),
    person: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP).primary(),
    weight: p.bigint('number'),
    shareNumerator: p.integer(),
    shareDenominator: p.integer(),
  },
});

export const PowerOfAttorney = defineEntity({
  name: 'PowerOfAttorney',
  tableName: 'power_of_attorney',
  indexes: [{ properties: ['meeting', 'proxy'] }],
  uniques: [
    {
      name: 'power_of_attorney_idempotency_unique',
      properties: ['meeting', 'recordedByUserId', 'idempotencyKey'],
    },
  ],
  checks: [{ name: 'power_of_attorney_parties_check', expression: 'grantor_person_id <> proxy_person_id' }],
  properties: {
    id: id(),
    meeting: () => p.manyToOne(Meeting).deleteRule(KEEP).updateRule(KEEP),
    grantor: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP).fieldName('grantor_person_id'),
    proxy: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP).fieldName('proxy_person_id'),
    /** Null: all of the grantor's apartments in the electorate. */
    apartment: () => p.manyToOne(Apartment).deleteRule(KEEP).updateRule(KEEP).nullable(),
    documentRef: p.text(),
    recordedByUserId: p.uuid(),
    recordedAt: p.datetime().onCreate(now),
    revokedAt: p.datetime().nullable(),
    idempotencyKey: p.string().nullable(),
  },
});

/**
 * One counted ballot per (meeting, apartment, owner): a revote updates the row, so nobody can be
 * counted twice. The foreign key to the frozen electorate makes a ballot from outside it impossible.
 */
export const Ballot = defineEntity({
  name: 'Ballot',
  tableName: 'ballot',
  uniques: [{ properties: ['voter'] }],
  // Who has voted (reminders, participation) and what a person cast, within one meeting.
  indexes: [
    {
      name: 'ballot_meeting_id_owner_person_id_index',
      expression:
        'create index "ballot_meeting_id_owner_person_id_index" on "ballot" ("meeting_id", "owner_person_id")',
    },
    {
      name: 'ballot_meeting_id_cast_by_person_id_index',
      expression:
        'create index "ballot_meeting_id_cast_by_person_id_index" on "ballot" ("meeting_id", "cast_by_person_id")',
    },
  ],
  checks: [
    { name: 'ballot_revision_check', expression: 'revision >= 1' },
    { name: 'ballot_weight_check', expression: 'weight > 0' },
    { name: 'ballot_choices_check', expression: "jsonb_typeof(choices) = 'object'" },
  ],
  properties: {
    id: id(),
    voter: () =>
      p
        .manyToOne(MeetingVoter)
        .deleteRule(KEEP)
        .updateRule(KEEP)
        .fieldNames('meeting_id', 'apartment_id', 'owner_person_id')
        .foreignKeyName('ballot_voter_foreign'),
    castBy: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP).fieldName('cast_by_person_id'),
    powerOfAttorney: () => p.manyToOne(PowerOfAttorney).deleteRule(KEEP).updateRule(KEEP).nullable(),
    choices: p.json<Record<string, 'for' | 'against' | 'abstain'>>(),
    weight: p.bigint('number'),
    tracker: p.string().length(64),
    revision: p.integer().default(1),
    castAt: p.datetime(),
  },
});

/** Answers a retried ballot request with its first receipt, whatever revision the ballot is at now. */
export const BallotRequest = defineEntity({
  name: 'BallotRequest',
  tableName: 'ballot_request',
  properties: {
    /** `${meetingId}:${userId}:${idempotencyKey}` */
    key: p.string().length(512).primary(),
    requestSha256: p.string().length(64),
    ballot: () => p.manyToOne(Ballot).deleteRule(KEEP).updateRule(KEEP),
    revision: p.integer(),
    tracker: p.string().length(64),
    castAt: p.datetime(),
  },
});

export const MeetingComment = defineEntity({
  name: 'MeetingComment',
  tableName: 'meeting_comment',
  indexes: [{ properties: ['meeting', 'createdAt'] }],
  checks: [{ name: 'meeting_comment_body_check', expression: 'char_length(body) between 1 and 4000' }],
  properties: {
    id: id(),
    meeting: () => p.manyToOne(Meeting).deleteRule(KEEP).updateRule(KEEP),
    agendaItem: () => p.manyToOne(AgendaItem).deleteRule(KEEP).updateRule(KEEP).nullable(),
    authorUserId: p.uuid(),
    authorName: p.text(),
    body: p.text(),
    answersComment: () => p.manyToOne(MeetingComment).deleteRule(KEEP).updateRule(KEEP).nullable(),
    hiddenAt: p.datetime().nullable(),
    hiddenReason: p.text().nullable(),
    hiddenByUserId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(now),
  },
});

/** One row per owner, message kind and channel: a retried send finds its row and does nothing. */
export const NoticeDelivery = defineEntity({
  name: 'NoticeDelivery',
  tableName: 'notice_delivery',
  properties: {
    meeting: () => p.manyToOne(Meeting).deleteRule(KEEP).updateRule(KEEP).primary(),
    person: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP).primary(),
    /** notice | reminder-<hours> | result | cancelled | postponed[-<n>] | repeat */
    kind: p.string().length(64).primary(),
    channel: p.enum(DELIVERY_CHANNELS).primary(),
    status: p.enum(DELIVERY_STATUSES),
    messageId: p.text().nullable(),
    at: p.datetime().onCreate(now),
  },
});

/** The in-app inbox. One message per person, meeting and kind, so a retried batch adds nothing. */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  indexes: [{ properties: ['person', 'createdAt'] }],
  uniques: [{ properties: ['person', 'meeting', 'kind'] }],
  properties: {
    id: id(),
    person: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP),
    meeting: () => p.manyToOne(Meeting).deleteRule(KEEP).updateRule(KEEP).nullable(),
    kind: p.string().length(64),
    title: p.text(),
    body: p.text(),
    createdAt: p.datetime().onCreate(now),
    readAt: p.datetime().nullable(),
  },
});

export const MeetingProtocol = defineEntity({
  name: 'MeetingProtocol',
  tableName: 'meeting_protocol',
  triggers: [bumpsReadVersion('meeting_protocol', (r) => `select ${r}.meeting_id`)],
  properties: {
    meeting: () => p.oneToOne(Meeting).owner().primary().deleteRule(KEEP).updateRule(KEEP),
    pdf: p.blob(),
    /** Anyone holding the PDF finds the meeting by this hash. */
    sha256: p.string().length(64).unique(),
    generatedAt: p.datetime().onCreate(now),
    chairSignedAt: p.datetime().nullable(),
    secretarySignedAt: p.datetime().nullable(),
  },
});

export const meetingEntities = [
  Meeting,
  MeetingBuilding,
  AgendaItem,
  MeetingVoter,
  PowerOfAttorney,
  Ballot,
  BallotRequest,
  MeetingComment,
  NoticeDelivery,
  Notification,
  MeetingProtocol,
];

export type IMeeting = InferEntity<typeof Meeting>;
export type IMeetingVoter = InferEntity<typeof MeetingVoter>;
export type IBallot = InferEntity<typeof Ballot>;
export type IMeetingComment = InferEntity<typeof MeetingComment>;
export type INotification = InferEntity<typeof Notification>;
