// Accounting-violation cases of a building, opened by the daily reconciliation
// (activities/billing/reconciliation.ts): read by the organization administering the building, its
// district's council and inspection (and admin); resolved, once and with a note, by the
// organization. The widget <mu-billing-violations> reads the GET: keep its path and fields.
import { createRoute, z } from '@hono/zod-openapi';
import { resolveViolation, violationById, violationsOf } from '../../db/billing/violations.ts';
import { VIOLATION_KINDS, VIOLATION_SOURCES } from '../../domain/billing/reconciliation.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { IdempotencyHeader, idempotencyConflict, requestHash } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { STAFF } from './common.ts';
import { BuildingParam } from './schemas.ts';

const tags = ['billing'];

export const ViolationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(VIOLATION_KINDS).openapi({
      description:
        'income_without_transfer: the ledger recorded an income no money transfer backs; transfer_without_income: money moved (a provider performed a payment, the bank received a transfer) that the ledger has no income for',
    }),
    source: z
      .enum(VIOLATION_SOURCES)
      .openapi({ description: "the other side: a provider's registry or the bank" }),
    amount: z.number().int().openapi({ description: 'tiyin' }),
    occurredOn: z.string().openapi({ description: "the Tashkent day, 'YYYY-MM-DD'" }),
    reference: z.string().openapi({
      description: "the provider's transaction, the ledger transfer or the bank line the case is about",
    }),
    status: z.enum(['open', 'resolved']),
    openedAt: z.string(),
    resolvedAt: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('Violation');
const ViolationListSchema = z.object({ items: z.array(ViolationSchema) }).openapi('ViolationList');
const ResolutionBody = z
  .object({ note: z.string().trim().min(1).max(2000).openapi({ description: 'why the case is closed' }) })
  .openapi('ViolationResolution');
const json = { 'application/json': { schema: ViolationSchema } };

export const violationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/buildings/{buildingId}/violations',
      operationId: 'listBuildingViolations',
      tags,
      summary:
        "A building's accounting-violation cases from the daily reconciliation, open first (management_company of the building, council and inspector of its district, admin)",
      security: bearer,
      middleware: [requireRoles(...STAFF)] as const,
      request: { params: BuildingParam },
      responses: {
        200: { description: 'The cases', content: { 'application/json': { schema: ViolationListSchema } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      await assertBuildingVisible(c, buildingId);
      return c.json({ items: await violationsOf(emOf(c), buildingId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/billing/violations/{id}/resolution',
      operationId: 'recordViolationResolution',
      tags,
      summary:
        'Resolve an accounting-violation case with a note, once (management_company administering the building); the same Idempotency-Key and note again answer the same resolution',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: ResolutionBody } } },
      },
      responses: {
        200: { description: 'Resolved, or the replay of this resolution', content: json },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const em = emOf(c);
      const found = await violationById(em, id);
      if (!found?.buildingId) throw notFound('no such violation case');
      await assertBuildingVisible(c, found.buildingId);
      const { note } = c.req.valid('json');
      const userId = c.var.principal.userId;
      const r = await resolveViolation(em, {
        id,
        userId,
        note,
        key: `${userId}:${c.req.valid('header')['idempotency-key']}`,
        hash: await requestHash({ id, note }),
      });
      if (r.outcome === 'not_found') throw notFound('no such violation case');
      if (r.outcome === 'already_resolved') throw new HttpProblem(409, 'the case is already resolved');
      if (r.outcome === 'key_conflict') throw idempotencyConflict('billing');
      return c.json(r.violation, 200);
    },
  );
