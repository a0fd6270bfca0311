// Commissioning of new buildings (docs/domain/commissioning.md), mounted under /api/v1.
import { createRouter } from '../openapi.ts';
import { actRoutes } from './acts.ts';
import { applicationRoutes } from './applications.ts';
import { commissioningAuditRoutes } from './audit.ts';
import { listRoutes } from './list.ts';

export const commissioningRoutes = createRouter()
  .route('/', listRoutes)
  .route('/', applicationRoutes)
  .route('/', actRoutes)
  .route('/', commissioningAuditRoutes);
