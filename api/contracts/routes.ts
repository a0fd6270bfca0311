// Contracts and their signatures (issue #4 points 2–5), mounted under /api/v1.
import { createRouter } from '../openapi.ts';
import { contractRoutes } from './contracts.ts';
import { signingRoutes } from './signing.ts';

export const contractsRoutes = createRouter().route('/', contractRoutes).route('/', signingRoutes);
