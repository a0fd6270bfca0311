// Forming lots: the council officer of a district gets the proposed partition of its free
// buildings, saves it as draft lots and moves buildings into them (a move that breaks a rule is
// 422 naming it). A save or a move retried with its Idempotency-Key answers what it first answered.
import { createRoute, z } from '@hono/zod-openapi';
import { moveBuildingToLot, proposeForDistrict, saveDraftLots } from '../../db/lots/repository.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { IdempotencyHeader, requestHash } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { assertDistrict, json, LotSchema, MixSchema, OFFICER_ROLES, ruled, scopedLot } from './common.ts';

const ProposalSchema = z
  .object({
    feasible: z.boolean(),
    alreadyInLots: z.number().int(),
    lots: z.array(z.object({ buildingIds: z.array(z.uuid()), apartments: z.number().int(), mix: MixSchema })),
  })
  .openapi('LotProposal');
const DraftsBody = z
  .object({
    districtId: z.uuid(),
    lots: z
      .array(z.object({ buildingIds: z.array(z.uuid()).min(1).max(20_000) }))
      .min(1)
      .max(500),
  })
  .openapi('LotDraftsInput');
const MoveBody = z.object({ buildingId: z.uuid() }).openapi('LotMoveInput');

export const formingRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'proposeLots',
      path: '/lots/proposal',
      tags: ['lots'],
      summary:
        "The proposed partition of a district's buildings that are in no lot yet: neighbours together, each lot at least the policy's apartments, balanced in size and condition class (council of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: { query: z.object({ districtId: z.uuid() }) },
      responses: {
        200: { description: 'The proposal', content: json(ProposalSchema) },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { districtId } = c.req.valid('query');
      assertDistrict(c.var.principal, districtId);
      return c.json(await proposeForDistrict(emOf(c), districtId, c.var.deps.config.lots.policy), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'createDraftLots',
      path: '/lots/drafts',
      tags: ['lots'],
      summary:
        "Save lots of the district's free buildings as drafts; a partition that breaks a rule is refused with the rule (council of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: {
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: DraftsBody } } },
      },
      responses: {
        201: { description: 'The draft lots', content: json(z.array(LotSchema)) },
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const p = c.var.principal;
      assertDistrict(p, body.districtId);
      const key = c.req.valid('header')['idempotency-key'];
      const lots = await ruled(
        saveDraftLots(emOf(c), {
          districtId: body.districtId,
          lots: body.lots,
          policy: c.var.deps.config.lots.policy,
          idempotencyKey: `${p.userId}:${key}`,
          requestSha256: await requestHash(body),
          actorUserId: p.userId,
          now: new Date(),
        }),
      );
      return c.json(lots, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'moveBuildingToLot',
      path: '/lots/{id}/buildings',
      tags: ['lots'],
      summary:
        "Move a building of the lot's district into this lot, from the lot that holds it or from none; every lot it changes must be an editable draft and still meet the rules (council of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: MoveBody } } },
      },
      responses: {
        200: {
          description:
            'The lots the move changed as it left them: the one the building left, if any, then this one',
          content: json(z.array(LotSchema)),
        },
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await scopedLot(c, id);
      const body = c.req.valid('json');
      const p = c.var.principal;
      const key = c.req.valid('header')['idempotency-key'];
      const lots = await ruled(
        moveBuildingToLot(emOf(c), {
          buildingId: body.buildingId,
          toLotId: id,
          policy: c.var.deps.config.lots.policy,
          requestId: `${p.userId}:${key}`,
          requestSha256: await requestHash({ lotId: id, ...body }),
          actorUserId: p.userId,
          now: new Date(),
        }),
      );
      return c.json(lots, 200);
    },
  );
