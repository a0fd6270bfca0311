// The caller's in-app inbox, mounted under /api/v1: every notice recorded for them, newest first,
// and marking one read. Only the person themself: a notice is found by its id, then refused when
// it is someone else's, before anything is written.
import { createRoute, z } from '@hono/zod-openapi';
import { inboxOf, markRead } from '../../db/notifications/inbox.ts';
import { MESSAGE_KIND_NAMES } from '../../domain/notifications/types.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf, personOf } from '../context.ts';
import { requestLanguage } from '../language.ts';
import { bearer, createRouter, PageQuery, problems, UuidParam } from '../openapi.ts';
import { forbidden, notFound } from '../problem.ts';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const InboxItemSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(MESSAGE_KIND_NAMES as [string, ...string[]]),
    legal: z.boolean(),
    subject: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .openapi('InboxNotice');

const InboxPageSchema = z
  .object({
    items: z.array(InboxItemSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    unread: z.number().int(),
  })
  .openapi('Inbox');

export const inboxRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listInboxNotices',
      path: '/notifications/me/inbox',
      tags: ['notifications'],
      summary: "The caller's in-app notices, newest first, with how many are unread (resident)",
      description: 'Texts in the language of `lang`, else of Accept-Language, else Uzbek.',
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      request: { query: PageQuery },
      responses: {
        200: { description: 'One page of notices', ...json(InboxPageSchema) },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const page = await inboxOf(emOf(c), personOf(c), requestLanguage(c), c.req.valid('query'));
      return c.json(page, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'recordInboxNoticeRead',
      path: '/notifications/me/inbox/{id}/read',
      tags: ['notifications'],
      summary: 'Marks one of the caller’s notices read (resident, the notice’s own person)',
      description:
        'Idempotent by nature: marking a notice read again changes nothing and answers the same notice with the first time it was read.',
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The notice, read', ...json(InboxItemSchema) },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const result = await markRead(
        emOf(c),
        personOf(c),
        c.req.valid('param').id,
        requestLanguage(c),
        new Date(),
      );
      if (result === 'not_found') throw notFound('no such notice');
      if (result === 'not_yours') throw forbidden('this notice is not yours');
      return c.json(result, 200);
    },
  );
