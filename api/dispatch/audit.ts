// A request's history, verified against its hash chain, for whoever may see the request.
import { DISPATCH_HISTORY } from '../../db/dispatch/entities.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { ANY_ROLE } from '../auth/middleware.ts';
import { visibleRequest } from './common.ts';

export const dispatchAuditRoutes = auditVerificationRoute({
  kind: 'dispatch',
  what: "a dispatch request's",
  operationId: 'verifyDispatchHistory',
  tag: 'dispatch',
  history: DISPATCH_HISTORY,
  roles: ANY_ROLE,
  streams: async (c, id) => {
    await visibleRequest(c, id);
    return [[id]];
  },
});
