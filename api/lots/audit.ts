// A lot's history, verified against its hash chain, for the officers and inspector of its district.
import { LOT_HISTORY } from '../../db/lots/entities.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { READER_ROLES, scopedLot } from './common.ts';

export const lotsAuditRoutes = auditVerificationRoute({
  kind: 'lots',
  what: "a lot's",
  operationId: 'verifyLotHistory',
  tag: 'lots',
  history: LOT_HISTORY,
  roles: READER_ROLES,
  streams: async (c, id) => {
    await scopedLot(c, id);
    return [[id]];
  },
});
