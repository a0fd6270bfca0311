// A lot's five-year programme: the officer has the first draft made from the buildings' condition
// assessments and edits its lines (element or system, year, estimated cost in tiyin, source of
// financing) while the version is a draft or returned; the district's officers and inspector, and
// the owners of the lot's buildings, read it with its totals per year and per source, and so does
// any organization while the lot takes applications or bids. A write
// retried with its Idempotency-Key answers what it first answered; the key with another body is 409.
import { createRoute, z } from '@hono/zod-openapi';
import { draftLotProgramme, editProgrammeLine, programmeOf } from '../../db/lots/programme.ts';
import { lotById } from '../../db/lots/repository.ts';
import { isBuildingInScope } from '../../db/registry/scope.ts';
import { buildingScopeOf, hasRole } from '../../domain/access/roles.ts';
import { FINANCING_SOURCES } from '../../domain/lots/programme.ts';
import { BUILDING_ELEMENTS } from '../../domain/registry/public.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { IdempotencyHeader, requestHash } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, notFound } from '../problem.ts';
import { json, OFFICER_ROLES, READER_ROLES, ruled, scopedLot } from './common.ts';

const Source = z.enum(FINANCING_SOURCES);
const LineSchema = z
  .object({
    id: z.uuid(),
    buildingId: z.uuid(),
    address: z.string(),
    element: z.enum(BUILDING_ELEMENTS),
    year: z.number().int(),
    estimatedCost: z.number().int().openapi({ description: 'Tiyin' }),
    source: Source,
  })
  .openapi('LotProgrammeLine');
const ProgrammeSchema = z
  .object({
    lotId: z.uuid(),
    version: z.number().int(),
    editable: z.boolean(),
    years: z.number().int(),
    lines: z.array(LineSchema),
    totals: z.object({
      byYear: z.array(z.number().int()).openapi({ description: 'Tiyin per year, year 1 first' }),
      bySource: z.record(Source, z.number().int()),
      total: z.number().int(),
    }),
  })
  .openapi('LotProgramme');
const LineEditBody = z
  .object({
    element: z.enum(BUILDING_ELEMENTS).optional(),
    year: z.number().int().min(1).max(5).optional(),
    estimatedCost: z
      .number()
      .int()
      .min(1)
      .max(1e15)
      .optional()
      .openapi({ description: 'Tiyin, a whole positive number' }),
    source: Source.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    message: 'change at least one of element, year, estimatedCost, source',
  })
  .openapi('LotProgrammeLineEdit');
const LineParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  lineId: z.uuid().openapi({ param: { name: 'lineId', in: 'path' } }),
});

/**
 * The lot, once the caller may read its programme: the district's officers and inspector, or
 * whoever may see one of its buildings (its owners, its organization).
 */
async function readableLot(c: Ctx, id: string) {
  const p = c.var.principal;
  const lot = await lotById(emOf(c), id);
  if (!lot) throw notFound('no such lot');
  if (hasRole(p, 'admin')) return lot;
  if (READER_ROLES.some((r) => hasRole(p, r)) && p.districtId === lot.districtId) return lot;
  const scope = buildingScopeOf(p);
  for (const b of lot.buildingIds) if (await isBuildingInScope(emOf(c), scope, b)) return lot;
  // An organization applying or bidding reads what it would commit to: the programme goes into the contracts.
  const open = lot.state.selection === 'applications' || lot.state.selection === 'competition';
  if (hasRole(p, 'management_company') && p.organizationId && open) return lot;
  throw forbidden('this lot is outside your scope');
}

export const programmeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getLotProgramme',
      path: '/lots/{id}/programme',
      tags: ['lots'],
      summary:
        "A version's five-year programme (the current one unless `version` is given), its lines and totals per year and per source of financing (council and inspector of the district, admin, whoever may see one of the lot's buildings: its owners, its organization; any management organization while the lot takes applications or bids)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: {
        params: UuidParam,
        query: z.object({ version: z.coerce.number().int().min(1).max(10_000).optional() }),
      },
      responses: {
        200: { description: 'The programme', content: json(ProgrammeSchema) },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await readableLot(c, id);
      return c.json(await ruled(programmeOf(emOf(c), id, c.req.valid('query').version)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'createLotProgramme',
      path: '/lots/{id}/programme',
      tags: ['lots'],
      summary:
        "Draw up the first draft of the current version's programme from its buildings' latest condition assessments (red buildings and the worst elements first), replacing the lines it had; only while the version is a draft or returned (council of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: { params: UuidParam, headers: IdempotencyHeader },
      responses: {
        201: { description: 'The drafted programme', content: json(ProgrammeSchema) },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await scopedLot(c, id);
      const p = c.var.principal;
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await ruled(
        draftLotProgramme(emOf(c), {
          lotId: id,
          requestKey: `programme:${p.userId}:${key}`,
          requestSha256: await requestHash({ lotId: id }),
          actorUserId: p.userId,
        }),
      );
      return c.json(answer, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      operationId: 'setLotProgrammeLine',
      path: '/lots/{id}/programme/lines/{lineId}',
      tags: ['lots'],
      summary:
        "Change a line of the current version's programme: its element or system, year (1–5), estimated cost in tiyin or source of financing; only while the version is a draft or returned (council of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: {
        params: LineParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: LineEditBody } } },
      },
      responses: {
        200: { description: 'The programme after the change', content: json(ProgrammeSchema) },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id, lineId } = c.req.valid('param');
      await scopedLot(c, id);
      const edit = c.req.valid('json');
      const p = c.var.principal;
      const key = c.req.valid('header')['idempotency-key'];
      const answer = await ruled(
        editProgrammeLine(emOf(c), {
          lotId: id,
          itemId: lineId,
          edit,
          requestKey: `programme-line:${p.userId}:${key}`,
          requestSha256: await requestHash({ lotId: id, lineId, ...edit }),
          actorUserId: p.userId,
        }),
      );
      return c.json(answer, 200);
    },
  );
