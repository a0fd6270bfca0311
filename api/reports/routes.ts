// Quarterly reports (docs/domain/reports.md), mounted under /api/v1.
import { createRouter } from '../openapi.ts';
import { actRoutes } from './acts.ts';
import { reportAuditRoutes } from './audit.ts';
import { photoRoutes } from './photos.ts';
import { reportRoutes } from './reports.ts';

export const reportsRoutes = createRouter()
  .route('/', reportRoutes)
  .route('/', actRoutes)
  .route('/', photoRoutes)
  .route('/', reportAuditRoutes);
