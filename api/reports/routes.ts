// Quarterly reports (docs/domain/reports.md), mounted under /api/v1.
import { createRouter } from '../openapi.ts';
import { reportAuditRoutes } from './audit.ts';
import { reportRoutes } from './reports.ts';

export const reportsRoutes = createRouter().route('/', reportRoutes).route('/', reportAuditRoutes);
