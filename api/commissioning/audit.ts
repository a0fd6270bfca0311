// The application's history, verified against its hash chain, for those who see that history: its
// developer, an inspector of the district, admin (not the staff an act names).
import { COMMISSIONING_HISTORY } from '../../db/commissioning/entities.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { visibleApplication } from './common.ts';

export const commissioningAuditRoutes = auditVerificationRoute({
  kind: 'commissioning',
  what: "a commissioning application's",
  operationId: 'verifyCommissioningHistory',
  tag: 'commissioning',
  history: COMMISSIONING_HISTORY,
  roles: ['developer', 'inspector', 'admin'],
  streams: async (c, id) => {
    await visibleApplication(c, id);
    return [[id]];
  },
});
