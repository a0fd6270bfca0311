// A report's history (drafts, submissions, corrections, the deadline's stop and its lift),
// verified against its hash chain, for whoever may see the building.
import { REPORT_HISTORY } from '../../db/reports/entities.ts';
import { reportBuilding } from '../../db/reports/repository.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { emOf } from '../context.ts';
import { notFound } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';

export const reportAuditRoutes = auditVerificationRoute({
  kind: 'reports',
  what: "a quarterly report's",
  operationId: 'verifyReportHistory',
  tag: 'reports',
  history: REPORT_HISTORY,
  roles: ['resident', 'management_company', 'council', 'inspector', 'admin'],
  streams: async (c, id) => {
    const buildingId = await reportBuilding(emOf(c), id);
    if (!buildingId) throw notFound('no such report');
    await assertBuildingVisible(c, buildingId);
    return [[id]];
  },
});
