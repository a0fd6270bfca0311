// The contract's history, verified against its hash chain, for whoever may read the contract.
import { CONTRACT_HISTORY } from '../../db/contracts/entities.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { ANY_ROLE } from '../auth/middleware.ts';
import { visibleContract } from './common.ts';

export const contractAuditRoutes = auditVerificationRoute({
  kind: 'contracts',
  what: "a contract's",
  operationId: 'verifyContractHistory',
  tag: 'contracts',
  history: CONTRACT_HISTORY,
  roles: ANY_ROLE,
  streams: async (c, id) => {
    await visibleContract(c, id);
    return [[id]];
  },
});
