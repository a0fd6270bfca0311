// The meeting vocabulary shared by the workflow, the API and the widgets.
import type { Choice, Decision } from './decide.ts';
import type { InitiatorKind } from './initiation.ts';
import type { AgendaItemKind, MajorityRule, MeetingForm, MeetingKind } from './policy.ts';

/**
 * notice: created, notices going out; discussion: notice given, voting not yet open;
 * voting; counting: closed, tally in progress; decided: decisions recorded, protocol being
 * signed; appeal_window: protocol signed, decisions may be challenged; completed; cancelled;
 * failed: no quorum and no repeat left.
 */
export const MEETING_PHASES = [
  'notice',
  'discussion',
  'voting',
  'counting',
  'decided',
  'appeal_window',
  'completed',
  'cancelled',
  'failed',
] as const;
export type MeetingPhase = (typeof MEETING_PHASES)[number];

/** Ballots are accepted only in this phase; the database checks it in the ballot's transaction. */
export const BALLOT_PHASE: MeetingPhase = 'voting';
/** Before voting opens the initiator may still cancel or postpone. */
export const CHANGEABLE_PHASES: readonly MeetingPhase[] = ['notice', 'discussion'];
/**
 * Once decided, the protocol waits for its two signatures; one given after the deadline, in the
 * appeal window, is still recorded.
 */
export const SIGNING_PHASES: readonly MeetingPhase[] = ['decided', 'appeal_window'];

/** Owners ask and the initiator answers while the agenda is discussed and voted on. */
export const COMMENT_PHASES: readonly MeetingPhase[] = ['discussion', 'voting'];

/** Who signs the protocol off, each in their own name. */
export const PROTOCOL_SIGNERS = ['chair', 'secretary'] as const;
export type ProtocolSigner = (typeof PROTOCOL_SIGNERS)[number];

export interface AgendaItemView {
  id: string;
  position: number;
  title: string;
  description: string;
  kind: AgendaItemKind;
  rule: MajorityRule;
  /** For a management_organization item: the registered organization put to the vote. */
  organizationId: string | null;
}

export interface MeetingView {
  id: string;
  title: string;
  kind: MeetingKind;
  form: MeetingForm;
  phase: MeetingPhase;
  /** 1 for the first meeting, 2 for its repeat after no quorum, … */
  attempt: number;
  /** For a repeat: the series' first meeting, which had no quorum; null for a first meeting. */
  repeatOf: { id: string; title: string } | null;
  buildingIds: string[];
  initiator: { kind: InitiatorKind; name: string; userId: string };
  /** Who signs the protocol: the portal offers sign-off to these two users only. */
  chairUserId: string;
  secretaryUserId: string;
  /** The meeting's quorum rule (more than this share of all votes), for participation displays. */
  quorumShare: { numerator: number; denominator: number };
  noticeAt: string;
  votingOpensAt: string;
  votingClosesAt: string;
  agenda: AgendaItemView[];
  cancelledReason: string | null;
  /** Present once decided. */
  decision: Decision | null;
  protocol: {
    sha256: string;
    ballotSetSha256: string;
    signedByChair: boolean;
    signedBySecretary: boolean;
  } | null;
  appealWindowEndsAt: string | null;
}

export interface ParticipationView {
  meetingId: string;
  phase: MeetingPhase;
  /** Counts only: no choices before the close. */
  eligibleOwners: number;
  votedOwners: number;
  participatingWeightPercent: number;
}

export interface BallotReceipt {
  meetingId: string;
  apartmentId: string;
  ownerId: string;
  tracker: string;
  castAt: string;
  revision: number;
}

export interface MyBallotView extends BallotReceipt {
  choices: Record<string, Choice>;
  weightPercent: number;
  viaProxy: boolean;
}

/** One vote the caller may cast: their own share of an apartment, or one granted by proxy. */
export interface VotingRight {
  apartmentId: string;
  apartmentNumber: string;
  buildingId: string;
  ownerId: string;
  ownerName: string;
  weight: number;
  weightPercent: number;
  viaProxy: boolean;
  powerOfAttorneyId: string | null;
}

/**
 * A question, comment or answer in a meeting's discussion. A hidden comment keeps its place in the
 * thread; its body is empty for everyone but moderators.
 */
export interface CommentView {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  authorName: string;
  authorUserId: string;
  body: string;
  answersCommentId: string | null;
  isAnswer: boolean;
  hidden: boolean;
  hiddenReason: string | null;
  createdAt: string;
}

/**
 * The protocol's content as the API serves it for reading on screen: the data its PDF is drawn
 * from (instants as ISO strings) and the SHA-256 of the PDF's stored bytes, the ones signed off.
 */
export interface ProtocolTextView {
  meetingId: string;
  title: string;
  kind: MeetingKind;
  form: MeetingForm;
  attempt: number;
  addresses: string[];
  initiatorName: string;
  chairName: string;
  secretaryName: string;
  noticeAt: string;
  votingOpensAt: string;
  votingClosesAt: string;
  decidedAt: string;
  weighting: 'area' | 'apartment';
  /** Vote units per whole share: units ÷ scale is m² × 100 (area) or apartments. */
  weightScale: number;
  quorumShare: { numerator: number; denominator: number };
  eligibleOwners: number;
  votedOwners: number;
  agenda: { id: string; position: number; title: string; description: string; kind: AgendaItemKind }[];
  decision: Decision;
  ballotSetSha256: string;
  pdfSha256: string;
}
