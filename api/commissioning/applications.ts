// Commissioning applications: the developer applies; the inspector of the district begins the
// check, commissions or rejects with reasons; evidence filed by hand. Each step is an update of
// the application's workflow (workflows/commissioning/application.ts).
import { createRoute } from '@hono/zod-openapi';
import { createApplication } from '../../db/commissioning/repository.ts';
import { getApplicationView, maySee } from '../../db/commissioning/views.ts';
import {
  beginCommissioningCheckUpdate,
  commissionBuildingUpdate,
  recordCommissioningConditionUpdate,
  rejectCommissioningUpdate,
} from '../../workflows/commissioning/contract.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf, temporalOf } from '../context.ts';
import { IdempotencyHeader, requestHash, uuidFor } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { ruled, startCommissioning, updateApplication, visibleApplication } from './common.ts';
import { ApplyBody, CommissioningViewSchema, EvidenceBody, RejectBody } from './schemas.ts';

const content = { 'application/json': { schema: CommissioningViewSchema } };
const json = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const BASE = '/commissioning/applications';

const responses = {
  200: { description: 'The application after the step', content },
  ...problems(400, 401, 403, 404, 409),
};
/** Each step's operationId, stable for generated clients. */
const STEP_OPERATIONS = {
  check: 'beginCommissioningCheck',
  evidence: 'recordCommissioningEvidence',
  reject: 'rejectCommissioningApplication',
  commission: 'commissionBuilding',
} as const;
type Step = keyof typeof STEP_OPERATIONS;

const step = (path: Step, summary: string, roles: ('developer' | 'inspector')[]) =>
  createRoute({
    method: 'post',
    operationId: STEP_OPERATIONS[path],
    path: `${BASE}/{id}/${path}`,
    tags: ['commissioning'],
    summary,
    security: bearer,
    middleware: [requireRoles(...roles)] as const,
    request: { params: UuidParam },
    responses,
  });
const stepWith = <B extends typeof EvidenceBody | typeof RejectBody>(
  path: Step,
  summary: string,
  roles: ('developer' | 'inspector')[],
  body: B,
) =>
  createRoute({
    method: 'post',
    operationId: STEP_OPERATIONS[path],
    path: `${BASE}/{id}/${path}`,
    tags: ['commissioning'],
    summary,
    security: bearer,
    middleware: [requireRoles(...roles)] as const,
    request: { params: UuidParam, body: json(body) },
    responses,
  });

export const applicationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'applyForCommissioning',
      path: BASE,
      tags: ['commissioning'],
      summary:
        'Apply for the commissioning of a new building; its workflow asks the cadastre at once (developer, acting for the TIN in its token)',
      security: bearer,
      middleware: [requireRoles('developer')] as const,
      request: { headers: IdempotencyHeader, body: json(ApplyBody) },
      responses: {
        201: { description: 'Applied; its workflow started', content },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', content },
        ...problems(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const p = c.var.principal;
      temporalOf(c); // Before anything is stored: an application without its workflow would never move.
      const { id, created } = await ruled(
        createApplication(emOf(c), {
          ...body,
          id: await uuidFor(`commissioning|${p.userId}|${key}`),
          principal: p,
          policy: c.var.deps.config.commissioning.policy,
          idempotencyKey: `${p.userId}:${key}`,
          requestSha256: await requestHash(body),
        }),
      );
      await startCommissioning(c, id);
      c.header('Location', `/api/v1${BASE}/${id}`);
      return c.json(await visibleApplication(c, id), created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getCommissioningApplication',
      path: `${BASE}/{id}`,
      tags: ['commissioning'],
      summary:
        'The application with its checklist: each condition met or not and why (its developer, an inspector of the district, admin; the staff of an organization an act names, without the history)',
      security: bearer,
      middleware: [requireRoles('developer', 'inspector', 'admin', 'management_company')] as const,
      request: { params: UuidParam },
      responses: { 200: { description: 'The application', content }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const p = c.var.principal;
      // The organization an act names must read what it signs; who did what stays the parties'.
      const view = p.roles.includes('management_company') ? await getApplicationView(emOf(c), id) : null;
      const named = view?.acts.some((a) => a.organization.id === p.organizationId);
      if (view && named && !maySee(p, { developerTin: view.developer.tin, districtId: view.districtId }))
        return c.json({ ...view, history: [] }, 200);
      return c.json(await visibleApplication(c, id), 200);
    },
  )
  .openapi(
    step(
      'check',
      'Begin the check: checking when every condition holds, else waiting with a deadline (inspector of the district)',
      ['inspector'],
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleApplication(c, id);
      return c.json(
        await updateApplication(c, id, beginCommissioningCheckUpdate, {}, { type: 'begin_check' }),
        200,
      );
    },
  )
  .openapi(
    stepWith(
      'evidence',
      "Record a condition with its evidence; a signed act's signatures are read from the act (the developer for documents it holds, an inspector of the district)",
      ['developer', 'inspector'],
      EvidenceBody,
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleApplication(c, id);
      const body = c.req.valid('json');
      const asked = { type: 'record_condition' as const, condition: body.condition };
      return c.json(await updateApplication(c, id, recordCommissioningConditionUpdate, body, asked), 200);
    },
  )
  .openapi(
    stepWith(
      'reject',
      'Reject the application with reasons (inspector of the district)',
      ['inspector'],
      RejectBody,
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleApplication(c, id);
      return c.json(
        await updateApplication(c, id, rejectCommissioningUpdate, c.req.valid('json'), { type: 'reject' }),
        200,
      );
    },
  )
  .openapi(
    step(
      'commission',
      'Commission the building once every condition holds; 409 names the missing ones (inspector of the district)',
      ['inspector'],
    ),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleApplication(c, id);
      return c.json(
        await updateApplication(c, id, commissionBuildingUpdate, {}, { type: 'commission' }),
        200,
      );
    },
  );
