// A building's land plot and solar installation, each replaced whole by PUT. Roles: inspectors of
// the building's district and admins write; anyone who may see the building reads.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getLandPlot, getSolar, putLandPlot, putSolar } from '../../db/registry/condition-site.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { assertBuildingWritable, conditionRule } from './condition-access.ts';
import { LandPlotBody, LandPlotSchema, SolarBody, SolarSchema } from './condition-schemas.ts';
import { assertBuildingVisible } from './visibility.ts';

const WRITERS = ['inspector', 'admin'] as const;
const em = (c: Context<AppEnv>) => c.var.deps.orm.em.fork();
const ok = <T>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
});
const jsonBody = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

export const conditionSiteRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      operationId: 'setLandPlot',
      path: '/buildings/{id}/land-plot',
      tags: ['registry'],
      summary: "Set the building's land plot (inspector of the building's district, admin)",
      security: bearer,
      middleware: [requireRoles(...WRITERS)] as const,
      request: { params: UuidParam, body: jsonBody(LandPlotBody) },
      responses: { ...ok(LandPlotSchema, 'The land plot as stored'), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingWritable(c, id, WRITERS);
      const plot = await conditionRule(() => putLandPlot(em(c), id, c.req.valid('json')));
      return c.json(plot, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getLandPlot',
      path: '/buildings/{id}/land-plot',
      tags: ['registry'],
      summary:
        "The building's land plot with its GeoJSON boundary (any role but developer, scoped; 404 when none)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { ...ok(LandPlotSchema, 'The land plot'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      const plot = await getLandPlot(em(c), id);
      if (!plot) throw notFound('no land plot is recorded for this building');
      return c.json(plot, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      operationId: 'setSolarInstallation',
      path: '/buildings/{id}/solar',
      tags: ['registry'],
      summary: "Set the building's solar installation (inspector of the building's district, admin)",
      security: bearer,
      middleware: [requireRoles(...WRITERS)] as const,
      request: { params: UuidParam, body: jsonBody(SolarBody) },
      responses: { ...ok(SolarSchema, 'The installation as stored'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingWritable(c, id, WRITERS);
      const body = c.req.valid('json');
      const solar = await conditionRule(() =>
        putSolar(em(c), id, { ...body, ownerName: body.ownerName ?? null }),
      );
      return c.json(solar, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getSolarInstallation',
      path: '/buildings/{id}/solar',
      tags: ['registry'],
      summary: "The building's solar installation (any role but developer, scoped; 404 when none)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { ...ok(SolarSchema, 'The installation'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      const solar = await getSolar(em(c), id);
      if (!solar) throw notFound('no solar installation is recorded for this building');
      return c.json(solar, 200);
    },
  );
