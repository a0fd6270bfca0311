// A building's debtors and its collection rate by month, for the staff overseeing the building:
// who owes contributions past their due day, for how many months, their penalties and electricity
// block; and what share of each month's contributions came in, by now and by the due day.
import { createRoute } from '@hono/zod-openapi';
import { collectionOf, debtorsOf } from '../../db/billing/standing.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems } from '../openapi.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { monthRange, STAFF } from './common.ts';
import { BuildingParam, CollectionSchema, DebtorListSchema, PageQuery, StatementQuery } from './schemas.ts';

const tags = ['billing'];
const WHO = 'management_company of the building, council and inspector of its district, admin';

export const debtorRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/buildings/{buildingId}/debtors',
      operationId: 'listBuildingDebtors',
      tags,
      summary: `The building's owners with contributions unpaid past their due day, the largest debt first: apartment, owner, personal account, overdue amount and months, penalties, electricity block (${WHO})`,
      security: bearer,
      middleware: [requireRoles(...STAFF)] as const,
      request: { params: BuildingParam, query: PageQuery },
      responses: {
        200: {
          description: 'A page of debtors',
          content: { 'application/json': { schema: DebtorListSchema } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      await assertBuildingVisible(c, buildingId);
      const { policy } = c.var.deps.config.billing;
      return c.json(
        await debtorsOf(emOf(c), buildingId, tashkentDate(Date.now()), policy, c.req.valid('query')),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/buildings/{buildingId}/collection',
      operationId: 'getBuildingCollection',
      tags,
      summary: `The building's contributions by month: charged, paid by now, paid by the due day, and the collection rate (${WHO}). Default months as the statement's`,
      security: bearer,
      middleware: [requireRoles(...STAFF)] as const,
      request: { params: BuildingParam, query: StatementQuery },
      responses: {
        200: {
          description: 'The collection by month',
          content: { 'application/json': { schema: CollectionSchema } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      await assertBuildingVisible(c, buildingId);
      const { from, to } = await monthRange(c, buildingId, c.req.valid('query'));
      return c.json(await collectionOf(emOf(c), buildingId, from, to, c.var.deps.config.billing.policy), 200);
    },
  );
