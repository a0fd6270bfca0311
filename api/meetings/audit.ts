// The meeting's audit trail (postponements, cancellations, protocol signatures, powers of attorney
// recorded and revoked, comments moderated), verified against its hash chains, for whoever may see
// the meeting.
import { AUDIT_HISTORY } from '../../db/audit/entities.ts';
import { meetingAuditStreams } from '../../db/meetings/audit.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { ANY_ROLE } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { visibleMeeting } from './common.ts';

export const meetingAuditRoutes = auditVerificationRoute({
  kind: 'meetings',
  what: "a meeting's audit trail",
  operationId: 'verifyMeetingHistory',
  tag: 'meetings',
  history: AUDIT_HISTORY,
  roles: ANY_ROLE,
  streams: async (c, id) => {
    await visibleMeeting(c, id);
    return meetingAuditStreams(emOf(c), id);
  },
});
