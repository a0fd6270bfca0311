// A resident's own requests, for the list where they follow each one and confirm or reject the work.
import { createRoute } from '@hono/zod-openapi';
import { requestsOfResident } from '../../db/dispatch/views.ts';
import { availableActions } from '../../domain/dispatch/status.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems } from '../openapi.ts';
import { AnyJson } from './schemas.ts';

export const mineRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    operationId: 'listMyDispatchRequests',
    path: '/dispatch/requests',
    tags: ['dispatch'],
    summary:
      'The caller’s own requests to the dispatch service, newest first (up to 50), each with the steps open to them (resident)',
    security: bearer,
    middleware: [requireRoles('resident')] as const,
    responses: {
      200: { description: 'The requests', content: { 'application/json': { schema: AnyJson } } },
      ...problems(401, 403),
    },
  }),
  async (c) => {
    const p = c.var.principal;
    const actor = { kind: 'user' as const, principal: p };
    const items = await requestsOfResident(emOf(c), p.userId);
    return c.json({ items: items.map((r) => ({ ...r, availableActions: availableActions(r, actor) })) }, 200);
  },
);
