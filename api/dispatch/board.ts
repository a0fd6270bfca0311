// The dispatcher's board, a technician's jobs, mass incidents, rosters with their coverage gaps,
// and the response-time figures the council and the inspection read.
import { createRoute, z } from '@hono/zod-openapi';
import { figureRows } from '../../db/dispatch/figures.ts';
import { loadMassIncident } from '../../db/dispatch/mass.ts';
import {
  addShift,
  editsRoster,
  removeShift,
  rosterCoverage,
  rosterStaff,
} from '../../db/dispatch/rosters.ts';
import { boardView, jobsOf } from '../../db/dispatch/views.ts';
import { ManagementOrganization } from '../../db/registry/entities.ts';
import { figuresExportRows } from '../../domain/dispatch/export.ts';
import { responseFigures } from '../../domain/dispatch/figures.ts';
import { massIncidentWorkflowId, resolveMassSignal } from '../../workflows/dispatch/contract.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf, temporalOf } from '../context.ts';
import { CSV_CELLS, csvAnswer } from '../csv.ts';
import { IdempotencyHeader, idempotencyConflict, uuidFor } from '../idempotency.ts';
import { requestLanguage } from '../language.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem, notFound, unavailable } from '../problem.ts';
import { ruled } from './common.ts';
import { AnyJson, CoverageQuery, FiguresQuery, ResolveBody, ShiftBody } from './schemas.ts';

const content = { 'application/json': { schema: AnyJson } };
const DAY = 86_400_000;

export function orgOf(c: Ctx): string {
  const org = c.var.principal.organizationId;
  if (!org) throw forbidden('the token names no organization (claim org)');
  return org;
}

/** The organization, once the caller may change its roster (not a technician on call only). */
async function rosterEditorOrg(c: Ctx): Promise<string> {
  const org = orgOf(c);
  if (!(await editsRoster(emOf(c), org, c.var.principal.userId, Date.now())))
    throw forbidden('a technician on call does not change the roster');
  return org;
}

