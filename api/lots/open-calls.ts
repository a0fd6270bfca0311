// The lots an organization may apply or bid for now, for the management company's lots page: the
// application window open or the council's competition published, in the districts where its
// organization manages buildings (an admin: every district's).
import { createRoute, z } from '@hono/zod-openapi';
import { openLots } from '../../db/lots/open-calls.ts';
import { hasRole } from '../../domain/access/roles.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems } from '../openapi.ts';
import { forbidden } from '../problem.ts';
import { json } from './common.ts';

const OpenLotSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    districtId: z.uuid(),
    districtName: z.string(),
    selection: z.enum(['applications', 'competition']),
    applicationsCloseAt: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'epoch ms; null in competition' }),
    apartments: z.number().int(),
    buildings: z.number().int(),
  })
  .openapi('OpenLot');

export const openCallRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    operationId: 'listOpenLots',
    path: '/lots/open',
    tags: ['lots'],
    summary:
      "Lots open to applications or in the council's competition, in the districts where the caller's organization manages buildings (management_company; admin: every district)",
    security: bearer,
    middleware: [requireRoles('management_company', 'admin')] as const,
    responses: {
      200: { description: 'The open lots', content: json(z.array(OpenLotSchema)) },
      ...problems(401, 403),
    },
  }),
  async (c) => {
    const p = c.var.principal;
    const admin = hasRole(p, 'admin');
    if (!admin && !p.organizationId) throw forbidden('you act for no management organization');
    return c.json(await openLots(emOf(c), admin ? null : p.organizationId, Date.now()), 200);
  },
);
