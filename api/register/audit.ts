// An organization's register history, verified against its hash chain. The history itself is
// public; verifying it is for the reviewers and the organization (a token is needed, no scope).
import { REGISTER_HISTORY } from '../../db/register/entities.ts';
import { ManagementOrganization } from '../../db/registry/entities.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { ANY_ROLE } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { notFound } from '../problem.ts';

export const registerAuditRoutes = auditVerificationRoute({
  kind: 'register',
  what: "a management organization's register",
  operationId: 'verifyRegisterHistory',
  tag: 'register',
  history: REGISTER_HISTORY,
  roles: ANY_ROLE,
  streams: async (c, id) => {
    if (!(await emOf(c).count(ManagementOrganization, { id }))) throw notFound('no such organization');
    return [[id]];
  },
});
