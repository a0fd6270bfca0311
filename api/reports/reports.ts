// The organization's draft, submission and corrections of a building's quarterly report, and the
// reads: the report, a building's submitted reports, the district's board.
import { createRoute } from '@hono/zod-openapi';
import { actOnReport, assertReportsFor, loadReport } from '../../db/reports/repository.ts';
import { districtBoardWithLosses, submittedReports } from '../../db/reports/views.ts';
import { reportsBoardExportRows } from '../../domain/reports/export.ts';
import type { ReportCommand } from '../../domain/reports/status.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { CSV_CELLS, csvAnswer } from '../csv.ts';
import { IdempotencyHeader, requestHash } from '../idempotency.ts';
import { requestLanguage } from '../language.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, notFound } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { reportJson, ruled, tellWorkflow } from './common.ts';
import {
  BoardCsvQuery,
  BoardSchema,
  ContentBody,
  CorrectionBody,
  QuarterQuery,
  ReportListSchema,
  ReportPath,
  ReportSchema,
} from './schemas.ts';

const content = { 'application/json': { schema: ReportSchema } };
const writeResponses = {
  200: { description: 'The report as the step left it (also the answer to a repeated request)', content },
  ...problems(400, 401, 403, 404, 409),
};

/** One step of the organization, named by (caller, Idempotency-Key) and the request's hash. */
/** `read` reads the body into the command, once the organization is known to report on the building. */
async function step(c: Ctx, read: () => { command: ReportCommand; body: unknown }) {
  const { id, quarter } = c.req.valid('param' as never) as { id: string; quarter: string };
  const key = c.req.valid('header' as never)['idempotency-key'] as string;
  const p = c.var.principal;
  if (!p.organizationId) throw forbidden('the token names no organization (claim org)');
  await ruled(assertReportsFor(emOf(c), { buildingId: id, quarter, organizationId: p.organizationId }));
  const { command, body } = read();
  const result = await ruled(
    actOnReport(emOf(c), {
      buildingId: id,
      quarter,
      command,
      organizationId: p.organizationId,
      userId: p.userId,
      requestId: `${p.userId}:${key}`,
      requestSha256: await requestHash({ path: c.req.path, body }),
      policy: c.var.deps.config.reports.policy,
    }),
  );
  if (command.type === 'submit' && !result.replayed) await tellWorkflow(c, id, quarter);
  return c.json(await reportJson(c, result.report, true), 200);
}

const path = '/reports/buildings/{id}/quarters/{quarter}';

export const reportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'setReportDraft',
      path: `${path}/draft`,
      tags: ['reports'],
      summary:
        'Save the draft of the quarterly report on completed work; replaces the earlier draft (management_company managing the building)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: {
        params: ReportPath,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: ContentBody } } },
      },
      responses: writeResponses,
    }),
    async (c) =>
      step(c, () => {
        const body = c.req.valid('json');
        return { command: { type: 'save_draft', content: body }, body };
      }),
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'submitReport',
      path: `${path}/submission`,
      tags: ['reports'],
      summary:
        'Submit the draft: it is frozen as version 1, and a suspension of the accrual for this quarter is lifted from the first month not yet accrued (management_company managing the building)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: { params: ReportPath, headers: IdempotencyHeader },
      responses: writeResponses,
    }),
    async (c) => step(c, () => ({ command: { type: 'submit' }, body: {} })),
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'submitReportCorrection',
      path: `${path}/corrections`,
      tags: ['reports'],
      summary:
        'Correct a submitted report: a new version with its reason; earlier versions are kept (management_company managing the building)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: {
        params: ReportPath,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: CorrectionBody } } },
      },
      responses: writeResponses,
    }),
    async (c) =>
      step(c, () => {
        const body = c.req.valid('json');
        return {
          command: { type: 'correct', content: { works: body.works, note: body.note }, reason: body.reason },
          body,
        };
      }),
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getReport',
      path,
      tags: ['reports'],
      summary:
        "A building's report for a quarter: its submitted versions; the managing organization also sees its draft (resident owning there, management_company managing it, council and inspector of its district, admin)",
      security: bearer,
      middleware: [requireRoles('resident', 'management_company', 'council', 'inspector', 'admin')] as const,
      request: { params: ReportPath },
      responses: { 200: { description: 'The report', content }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, quarter } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      const r = await loadReport(emOf(c), id, quarter);
      const p = c.var.principal;
      const manages = p.roles.includes('management_company') && r?.organizationId === p.organizationId;
      // Others see a report once it is submitted; a draft is the organization's own.
      if (!r || (!manages && r.state.status !== 'submitted'))
        throw notFound('no submitted report for this quarter');
      return c.json(await reportJson(c, r, manages), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listBuildingReports',
      path: '/reports/buildings/{id}',
      tags: ['reports'],
      summary:
        "A building's submitted quarterly reports, newest first; the managing organization also finds its own due and draft ones, so its editor knows whether a quarter has a report yet (resident owning there, management_company managing it, council and inspector of its district, admin)",
      security: bearer,
      middleware: [requireRoles('resident', 'management_company', 'council', 'inspector', 'admin')] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The reports', content: { 'application/json': { schema: ReportListSchema } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      const p = c.var.principal;
      const own = p.roles.includes('management_company') ? (p.organizationId ?? null) : null;
      return c.json({ items: await submittedReports(emOf(c), id, own) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getReportsBoard',
      path: '/reports/districts/{id}/board',
      tags: ['reports'],
      summary:
        'Which managed buildings of the district reported for the quarter, late or not, and which months were suspended (council and inspector of the district, admin)',
      security: bearer,
      middleware: [requireRoles('council', 'inspector', 'admin')] as const,
      request: { params: UuidParam, query: QuarterQuery },
      responses: {
        200: { description: 'The board', content: { 'application/json': { schema: BoardSchema } } },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { quarter } = c.req.valid('query');
      return c.json({ districtId: id, quarter, items: await board(c, id, quarter) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'exportReportsBoard',
      path: '/reports/districts/{id}/board.csv',
      tags: ['reports'],
      summary:
        "The district's board for the quarter as CSV, with the contributions lost to suspension per building (council and inspector of the district, admin)",
      description: `${CSV_CELLS} One row per managed building. Headers, statuses and yes/no in the language of \`lang\`, else of Accept-Language, else Uzbek; the submission time is Tashkent wall-clock time (YYYY-MM-DD HH:MM); the organization by its name, its id beside it; months as YYYY-MM separated by spaces; money in so'm with two decimals (a plain number, the currency in the header).`,
      security: bearer,
      middleware: [requireRoles('council', 'inspector', 'admin')] as const,
      request: { params: UuidParam, query: BoardCsvQuery },
      responses: {
        200: {
          description: 'CSV, UTF-8 with a header row',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { quarter } = c.req.valid('query');
      const items = await board(c, id, quarter);
      return csvAnswer(c, reportsBoardExportRows(items, requestLanguage(c)), `reports-board-${quarter}.csv`);
    },
  );

/** The board of a district the caller acts in (scope before any read), with the losses billing computes. */
async function board(c: Ctx, districtId: string, quarter: string) {
  const p = c.var.principal;
  if (!p.roles.includes('admin') && p.districtId !== districtId)
    throw forbidden('this district is outside your scope');
  return districtBoardWithLosses(emOf(c), districtId, quarter, c.var.deps.config.billing.policy);
}
