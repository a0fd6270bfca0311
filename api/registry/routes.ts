// Registry read endpoints. Roles: any role reads districts; any role but developer reads the
// buildings in its scope (resident: where they own; management company: what it manages; council
// and inspector: their district; admin: all); apartment lists are for staff roles; "my
// apartments" for residents.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  getBuildingInScope,
  getDistrict,
  listApartments,
  listBuildingsJson,
  listDistricts,
  listMyApartments,
} from '../../db/registry/repository.ts';
import { buildingScopeOf } from '../../domain/access/roles.ts';
import { CONDITION_CLASSES } from '../../domain/registry/types.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { sqlOf } from '../context.ts';
import { bearer, createRouter, jsonText, PageQuery, problems, UuidParam } from '../openapi.ts';
import { forbidden, notFound } from '../problem.ts';
import type { AppEnv } from '../types.ts';
import { classificationAuditRoutes } from './audit.ts';
import { conditionMeterRoutes } from './condition-meter-routes.ts';
import { conditionRoutes } from './condition-routes.ts';
import { conditionSiteRoutes } from './condition-site-routes.ts';
import { importRoutes } from './import-routes.ts';
import {
  ApartmentPage,
  BuildingPage,
  BuildingSchema,
  DistrictPage,
  DistrictSchema,
  MeSchema,
  MyApartmentSchema,
} from './schemas.ts';
import { assertBuildingVisible } from './visibility.ts';

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
});

const em = (c: Context<AppEnv>) => c.var.deps.orm.em.fork();

export const registryRoutes = createRouter()
  .route('/', classificationAuditRoutes)
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getMe',
      path: '/me',
      tags: ['registry'],
      summary: 'The signed-in caller (any role)',
      security: bearer,
      // A developer signs commissioning acts with a key kept under its user id.
      middleware: [requireRoles(...ANY_ROLE, 'developer')] as const,
      responses: { ...json(MeSchema, 'The caller'), ...problems(401) },
    }),
    (c) => {
      const p = c.var.principal;
      return c.json(
        {
          userId: p.userId,
          personId: p.personId,
          name: p.name,
          roles: p.roles,
          organizationId: p.organizationId,
          districtId: p.districtId,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listDistricts',
      path: '/districts',
      tags: ['registry'],
      summary: 'Districts with their councils (any role)',
      security: bearer,
      // A developer names the district its new building is in.
      middleware: [requireRoles(...ANY_ROLE, 'developer')] as const,
      request: { query: PageQuery },
      responses: { ...json(DistrictPage, 'A page of districts'), ...problems(400, 401) },
    }),
    async (c) => c.json(await listDistricts(em(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getDistrict',
      path: '/districts/{id}',
      tags: ['registry'],
      summary: 'One district (any role)',
      security: bearer,
      // As the list: a developer names the district its new building is in.
      middleware: [requireRoles(...ANY_ROLE, 'developer')] as const,
      request: { params: UuidParam },
      responses: { ...json(DistrictSchema, 'The district'), ...problems(400, 401, 404) },
    }),
    async (c) => {
      const district = await getDistrict(em(c), c.req.valid('param').id);
      if (!district) throw notFound('no such district');
      return c.json(district, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listBuildings',
      path: '/buildings',
      tags: ['registry'],
      summary: "Buildings in the caller's scope (any role but developer, scoped)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: {
        query: PageQuery.extend({
          districtId: z.uuid().optional(),
          conditionClass: z.enum(CONDITION_CLASSES).optional(),
        }),
      },
      responses: { ...json(BuildingPage, 'A page of buildings'), ...problems(400, 401) },
    }),
    async (c) => {
      const scope = buildingScopeOf(c.var.principal);
      return jsonText(c, await listBuildingsJson(sqlOf(c), scope, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getBuilding',
      path: '/buildings/{id}',
      tags: ['registry'],
      summary: 'One building with its registry data and condition class (any role but developer, scoped)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { ...json(BuildingSchema, 'The building'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const building = await getBuildingInScope(
        sqlOf(c),
        buildingScopeOf(c.get('principal')),
        c.req.valid('param').id,
      );
      if (!building) throw notFound('no such building');
      if (building === 'outside') throw forbidden('this building is outside your scope');
      return jsonText(c, building, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listBuildingApartments',
      path: '/buildings/{id}/apartments',
      tags: ['registry'],
      summary: 'Apartments of a building (management_company, council, inspector, admin; scoped)',
      security: bearer,
      middleware: [requireRoles('management_company', 'council', 'inspector', 'admin')] as const,
      request: { params: UuidParam, query: PageQuery },
      responses: { ...json(ApartmentPage, 'A page of apartments'), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      return c.json(await listApartments(em(c), id, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listMyApartments',
      path: '/me/apartments',
      tags: ['registry'],
      summary: "The caller's own apartments with their shares (resident)",
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      responses: { ...json(z.array(MyApartmentSchema), 'Apartments the caller owns'), ...problems(401, 403) },
    }),
    async (c) => {
      const personId = c.var.principal.personId;
      if (!personId) throw forbidden('the token names no person');
      return c.json(await listMyApartments(em(c), personId), 200);
    },
  )
  // Building condition: assessments and classification, land plot and solar, meters.
  .route('/', conditionRoutes)
  .route('/', conditionSiteRoutes)
  .route('/', conditionMeterRoutes)
  // Bulk import of buildings, apartments and owners from CSV.
  .route('/', importRoutes);
