// The district's buildings as the lots' editor draws them, with the policy's minimum, so the
// council's browser checks a proposal's edits live by the rules the save applies again.
import { createRoute, z } from '@hono/zod-openapi';
import { districtBuildingsForLots } from '../../db/lots/district-buildings.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { assertDistrict, json, READER_ROLES } from './common.ts';

const BuildingsSchema = z
  .object({
    minApartments: z.number().int(),
    buildings: z.array(
      z.object({
        id: z.uuid(),
        address: z.string(),
        apartments: z.number().int(),
        conditionClass: z.enum(['green', 'yellow', 'red', 'unassessed']),
        lon: z.number().nullable(),
        lat: z.number().nullable(),
        outline: z
          .array(z.array(z.tuple([z.number(), z.number()])))
          .nullable()
          .openapi({
            description:
              "The land plot's outer rings as [lon, lat] pairs (GeoJSON, WGS 84); null with no plot",
          }),
        lotId: z.uuid().nullable(),
      }),
    ),
  })
  .openapi('LotDistrictBuildings');

export const districtBuildingRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    operationId: 'listDistrictLotBuildings',
    path: '/districts/{id}/lot-buildings',
    tags: ['lots'],
    summary:
      "The district's buildings with their apartments, condition class, land plot's centre and outline, and current lot, and the least apartments a lot may have (council and inspector of the district, admin)",
    security: bearer,
    middleware: [requireRoles(...READER_ROLES)] as const,
    request: { params: UuidParam },
    responses: {
      200: { description: 'The buildings', content: json(BuildingsSchema) },
      ...problems(400, 401, 403),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    assertDistrict(c.var.principal, id);
    return c.json(
      {
        minApartments: c.var.deps.config.lots.policy.minApartments,
        buildings: await districtBuildingsForLots(emOf(c), id),
      },
      200,
    );
  },
);
