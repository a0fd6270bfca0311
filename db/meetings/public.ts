// What other capabilities may use of meetings' tables: a contract refers to the meeting and the
// agenda item that adopted it, and reads the meeting to check that decision; billing's court
// package cites the building's decision on its management method. Everything else in db/meetings
// is the meetings' own.
export { AgendaItem, Meeting } from './entities.ts';
// The lots' owners' choice calls one general meeting over all buildings of a lot in the council's
// name (db/lots/choice-vote.ts) and follows its series to the decision.
export {
  type InitiateMeetingInput,
  type InitiationResult,
  initiateMeeting,
  type MeetingRequest,
} from './initiate.ts';
export { type ManagementMethodDecision, managementMethodDecision } from './management-decision.ts';
export { getMeeting } from './repository.ts';
