// Appeals (docs/domain/appeals.md), mounted under /api/v1. The board's fixed paths come before
// `/appeals/{id}`.
import { createRouter } from '../openapi.ts';
import { actionRoutes } from './actions.ts';
import { appealRoutes } from './appeals.ts';
import { appealAuditRoutes } from './audit.ts';
import { boardRoutes } from './board.ts';

export const appealsRoutes = createRouter()
  .route('/', boardRoutes)
  .route('/', appealRoutes)
  .route('/', actionRoutes)
  .route('/', appealAuditRoutes);
