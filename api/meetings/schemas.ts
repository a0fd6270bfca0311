// Wire schemas of the general-meeting endpoints. Responses mirror domain/meetings/types.ts; the
// `Same<…>` checks at the end make the compiler catch any drift between the two.
import { z } from '@hono/zod-openapi';
import type {
  CommentView,
  NotificationView,
  PowerOfAttorneyView,
  ProtocolSignatures,
  VotingRight,
} from '../../db/meetings/repository.ts';
import { CHOICES, type Decision } from '../../domain/meetings/decide.ts';
import { INITIATOR_KINDS } from '../../domain/meetings/initiation.ts';
import {
  AGENDA_ITEM_KINDS,
  MAJORITY_RULES,
  MEETING_FORMS,
  MEETING_KINDS,
} from '../../domain/meetings/policy.ts';
import type { PublishedBallot } from '../../domain/meetings/tracker.ts';
import {
  type AgendaItemView,
  type BallotReceipt,
  MEETING_PHASES,
  type MeetingView,
  type MyBallotView,
  type ParticipationView,
  PROTOCOL_SIGNERS,
  type ProtocolTextView,
} from '../../domain/meetings/types.ts';
import { Instant, PageQuery, pageOf } from '../openapi.ts';

const instant = Instant.openapi({ example: '2026-12-01T09:00:00+05:00' });
const hex64 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits')
  .openapi({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
const ChoiceSchema = z.enum(CHOICES);

// --- requests ------------------------------------------------------------------------------

export const AgendaItemInput = z.object({
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10_000).default(''),
  kind: z.enum(AGENDA_ITEM_KINDS),
  organizationId: z.uuid().optional().openapi({
    description: 'management_organization items: the registered organization put to the vote',
  }),
});

export const CreateMeetingBody = z
  .object({
    title: z.string().trim().min(1).max(300).openapi({ example: 'Annual meeting 2026' }),
    kind: z.enum(MEETING_KINDS),
    form: z.enum(MEETING_FORMS),
    buildingIds: z.array(z.uuid()).min(1).max(2000),
    initiator: z.enum(INITIATOR_KINDS),
    coInitiatorUserIds: z.array(z.uuid()).max(1000).optional(),
    chairUserId: z.uuid().optional(),
    secretaryUserId: z.uuid().optional(),
    votingOpensAt: instant,
    votingClosesAt: instant,
    agenda: z.array(AgendaItemInput).min(1).max(50),
  })
  .openapi('CreateMeeting');

export const MeetingListQuery = PageQuery.extend({
  buildingId: z.uuid().optional(),
  phase: z.enum(MEETING_PHASES).optional(),
});

export const CancelBody = z.object({ reason: z.string().trim().min(1).max(2000) }).openapi('CancelMeeting');

export const PostponeBody = z
  .object({ votingOpensAt: instant, votingClosesAt: instant, reason: z.string().trim().min(1).max(2000) })
  .openapi('PostponeMeeting');

export const BallotBody = z
  .object({
    apartmentId: z.uuid(),
    /** Defaults to the caller; another owner's id when voting as their proxy. */
    ownerId: z.uuid().optional(),
    choices: z.record(z.uuid(), ChoiceSchema).openapi({ example: { '…itemId': 'for' } }),
    receiptSecret: hex64.openapi({
      description: 'A random secret only the voter keeps; the server never stores it',
    }),
  })
  .openapi('CastBallot');

export const CommentBody = z
  .object({ agendaItemId: z.uuid().optional(), body: z.string().trim().min(1).max(4000) })
  .openapi('NewComment');

export const AnswerBody = z.object({ body: z.string().trim().min(1).max(4000) }).openapi('Answer');

export const HideBody = z.object({ reason: z.string().trim().min(1).max(1000) }).openapi('HideComment');

export const ProxyBody = z
  .object({
    grantorPersonId: z.uuid(),
    proxyPersonPinfl: z.string().regex(/^[0-9]{14}$/, 'a PINFL is 14 digits'),
    apartmentId: z.uuid().optional(),
    documentRef: z.string().trim().min(1).max(500),
  })
  .openapi('NewPowerOfAttorney');

export const SignBody = z.object({ role: z.enum(PROTOCOL_SIGNERS) }).openapi('SignProtocol');

export const VerifyQuery = z.object({ sha256: hex64 });

export const NotificationsQuery = z.object({
  unreadOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// --- responses -----------------------------------------------------------------------------

export const AgendaItemSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    title: z.string(),
    description: z.string(),
    kind: z.enum(AGENDA_ITEM_KINDS),
    rule: z.enum(MAJORITY_RULES),
    organizationId: z.string().nullable(),
  })
  .openapi('AgendaItem');

const ItemDecisionSchema = z.object({
  itemId: z.string(),
  kind: z.enum(AGENDA_ITEM_KINDS),
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
  rule: z.enum(MAJORITY_RULES),
  accepted: z.boolean(),
});

export const DecisionSchema = z
  .object({
    quorumReached: z.boolean(),
    totalWeight: z.number().int(),
    participatingWeight: z.number().int(),
    items: z.array(ItemDecisionSchema),
  })
  .openapi('Decision');

export const MeetingSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    kind: z.enum(MEETING_KINDS),
    form: z.enum(MEETING_FORMS),
    phase: z.enum(MEETING_PHASES),
    attempt: z.number().int(),
    buildingIds: z.array(z.string()),
    initiator: z.object({ kind: z.enum(INITIATOR_KINDS), name: z.string(), userId: z.string() }),
    chairUserId: z.string(),
    secretaryUserId: z.string(),
    quorumShare: z.object({ numerator: z.number().int(), denominator: z.number().int() }),
    noticeAt: z.string(),
    votingOpensAt: z.string(),
    votingClosesAt: z.string(),
    agenda: z.array(AgendaItemSchema),
    cancelledReason: z.string().nullable(),
    decision: DecisionSchema.nullable(),
    protocol: z
      .object({
        sha256: z.string(),
        ballotSetSha256: z.string(),
        signedByChair: z.boolean(),
        signedBySecretary: z.boolean(),
      })
      .nullable(),
    appealWindowEndsAt: z.string().nullable(),
    repeatOf: z.object({ id: z.uuid(), title: z.string() }).nullable().openapi({
      description: "For a repeat after no quorum: the series' first meeting; null for a first meeting",
    }),
  })
  .openapi('Meeting');

