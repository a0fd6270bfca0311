// A building's classification history, verified against its hash chain, for whoever sees the building.
import { CLASSIFICATION_HISTORY } from '../../db/registry/condition-entities.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { ANY_ROLE } from '../auth/middleware.ts';
import { assertBuildingVisible } from './visibility.ts';

export const classificationAuditRoutes = auditVerificationRoute({
  kind: 'buildings',
  what: "a building's classification",
  operationId: 'verifyClassificationHistory',
  tag: 'registry',
  history: CLASSIFICATION_HISTORY,
  roles: ANY_ROLE,
  streams: async (c, id) => {
    await assertBuildingVisible(c, id);
    return [[id]];
  },
});
