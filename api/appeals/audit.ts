// The appeal's history, verified against its hash chain, for whoever may see the appeal.
import { APPEAL_HISTORY } from '../../db/appeals/entities.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { ANY_ROLE } from '../auth/middleware.ts';
import { visibleAppeal } from './common.ts';

export const appealAuditRoutes = auditVerificationRoute({
  kind: 'appeals',
  what: "an appeal's",
  operationId: 'verifyAppealHistory',
  tag: 'appeals',
  history: APPEAL_HISTORY,
  roles: ANY_ROLE,
  streams: async (c, id) => {
    await visibleAppeal(c, id);
    return [[id]];
  },
});
