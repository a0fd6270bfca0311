// The council's board: figures per organization and the export of the filtered list as CSV.
import { createRoute } from '@hono/zod-openapi';
import { districtBoard, listAppeals } from '../../db/appeals/views.ts';
import { hasRole } from '../../domain/access/roles.ts';
import { appealsExportRows } from '../../domain/appeals/export.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf, sqlOf } from '../context.ts';
import { CSV_CELLS, csvAnswer } from '../csv.ts';
import { requestLanguage } from '../language.ts';
import { bearer, createRouter, problems } from '../openapi.ts';
import { forbidden } from '../problem.ts';
import { BoardQuery, BoardSchema, ExportQuery } from './schemas.ts';

const BOARD_ROLES = ['council', 'inspector', 'admin'] as const;

export const boardRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getAppealsBoard',
      path: '/appeals/board',
      tags: ['appeals'],
      summary:
        "A district's appeals by status and each organization's figures: share answered in time, median time to answer (council and inspector of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...BOARD_ROLES)] as const,
      request: { query: BoardQuery },
      responses: {
        200: { description: 'The figures', content: { 'application/json': { schema: BoardSchema } } },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const { districtId } = c.req.valid('query');
      const p = c.var.principal;
      if (!hasRole(p, 'admin') && p.districtId !== districtId)
        throw forbidden('this district is outside your scope');
      return c.json(await districtBoard(sqlOf(c), districtId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'exportAppeals',
      path: '/appeals/export.csv',
      tags: ['appeals'],
      summary:
        'The appeals the caller may see, filtered as the list, as CSV (management_company, council, inspector, admin)',
      description: `${CSV_CELLS} Headers, categories, kinds, statuses and levels in the language of \`lang\`, else of Accept-Language, else Uzbek; times are Tashkent wall-clock time (YYYY-MM-DD HH:MM), days YYYY-MM-DD; an appeal received outside office hours shows its registration on the next working day.`,
      security: bearer,
      middleware: [requireRoles('management_company', ...BOARD_ROLES)] as const,
      request: { query: ExportQuery },
      responses: { 200: { description: 'CSV, UTF-8 with a header row' }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { page: _p, pageSize: _s, lang: _l, ...filter } = c.req.valid('query');
      const { items } = await listAppeals(emOf(c), c.var.principal, filter, { all: true });
      return csvAnswer(c, appealsExportRows(items, requestLanguage(c)), 'appeals.csv');
    },
  );
