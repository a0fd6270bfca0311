// General meetings' data access. Every function takes a forked
// EntityManager first; ids are UUID strings and a malformed one finds nothing instead of failing
// in SQL; rule violations are RuleErrors of the meeting codes. Split by concern into the modules below.

// The view types live in domain/meetings/types.ts, shared with the widgets.
export type { CommentView, VotingRight } from '../../domain/meetings/types.ts';
export { type AuditInput, type AuditView, appendAudit, listAudit } from './audit.ts';
export {
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
  type CreateMeetingInput,
  createMeeting,
  type DecisionRecord,
  getMeeting,
  getMeetingRecord,
  type InitiatorKind,
  isMeetingInScope,
  listMeetings,
  type MeetingFilter,
  type MeetingRecord,
  type PhasePatch,
  recordDecision,
  transitionPhase,
} from './meetings.ts';
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
export {
  findProtocolBySha256,
  getProtocol,
  type ProtocolSignatures,
  type SignerRole,
  type StoredProtocol,
  saveProtocol,
  signProtocol,
} from './protocol.ts';
export {
  listPowersOfAttorney,
  type PowerOfAttorneyView,
  type RecordPowerOfAttorneyInput,
  recordPowerOfAttorney,
  revokePowerOfAttorney,
} from './proxies.ts';
