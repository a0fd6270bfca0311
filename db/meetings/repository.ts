// General meetings' data access. Every function takes a forked
// EntityManager first; ids are UUID strings and a malformed one finds nothing instead of failing
// in SQL; rule violations are RuleErrors of the meeting codes. Split by concern into the modules below.

// The view types live in domain/meetings/types.ts, shared with the widgets.
export type { CommentView, VotingRight } from '../../domain/meetings/types.ts';
export { type AuditInput, type AuditView, appendAudit, listAudit } from './audit.ts';
export {
  assertMayVoteIn,
  type CastBallotInput,
  castBallot,
  closeVoting,
  myBallots,
  participation,
  publishedBallots,
  tally,
} from './ballots.ts';
export {
  type AddCommentInput,
  addComment,
  getComment,
  type HideCommentInput,
  hideComment,
  listComments,
} from './comments.ts';
export {
  type ElectorateSnapshot,
  electorateWeightOf,
  personIdByPinfl,
  snapshotElectorate,
  votingRights,
} from './electorate.ts';
export {
  type InitiateMeetingInput,
  type InitiationRefusal,
  type InitiationResult,
  initiateMeeting,
  type MeetingRequest,
} from './initiate.ts';
export {
  type CreateMeetingInput,
  createMeeting,
  type DecisionRecord,
  recordDecision,
} from './meetings.ts';
export {
  meetingMailingKey,
  messageKindOf,
  noticeProgress,
  noticeProof,
} from './notice-proof.ts';
export {
  addNotifications,
  type DeliveryChannel,
  type DeliveryRow,
  type DeliveryStatus,
  listNotifications,
  markNotificationsRead,
  type NotificationInput,
  type NotificationView,
  nonVotersToRemind,
  type OwnerPage,
  type OwnerToNotify,
  ownersToNotify,
  recordDeliveries,
} from './notices.ts';
export { applyToMeeting, type PhaseOutcome, transitionPhase, tryMeetingCommand } from './phases.ts';
export {
  findProtocolBySha256,
  getProtocol,
  type ProtocolSignatures,
  type SignerRole,
  type StoredProtocol,
  saveProtocol,
  signProtocol,
} from './protocol.ts';
export { loadProtocolData, type ProtocolData } from './protocol-data.ts';
export {
  listPowersOfAttorney,
  type PowerOfAttorneyView,
  type RecordPowerOfAttorneyInput,
  recordPowerOfAttorney,
  revokePowerOfAttorney,
} from './proxies.ts';
export {
  getMeeting,
  getMeetingInScope,
  getMeetingRecord,
  type InitiatorKind,
  isMeetingInScope,
  listMeetings,
  type MeetingFilter,
  type MeetingRecord,
} from './views.ts';
