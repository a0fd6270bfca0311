// Billing (docs/domain/billing.md), mounted under /api/v1.
import { createRouter } from '../openapi.ts';
import { registrationRoutes } from './registration.ts';

export const billingRoutes = createRouter().route('/', registrationRoutes);
