// The electronic register of management organizations (docs/domain/register.md), under /api/v1.
import { createRouter } from '../openapi.ts';
import { applicationRoutes } from './applications.ts';
import { registerAuditRoutes } from './audit.ts';
import { evidenceRoutes } from './evidence.ts';
import { organizationRoutes } from './organizations.ts';

export const registerRoutes = createRouter()
  .route('/', applicationRoutes)
  .route('/', evidenceRoutes)
  .route('/', organizationRoutes)
  .route('/', registerAuditRoutes);
