// The 24-hour dispatch service (docs/domain/dispatch.md), mounted under /api/v1.
import { createRouter } from '../openapi.ts';
import { dispatchAuditRoutes } from './audit.ts';
import { boardRoutes } from './board.ts';
import { boardStreamRoutes } from './board-stream.ts';
import { mineRoutes } from './mine.ts';
import { requestRoutes } from './requests.ts';

export const dispatchRoutes = createRouter()
  .route('/', boardStreamRoutes)
  .route('/', boardRoutes)
  .route('/', requestRoutes)
  .route('/', mineRoutes)
  .route('/', dispatchAuditRoutes);
