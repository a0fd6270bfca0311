// A resident's own accounts and their movements, and a building's account statement for the
// staff overseeing it, as JSON and as the CSV a person downloads.
import { createRoute, z } from '@hono/zod-openapi';
import { accountsOfPerson, movementsOfPerson } from '../../db/billing/owner-views.ts';
import { buildingStatement } from '../../db/billing/statement.ts';
import { statementExportRows } from '../../domain/billing/statement-export.ts';
import type { MovementView } from '../../domain/billing/views.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf, personOf } from '../context.ts';
import { CSV_CELLS, csvAnswer } from '../csv.ts';
import { requestLanguage } from '../language.ts';
import { bearer, createRouter, problems } from '../openapi.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { monthRange, STAFF } from './common.ts';
import {
  AccountsSchema,
  BuildingParam,
  PageQuery,
  StatementCsvQuery,
  StatementQuery,
  StatementSchema,
} from './schemas.ts';

const tags = ['billing'];

const STATEMENT_WHO = 'management_company of the building, council and inspector of its district, admin';
const STATEMENT_RANGE = 'Default: from the first booked month (at most 11 months back) to this month';

/** The statement of a building the caller may see (scope before any read), for the months asked. */
async function statementOf(c: Ctx, buildingId: string, range: { from?: string; to?: string }) {
  await assertBuildingVisible(c, buildingId);
  const { from, to } = await monthRange(c, buildingId, range);
  return buildingStatement(emOf(c), buildingId, from, to);
}

const MovementListSchema = z
  .object({
    items: z.array(z.custom<MovementView>().openapi({ type: 'object' })),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .openapi('MovementList');

export const accountRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/me/accounts',
      operationId: 'listMyAccounts',
      tags,
      summary:
        "The caller's own accounts (their share of each apartment), with personal account numbers, balances, overdue contributions and penalties through today, and the caller's electricity block (resident; only their own)",
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      responses: {
        200: { description: 'The accounts', content: { 'application/json': { schema: AccountsSchema } } },
        ...problems(401, 403),
      },
    }),
    async (c) =>
      c.json(
        await accountsOfPerson(
          emOf(c),
          personOf(c),
          tashkentDate(Date.now()),
          c.var.deps.config.billing.policy,
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/me/movements',
      operationId: 'listMyMovements',
      tags,
      summary:
        "Charges, payments, penalties and corrections on the caller's own accounts, newest first (resident; only their own)",
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      request: { query: PageQuery },
      responses: {
        200: {
          description: 'A page of movements',
          content: { 'application/json': { schema: MovementListSchema } },
        },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => c.json(await movementsOfPerson(emOf(c), personOf(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/buildings/{buildingId}/statement',
      operationId: 'getBuildingStatement',
      tags,
      summary: `The building account's statement by month: income by kind, expenses, balance (${STATEMENT_WHO}). ${STATEMENT_RANGE}`,
      security: bearer,
      middleware: [requireRoles(...STAFF)] as const,
      request: { params: BuildingParam, query: StatementQuery },
      responses: {
        200: { description: 'The statement', content: { 'application/json': { schema: StatementSchema } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      return c.json(await statementOf(c, buildingId, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/buildings/{buildingId}/statement.csv',
      operationId: 'exportBuildingStatement',
      tags,
      summary: `The building account's statement by month as CSV, to open in a spreadsheet (${STATEMENT_WHO}). ${STATEMENT_RANGE}`,
      description: `${CSV_CELLS} One row per month. Headers and months in the language of \`lang\`, else of Accept-Language, else Uzbek; amounts in so'm with two decimals and a point (the currency in the header).`,
      security: bearer,
      middleware: [requireRoles(...STAFF)] as const,
      request: { params: BuildingParam, query: StatementCsvQuery },
      responses: {
        200: {
          description: 'CSV, UTF-8 with a header row',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      // Its `lang` is read by requestLanguage; statementOf takes the months only.
      const s = await statementOf(c, buildingId, c.req.valid('query'));
      return csvAnswer(
        c,
        statementExportRows(s, requestLanguage(c)),
        `building-account-${s.buildingId}-${s.from}-${s.to}.csv`,
      );
    },
  );
