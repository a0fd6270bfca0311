// The register as the public sees it (no token: anyone may check who may manage buildings and
// why a status changed), and removal from it, which reviewers take on the organization itself.
import { createRoute } from '@hono/zod-openapi';
import { currentApplicationOf, listRegister, registerHistory } from '../../db/register/repository.ts';
import { removeUpdate } from '../../workflows/register/contract.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems, publicAccess } from '../openapi.ts';
import { notFound } from '../problem.ts';
import { rolesFor, updateApplication } from './common.ts';
import {
  ApplicationSchema,
  HistorySchema,
  OrganizationPage,
  OrgParam,
  RegisterListQuery,
  RemoveBody,
} from './schemas.ts';

export const organizationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listRegisteredOrganizations',
      path: '/register/organizations',
      tags: ['register'],
      summary: 'The public register of management organizations, filtered by status (public, no token)',
      security: publicAccess,
      request: { query: RegisterListQuery },
      responses: {
        200: {
          description: 'A page of organizations',
          content: { 'application/json': { schema: OrganizationPage } },
        },
        ...problems(400),
      },
    }),
    async (c) => c.json(await listRegister(emOf(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getOrganizationHistory',
      path: '/register/organizations/{orgId}/history',
      tags: ['register'],
      summary: "An organization's register status and its history, oldest first (public, no token)",
      security: publicAccess,
      request: { params: OrgParam },
      responses: {
        200: {
          description: 'Status and history',
          content: { 'application/json': { schema: HistorySchema } },
        },
        ...problems(400, 404),
      },
    }),
    async (c) => {
      const history = await registerHistory(emOf(c), c.req.valid('param').orgId);
      if (!history) throw notFound('no such organization');
      return c.json(history, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'removeOrganization',
      path: '/register/organizations/{orgId}/remove',
      tags: ['register'],
      summary:
        'Remove a registered or suspended organization from the register, with a reason; councils and the organization are told (council or inspector of its district, admin)',
      security: bearer,
      middleware: [requireRoles(...rolesFor('remove'))] as const,
      request: {
        params: OrgParam,
        body: { required: true, content: { 'application/json': { schema: RemoveBody } } },
      },
      responses: {
        200: {
          description: 'The application that entered it, now removed',
          content: { 'application/json': { schema: ApplicationSchema } },
        },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const a = await currentApplicationOf(emOf(c), c.req.valid('param').orgId);
      if (!a) throw notFound('this organization never applied to the register');
      return c.json(await updateApplication(c, a, 'remove', removeUpdate, c.req.valid('json')), 200);
    },
  );
