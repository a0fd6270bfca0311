// The meeting's audit trail (postponements, cancellations), verified against its hash chain, for
// whoever may see the meeting.
import { AUDIT_HISTORY } from '../../db/audit/entities.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { ANY_ROLE } from '../auth/middleware.ts';
import { visibleMeeting } from './common.ts';

export const meetingAuditRoutes = auditVerificationRoute({
  kind: 'meetings',
  what: "a meeting's audit trail",
  operationId: 'verifyMeetingHistory',
  tag: 'meetings',
  history: AUDIT_HISTORY,
  roles: ANY_ROLE,
  stream: async (c, id) => {
    await visibleMeeting(c, id);
    return ['meeting', id];
  },
});