export const ProtocolTextSchema = z
  .object({
    meetingId: z.string(),
    title: z.string(),
    kind: z.enum(MEETING_KINDS),
    form: z.enum(MEETING_FORMS),
    attempt: z.number().int(),
    addresses: z.array(z.string()),
    initiatorName: z.string(),
    chairName: z.string(),
    secretaryName: z.string(),
    noticeAt: z.string(),
    votingOpensAt: z.string(),
    votingClosesAt: z.string(),
    decidedAt: z.string(),
    weighting: z.enum(['area', 'apartment']),
    weightScale: z.number().int(),
    quorumShare: z.object({ numerator: z.number().int(), denominator: z.number().int() }),
    eligibleOwners: z.number().int(),
    votedOwners: z.number().int(),
    agenda: z.array(
      z.object({
        id: z.string(),
        position: z.number().int(),
        title: z.string(),
        description: z.string(),
        kind: z.enum(AGENDA_ITEM_KINDS),
      }),
    ),
    decision: DecisionSchema,
    ballotSetSha256: z.string(),
    pdfSha256: z.string().openapi({ description: 'SHA-256 of the stored PDF, the bytes signed off' }),
  })
  .openapi('ProtocolText');

export const MeetingPage = pageOf(MeetingSchema, 'MeetingPage');

export const VotingRightSchema = z
  .object({
    apartmentId: z.string(),
    apartmentNumber: z.string(),
    buildingId: z.string(),
    ownerId: z.string(),
    ownerName: z.string(),
    weight: z.number().int(),
    weightPercent: z.number(),
    viaProxy: z.boolean(),
    powerOfAttorneyId: z.string().nullable(),
  })
  .openapi('VotingRight');

export const BallotReceiptSchema = z
  .object({
    meetingId: z.string(),
    apartmentId: z.string(),
    ownerId: z.string(),
    tracker: z.string(),
    castAt: z.string(),
    revision: z.number().int(),
  })
  .openapi('BallotReceipt');

export const MyBallotSchema = BallotReceiptSchema.extend({
  choices: z.record(z.string(), ChoiceSchema),
  weightPercent: z.number(),
  viaProxy: z.boolean(),
}).openapi('MyBallot');

export const ParticipationSchema = z
  .object({
    meetingId: z.string(),
    phase: z.enum(MEETING_PHASES),
    eligibleOwners: z.number().int(),
    votedOwners: z.number().int(),
    participatingWeightPercent: z.number(),
  })
  .openapi('Participation');

export const PublishedBallotSchema = z
  .object({ tracker: z.string(), weight: z.number().int(), choices: z.record(z.string(), ChoiceSchema) })
  .openapi('PublishedBallot');

export const ResultsSchema = z
  .object({
    decision: DecisionSchema,
    ballots: z.array(PublishedBallotSchema),
    ballotSetSha256: z.string(),
    protocolSha256: z.string().nullable(),
  })
  .openapi('MeetingResults');

export const CommentSchema = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    agendaItemId: z.string().nullable(),
    authorName: z.string(),
    authorUserId: z.string(),
    body: z.string(),
    answersCommentId: z.string().nullable(),
    isAnswer: z.boolean(),
    hidden: z.boolean(),
    hiddenReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('MeetingComment');

export const PowerOfAttorneySchema = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    grantorPersonId: z.string(),
    proxyPersonId: z.string(),
    apartmentId: z.string().nullable(),
    documentRef: z.string(),
    recordedByUserId: z.string(),
    recordedAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('PowerOfAttorney');

export const SignaturesSchema = z
  .object({ chairSignedAt: z.string().nullable(), secretarySignedAt: z.string().nullable() })
  .openapi('ProtocolSignatures');

export const VerifiedProtocolSchema = z
  .object({ meetingId: z.string(), title: z.string(), decidedAt: z.string().nullable() })
  .openapi('VerifiedProtocol');

export const NotificationSchema = z
  .object({
    id: z.string(),
    meetingId: z.string().nullable(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

// Compile-time drift checks between the wire schemas and the shared domain types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _drift: [
  Same<z.infer<typeof MeetingSchema>, MeetingView>,
  Same<z.infer<typeof AgendaItemSchema>, AgendaItemView>,
  Same<z.infer<typeof DecisionSchema>, Decision>,
  Same<z.infer<typeof ParticipationSchema>, ParticipationView>,
  Same<z.infer<typeof BallotReceiptSchema>, BallotReceipt>,
  Same<z.infer<typeof MyBallotSchema>, MyBallotView>,
  Same<z.infer<typeof PublishedBallotSchema>, PublishedBallot>,
  Same<z.infer<typeof VotingRightSchema>, VotingRight>,
  Same<z.infer<typeof CommentSchema>, CommentView>,
  Same<z.infer<typeof PowerOfAttorneySchema>, PowerOfAttorneyView>,
  Same<z.infer<typeof SignaturesSchema>, ProtocolSignatures>,
  Same<z.infer<typeof NotificationSchema>, NotificationView>,
  Same<z.infer<typeof ProtocolTextSchema>, ProtocolTextView>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
void _drift;
