// Household service centres and lightweight structures of a building: recorded by the management
// company administering it, read by the bodies overseeing it. Their monthly charges reach the
// ledger through the month's posting, never through this API.
import { createRoute } from '@hono/zod-openapi';
import {
  endRevenueSource,
  recordRevenueSource,
  revenueSourceById,
  revenueSourcesOf,
} from '../../db/billing/revenue-sources.ts';
import { checkRevenueSource } from '../../domain/billing/revenue-sources.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { IdempotencyHeader, idempotencyConflict, requestHash, uuidFor } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { STAFF } from './common.ts';
import { BuildingParam, EndBody, SourceBody, SourceListSchema, SourceSchema } from './schemas.ts';

const tags = ['billing'];
const json = { 'application/json': { schema: SourceSchema } };
const WRITERS = ['management_company', 'admin'] as const;

export const sourceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/buildings/{buildingId}/revenue-sources',
      operationId: 'listRevenueSources',
      tags,
      summary:
        "A building's household service centres and lightweight structures (management_company of the building, council and inspector of its district, admin)",
      security: bearer,
      middleware: [requireRoles(...STAFF)] as const,
      request: { params: BuildingParam },
      responses: {
        200: { description: 'The sources', content: { 'application/json': { schema: SourceListSchema } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      await assertBuildingVisible(c, buildingId);
      return c.json({ items: await revenueSourcesOf(emOf(c), buildingId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/billing/buildings/{buildingId}/revenue-sources',
      operationId: 'recordRevenueSource',
      tags,
      summary:
        "Record a household service centre or lightweight structure contract; its monthly charge goes to the building's account (management_company administering the building, admin)",
      security: bearer,
      middleware: [requireRoles(...WRITERS)] as const,
      request: {
        params: BuildingParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: SourceBody } } },
      },
      responses: {
        201: { description: 'Recorded', content: json },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', content: json },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      await assertBuildingVisible(c, buildingId);
      const body = c.req.valid('json');
      const fields = checkRevenueSource(body);
      if (fields.length)
        throw new HttpProblem(400, fields.map((f) => `${f.field} ${f.message}`).join('; '), {
          errors: fields.map((f) => ({ field: `body.${f.field}`, message: f.message })),
        });
      const key = c.req.valid('header')['idempotency-key'];
      const userId = c.var.principal.userId;
      const result = await recordRevenueSource(emOf(c), {
        ...body,
        id: await uuidFor(`revenue-source|${userId}|${key}`),
        buildingId,
        userId,
        idempotencyKey: `${userId}:${key}`,
        requestSha256: await requestHash({ buildingId, ...body }),
      });
      if (result.outcome === 'conflict') throw idempotencyConflict('billing');
      return c.json(result.source, result.outcome === 'created' ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/billing/revenue-sources/{id}/end',
      operationId: 'setRevenueSourceEnd',
      tags,
      summary:
        'End a revenue source contract on a day (exclusive); months already posted stay posted (management_company administering the building, admin)',
      security: bearer,
      middleware: [requireRoles(...WRITERS)] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: EndBody } } },
      },
      responses: { 200: { description: 'Ended', content: json }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const source = await revenueSourceById(emOf(c), id);
      if (!source) throw notFound('no such revenue source');
      await assertBuildingVisible(c, source.buildingId);
      const { to } = c.req.valid('json');
      const result = await endRevenueSource(emOf(c), id, to);
      if (result.outcome === 'before_start')
        throw new HttpProblem(400, `the contract starts on ${source.from}`, {
          errors: [{ field: 'body.to', message: `must come after ${source.from}` }],
        });
      if (result.outcome !== 'ended') throw new HttpProblem(409, `the contract already ends on ${source.to}`);
      return c.json(result.source, 200);
    },
  );
