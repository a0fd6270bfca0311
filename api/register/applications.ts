// Applying for the register and reviewing the application. The application is stored with the
// verdicts of the minimum requirements (domain/register/requirements.ts) and handed to its own
// workflow; the reviewer's and applicant's later steps are updates of that workflow. The id is
// named by (organization, Idempotency-Key), so a retried POST neither stores nor starts twice.
import { createRoute, type z } from '@hono/zod-openapi';
import { createApplication, listApplications } from '../../db/register/repository.ts';
import { District, ManagementOrganization } from '../../db/registry/entities.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import {
  registerUpdate,
  registerWorkflow,
  registerWorkflowId,
  rejectUpdate,
  requestCorrectionsUpdate,
  resubmitUpdate,
  withdrawUpdate,
} from '../../workflows/register/contract.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf, temporalOf } from '../context.ts';
import { IdempotencyHeader, requestHash, uuidFor } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem } from '../problem.ts';
import { startOnce } from '../workflows.ts';
import { rolesFor, ruled, updateApplication, visibleApplication } from './common.ts';
import {
  ApplicationList,
  ApplicationListQuery,
  ApplicationSchema,
  ApplyBody,
  CorrectionsBody,
  EmptyBody,
  RejectBody,
  ResubmitBody,
} from './schemas.ts';

const content = { 'application/json': { schema: ApplicationSchema } };
const jsonBody = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const bad = (field: string, message: string) =>
  new HttpProblem(400, message, { errors: [{ field, message }] });

const startReview = (c: Ctx, application: ApplicationView) =>
  startOnce(c, registerWorkflow, {
    workflowId: registerWorkflowId(application.id),
    args: [{ applicationId: application.id }],
    what: 'application',
  });

/** Each step's operationId, stable for generated clients. */
const STEP_OPERATIONS = {
  corrections: 'requestRegisterCorrections',
  register: 'registerOrganization',
  reject: 'rejectRegisterApplication',
  resubmit: 'resubmitRegisterApplication',
  withdraw: 'withdrawRegisterApplication',
} as const;

const step = <S extends z.ZodType>(
  path: keyof typeof STEP_OPERATIONS,
  action: Parameters<typeof rolesFor>[0],
  summary: string,
  schema: S,
) =>
  createRoute({
    method: 'post',
    operationId: STEP_OPERATIONS[path],
    path: `/register/applications/{id}/${path}`,
    tags: ['register'],
    summary,
    security: bearer,
    middleware: [requireRoles(...rolesFor(action))] as const,
    request: { params: UuidParam, body: jsonBody(schema) },
    responses: {
      200: { description: 'The application after the step', content },
      ...problems(400, 401, 403, 404, 409),
    },
  });

export const applicationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'submitRegisterApplication',
      path: '/register/applications',
      tags: ['register'],
      summary:
        'Apply for the register with evidence of the minimum requirements (management_company, own organization)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: { headers: IdempotencyHeader, body: jsonBody(ApplyBody) },
      responses: {
        201: { description: 'Stored with its verdicts; its review is started', content },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', content },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const p = c.var.principal;
      if (!p.organizationId) throw forbidden('the token names no organization (claim org)');
      temporalOf(c); // Before anything is stored: an application without its review would never move.
      const em = emOf(c);
      const org = await em.findOne(ManagementOrganization, { id: p.organizationId });
      if (!org) throw forbidden('the organization named by the token does not exist');
      if (body.tin !== org.tin) throw bad('body.tin', "must be the organization's own TIN");
      if (!(await em.findOne(District, { id: body.districtId })))
        throw bad('body.districtId', 'no such district');
      const { districtId, ...data } = body;
      const { application, created } = await ruled(
        createApplication(emOf(c), {
          id: await uuidFor(`register|${org.id}|${key}`),
          organizationId: org.id,
          districtId,
          data,
          principal: p,
          policy: c.var.deps.config.register.policy,
          idempotencyKey: `${org.id}:${key}`,
          requestSha256: await requestHash(body),
        }),
      );
      await startReview(c, application);
      c.header('Location', `/api/v1/register/applications/${application.id}`);
      return c.json(application, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listRegisterApplications',
      path: '/register/applications',
      tags: ['register'],
      summary:
        "Applications newest first, at most 200 (council and inspector: their district's; management_company: their organization's; admin: all)",
      security: bearer,
      middleware: [requireRoles('management_company', 'council', 'inspector', 'admin')] as const,
      request: { query: ApplicationListQuery },
      responses: {
        200: {
          description: 'The applications',
          content: { 'application/json': { schema: ApplicationList } },
        },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { state, limit } = c.req.valid('query');
      const p = c.var.principal;
      const admin = p.roles.includes('admin');
      const reviewer = p.roles.includes('council') || p.roles.includes('inspector');
      const districtId = reviewer ? p.districtId : null;
      const organizationId = p.roles.includes('management_company') ? p.organizationId : null;
      // A token without the claim that scopes its role sees nothing rather than everything.
      if (!admin && !districtId && !organizationId) return c.json({ items: [] }, 200);
      const items = await listApplications(emOf(c), {
        ...(state ? { state } : {}),
        districtId: admin ? null : districtId,
        organizationId: admin ? null : organizationId,
        limit,
      });
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getRegisterApplication',
      path: '/register/applications/{id}',
      tags: ['register'],
      summary:
        'An application with its verdicts and state (management_company of the organization, council and inspector of its district, admin)',
      security: bearer,
      middleware: [requireRoles('management_company', 'council', 'inspector', 'admin')] as const,
      request: { params: UuidParam },
      responses: { 200: { description: 'The application', content }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await visibleApplication(c, c.req.valid('param').id), 200),
  )
  .openapi(
    step(
      'corrections',
      'request_corrections',
      'Ask for corrections of named fields, with a deadline from the policy (council or inspector of the district, admin)',
      CorrectionsBody,
    ),
    async (c) => {
      const a = await visibleApplication(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      return c.json(
        await updateApplication(c, a, 'request_corrections', requestCorrectionsUpdate, body),
        200,
      );
    },
  )
  .openapi(
    step(
      'register',
      'register',
      'Enter the organization in the register when every requirement is met (council or inspector of the district, admin)',
      EmptyBody,
    ),
    async (c) => {
      const a = await visibleApplication(c, c.req.valid('param').id);
      return c.json(await updateApplication(c, a, 'register', registerUpdate, {}), 200);
    },
  )
  .openapi(
    step(
      'reject',
      'reject',
      'Reject the application with a reason (council or inspector of the district, admin)',
      RejectBody,
    ),
    async (c) => {
      const a = await visibleApplication(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      return c.json(await updateApplication(c, a, 'reject', rejectUpdate, body), 200);
    },
  )
  .openapi(
    step(
      'resubmit',
      'resubmit',
      'Send the corrected evidence before the deadline; it is assessed again (management_company, own organization)',
      ResubmitBody,
    ),
    async (c) => {
      const a = await visibleApplication(c, c.req.valid('param').id);
      const patch = c.req.valid('json');
      return c.json(await updateApplication(c, a, 'resubmit', resubmitUpdate, { patch }), 200);
    },
  )
  .openapi(
    step(
      'withdraw',
      'withdraw',
      'Take back an application not yet decided; the organization may apply again later (management_company, own organization)',
      EmptyBody,
    ),
    async (c) => {
      const a = await visibleApplication(c, c.req.valid('param').id);
      return c.json(await updateApplication(c, a, 'withdraw', withdrawUpdate, {}), 200);
    },
  );