export const boardRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getDispatchBoard',
      path: '/dispatch/board',
      tags: ['dispatch'],
      summary:
        'The organization’s open requests, the most pressing clock first, with their addresses and triage suggestions, and its unresolved mass incidents (management_company)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      responses: { 200: { description: 'The queue', content }, ...problems(401, 403) },
    }),
    async (c) => c.json(await boardView(emOf(c), orgOf(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listMyDispatchJobs',
      path: '/dispatch/jobs',
      tags: ['dispatch'],
      summary: 'The caller’s open jobs as a technician of their organization (management_company)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      responses: { 200: { description: 'The jobs', content }, ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await jobsOf(emOf(c), orgOf(c), c.var.principal.userId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'resolveMassIncident',
      path: '/dispatch/mass-incidents/{id}/resolve',
      tags: ['dispatch'],
      summary:
        'Resolve a mass incident: every linked request is finished and its resident told (management_company of the incident’s organization)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: ResolveBody } } },
      },
      responses: {
        202: { description: 'Resolution under way', content },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await loadMassIncident(emOf(c), id);
      if (!found) throw notFound('no such mass incident');
      if (found.organizationId !== orgOf(c)) throw forbidden('this incident is not your organization’s');
      const { note } = c.req.valid('json');
      const byUserId = c.var.principal.userId;
      const key = await uuidFor(`dispatch-resolve|${byUserId}|${c.req.valid('header')['idempotency-key']}`);
      const { resolutionKey, ...incident } = found;
      if (incident.resolvedAt !== null) {
        // A retry of the resolution that was made gets its answer again; anything else is late.
        if (resolutionKey !== key)
          throw new HttpProblem(409, 'this incident is already resolved', {
            extensions: { code: 'dispatch.wrong_state' },
          });
        if (incident.resolutionNote !== note) throw idempotencyConflict('dispatch');
        return c.json({ ...incident, resolving: true }, 202);
      }
      try {
        await temporalOf(c)
          .workflow.getHandle(massIncidentWorkflowId(id))
          .signal(resolveMassSignal, { note, byUserId, key });
      } catch (err) {
        c.var.deps.logger.error({ err, id }, 'mass incident workflow not signalled');
        throw unavailable('the incident’s workflow did not answer; retry with the same Idempotency-Key');
      }
      return c.json({ ...incident, resolving: true }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'createDispatchShift',
      path: '/dispatch/roster/shifts',
      tags: ['dispatch'],
      summary:
        'Add an on-call shift of a dispatcher or technician (management_company, not a technician on call only)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: {
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: ShiftBody } } },
      },
      responses: {
        201: { description: 'Added', content },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', content },
        ...problems(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const org = await rosterEditorOrg(c);
      const key = c.req.valid('header')['idempotency-key'];
      const { shift, created } = await ruled(
        addShift(emOf(c), {
          ...b,
          organizationId: org,
          startsAt: Date.parse(b.startsAt),
          endsAt: Date.parse(b.endsAt),
          createdByUserId: c.var.principal.userId,
          idempotencyKey: `${c.var.principal.userId}:${key}`,
        }),
      );
      return c.json(shift, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      operationId: 'removeDispatchShift',
      path: '/dispatch/roster/shifts/{id}',
      tags: ['dispatch'],
      summary: 'Remove a shift of the organization (management_company, not a technician on call only)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: { params: UuidParam },
      responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const org = await rosterEditorOrg(c);
      if (!(await removeShift(emOf(c), org, c.req.valid('param').id))) throw notFound('no such shift');
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getDispatchCoverage',
      path: '/dispatch/roster',
      tags: ['dispatch'],
      summary:
        'The roster of the coming days and its 24/7 gaps: no dispatcher, or no technician for a category (management_company)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: { query: CoverageQuery },
      responses: { 200: { description: 'Shifts and gaps', content }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const from = q.from ? Date.parse(q.from) : Date.now();
      const to = from + c.var.deps.config.dispatch.policy.rosterHorizonDays * DAY;
      return c.json(await rosterCoverage(emOf(c), orgOf(c), from, to), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listDispatchStaff',
      path: '/dispatch/roster/staff',
      tags: ['dispatch'],
      summary:
        'The people the organization has put on its roster before, to pick for a new shift (management_company)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      responses: { 200: { description: 'The people', content }, ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await rosterStaff(emOf(c), orgOf(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getDispatchFigures',
      path: '/dispatch/figures',
      tags: ['dispatch'],
      summary:
        'Response-time figures per organization for a quarter: share within each legal time and median times, as JSON or CSV (council and inspector of their district, admin)',
      description: `With \`format=csv\`: ${CSV_CELLS} Headers and the quarter in the language of \`lang\`, else of Accept-Language, else Uzbek; each organization by its name and identifier; shares as percentages, median times in minutes, empty where nothing is decided yet.`,
      security: bearer,
      middleware: [requireRoles('council', 'inspector', 'admin')] as const,
      request: { query: FiguresQuery },
      responses: {
        200: { description: 'Figures', content: { ...content, 'text/csv': { schema: z.string() } } },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { quarter, format } = c.req.valid('query');
      const p = c.var.principal;
      const district = p.roles.includes('admin') ? null : p.districtId;
      if (!p.roles.includes('admin') && !district)
        throw forbidden('the token names no district (claim district)');
      const figures = responseFigures(
        c.var.deps.config.dispatch.policy,
        await figureRows(emOf(c), quarter, district),
        Date.now(),
      );
      const orgs = figures.length
        ? await emOf(c).find(
            ManagementOrganization,
            { id: { $in: figures.map((f) => f.organizationId) } },
            { fields: ['id', 'name'] },
          )
        : [];
      const names = new Map(orgs.map((o) => [o.id, o.name]));
      const items = figures.map((f) => ({ ...f, name: names.get(f.organizationId) ?? '' }));
      // The CSV keeps the identifier beside the name: a sheet joins on it.
      if (format === 'csv')
        return csvAnswer(c, figuresExportRows(items, requestLanguage(c)), `dispatch-${quarter}.csv`);
      return c.json({ quarter, items }, 200);
    },
  );
