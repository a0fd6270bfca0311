// Reading lots: a district's lots with their sizes and class mix and one lot, for the district's
// officers and inspector; the lot of a building, shaped for its owners.
import { createRoute, z } from '@hono/zod-openapi';
import { districtLots, lotOfBuilding } from '../../db/lots/repository.ts';
import { ownerView } from '../../domain/lots/views.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { assertDistrict, json, LotOwnerSchema, LotSchema, READER_ROLES, scopedLot } from './common.ts';

export const readRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listLots',
      path: '/lots',
      tags: ['lots'],
      summary:
        "The district's lots by number, each with its buildings, apartments, class mix and state (council and inspector of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...READER_ROLES)] as const,
      request: { query: z.object({ districtId: z.uuid() }) },
      responses: {
        200: { description: 'The lots', content: json(z.array(LotSchema)) },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { districtId } = c.req.valid('query');
      assertDistrict(c.var.principal, districtId);
      return c.json(await districtLots(emOf(c), districtId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getLot',
      path: '/lots/{id}',
      tags: ['lots'],
      summary:
        'One lot with its buildings, apartments, class mix and state (council and inspector of its district, admin)',
      security: bearer,
      middleware: [requireRoles(...READER_ROLES)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The lot', content: json(LotSchema) },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await scopedLot(c, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getBuildingLot',
      path: '/buildings/{id}/lot',
      tags: ['lots'],
      summary:
        "The lot a building is in, as its owners read it: where its approval and the choice of its organization stand, without the offers being voted on (whoever may see the building: its owners, its organization, the district's council and inspector, admin)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The lot', content: json(LotOwnerSchema) },
        // Most buildings are in no lot until the council forms them: an answer, not an error.
        204: { description: 'The building is in no lot (yet)' },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      const lot = await lotOfBuilding(emOf(c), id);
      if (!lot) return c.body(null, 204);
      return c.json(ownerView(lot), 200);
    },
  );
