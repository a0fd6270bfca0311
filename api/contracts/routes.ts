// Contracts and their signatures (docs/domain/contracts.md), mounted under /api/v1.
import { createRouter } from '../openapi.ts';
import { contractAuditRoutes } from './audit.ts';
import { contractRoutes } from './contracts.ts';
import { signingRoutes } from './signing.ts';

export const contractsRoutes = createRouter()
  .route('/', contractRoutes)
  .route('/', signingRoutes)
  .route('/', contractAuditRoutes);
