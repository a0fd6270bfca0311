// Lots (docs/domain/lots.md), mounted under /api/v1.
import { createRouter } from '../openapi.ts';
import { approvalRoutes } from './approval.ts';
import { lotsAuditRoutes } from './audit.ts';
import { choiceRoutes } from './choice.ts';
import { districtBuildingRoutes } from './district-buildings.ts';
import { formingRoutes } from './forming.ts';
import { openCallRoutes } from './open-calls.ts';
import { programmeRoutes } from './programme.ts';
import { readRoutes } from './reads.ts';
import { versionRoutes } from './versions.ts';

export const lotsRoutes = createRouter()
  .route('/', formingRoutes)
  // Before the reads: /lots/open is not a lot's id.
  .route('/', openCallRoutes)
  .route('/', readRoutes)
  .route('/', approvalRoutes)
  .route('/', choiceRoutes)
  .route('/', lotsAuditRoutes)
  .route('/', programmeRoutes)
  .route('/', versionRoutes)
  .route('/', districtBuildingRoutes);
