// The in-app inbox: meeting notices, reminders and results the workflow delivered to the caller,
// for portals that show them next to e-mail.
import { createRoute, z } from '@hono/zod-openapi';
import { listNotifications } from '../../db/meetings/repository.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf, personOf } from '../context.ts';
import { bearer, createRouter, problems } from '../openapi.ts';
import { NotificationSchema, NotificationsQuery } from './schemas.ts';

export const notificationRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    operationId: 'listMyNotifications',
    path: '/me/notifications',
    tags: ['meetings'],
    summary: "The caller's in-app notices, newest first (resident)",
    security: bearer,
    middleware: [requireRoles('resident')] as const,
    request: { query: NotificationsQuery },
    responses: {
      200: {
        description: 'Notices',
        content: { 'application/json': { schema: z.array(NotificationSchema) } },
      },
      ...problems(400, 401, 403),
    },
  }),
  async (c) => {
    const { unreadOnly, limit } = c.req.valid('query');
    return c.json(await listNotifications(emOf(c), personOf(c), { unreadOnly, limit }), 200);
  },
);
