// An organization's mailings, mounted under /api/v1, for choosing one whose delivery report
// (GET /notifications/mailings/{id}/report) to read.
import { createRoute, z } from '@hono/zod-openapi';
import { mailingsOf } from '../../db/notifications/mailings.ts';
import { hasRole } from '../../domain/access/roles.ts';
import { MESSAGE_KIND_NAMES } from '../../domain/notifications/types.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { requestLanguage } from '../language.ts';
import { bearer, createRouter, PageQuery, pageOf, problems, UuidParam } from '../openapi.ts';
import { forbidden } from '../problem.ts';

const MailingSummarySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(MESSAGE_KIND_NAMES as [string, ...string[]]),
    subject: z.string(),
    createdAt: z.iso.datetime(),
    messages: z.number().int(),
  })
  .openapi('MailingSummary');

export const mailingsRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    operationId: 'listOrganizationMailings',
    path: '/notifications/organizations/{id}/mailings',
    tags: ['notifications'],
    summary: "An organization's mailings, newest first (management_company of that organization, admin)",
    description: 'Subjects in the language of `lang`, else of Accept-Language, else Uzbek.',
    security: bearer,
    middleware: [requireRoles('management_company', 'admin')] as const,
    request: { params: UuidParam, query: PageQuery },
    responses: {
      200: {
        description: 'One page of mailings',
        content: { 'application/json': { schema: pageOf(MailingSummarySchema, 'MailingPage') } },
      },
      ...problems(400, 401, 403),
    },
  }),
  async (c) => {
    const id = c.req.valid('param').id;
    const p = c.var.principal;
    if (!hasRole(p, 'admin') && p.organizationId !== id)
      throw forbidden("these are not your organization's mailings");
    return c.json(await mailingsOf(emOf(c), id, requestLanguage(c), c.req.valid('query')), 200);
  },
);
