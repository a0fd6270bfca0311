// Lots (docs/domain/lots.md), mounted under /api/v1: the council officer of a district gets the
// proposed partition of its free buildings, saves it as draft lots and moves buildings between
// them (a move that breaks a rule is 422 naming it); an owner reads the lot of a building.
import { createRoute, z } from '@hono/zod-openapi';
import {
  lotOfBuilding,
  moveBuildingToLot,
  proposeForDistrict,
  saveDraftLots,
} from '../../db/lots/repository.ts';
import { hasRole, type Principal } from '../../domain/access/roles.ts';
import type { LotRuleCode } from '../../domain/lots/errors.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { IdempotencyHeader } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, notFound } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { ruleProblems } from '../rule-problem.ts';

const { ruled } = ruleProblems<LotRuleCode>(
  {
    not_found: 404,
    forbidden: 403,
    wrong_state: 409,
    invalid: 400,
    // The partition is well-formed but breaks a rule of the lots: the reason names the rule.
    violations: 422,
    window_closed: 409,
    idempotency_conflict: 409,
  },
  'lots',
);

const OFFICER_ROLES = ['council', 'admin'] as const;

/** A council officer acts for their own district only; an admin for any. */
function assertDistrict(p: Principal, districtId: string) {
  if (!hasRole(p, 'admin') && p.districtId !== districtId)
    throw forbidden('this district is outside your scope');
}

const Mix = z.object({ green: z.number(), yellow: z.number(), red: z.number(), unassessed: z.number() });
const ProposalSchema = z
  .object({
    feasible: z.boolean(),
    alreadyInLots: z.number().int(),
    lots: z.array(z.object({ buildingIds: z.array(z.uuid()), apartments: z.number().int(), mix: Mix })),
  })
  .openapi('LotProposal');
const LotSchema = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    number: z.number().int(),
    buildingIds: z.array(z.uuid()),
    apartments: z.number().int(),
    state: z.object({ version: z.number().int(), approval: z.string(), selection: z.string() }).passthrough(),
  })
  .openapi('Lot');
const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema } });
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

export const lotsRoutes = createRouter()
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
        ...problems(400, 401, 403, 404, 422),
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
        'Move a building into this lot from the lot that holds it; both must be editable drafts and still meet the rules (council of the district, admin)',
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: MoveBody } } },
      },
      responses: {
        200: { description: 'The two lots as the move left them', content: json(z.array(LotSchema)) },
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { buildingId } = c.req.valid('json');
      const p = c.var.principal;
      const [target] = await emOf(c).execute<{ districtId: string }[]>(
        'select district_id as "districtId" from lot where id = ?',
        [id],
      );
      if (!target) throw notFound('no such lot');
      assertDistrict(p, target.districtId);
      const key = c.req.valid('header')['idempotency-key'];
      const lots = await ruled(
        moveBuildingToLot(emOf(c), {
          buildingId,
          toLotId: id,
          policy: c.var.deps.config.lots.policy,
          requestId: `${p.userId}:${key}`,
          actorUserId: p.userId,
          now: new Date(),
        }),
      );
      return c.json(lots, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getBuildingLot',
      path: '/buildings/{id}/lot',
      tags: ['lots'],
      summary:
        "The lot a building is in (whoever may see the building: its owners, its organization, the district's council and inspector, admin)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The lot', content: json(LotSchema) },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      const lot = await lotOfBuilding(emOf(c), id);
      if (!lot) throw notFound('the building is in no lot');
      return c.json(lot, 200);
    },
  );
