// The council's board: figures per organization and the export of the filtered list as CSV.
import { createRoute } from '@hono/zod-openapi';
import { stringify } from 'csv-stringify/sync';
import { districtBoard, listAppeals } from '../../db/appeals/views.ts';
import { hasRole } from '../../domain/access/roles.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems } from '../openapi.ts';
import { forbidden } from '../problem.ts';
import { BoardQuery, BoardSchema, ListQuery } from './schemas.ts';

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
      return c.json(await districtBoard(emOf(c), districtId), 200);
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
      security: bearer,
      middleware: [requireRoles('management_company', ...BOARD_ROLES)] as const,
      request: { query: ListQuery },
      responses: { 200: { description: 'CSV, UTF-8 with a header row' }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { page: _p, pageSize: _s, ...filter } = c.req.valid('query');
      const { items } = await listAppeals(emOf(c), c.var.principal, filter, { all: true });
      const csv = stringify(
        items.map((a) => ({
          registration_number: a.registrationNumber,
          category: a.category,
          kind: a.kind,
          status: a.status,
          level: a.level,
          responsible: a.responsible.name,
          received_at: a.receivedAt,
          due_last_day: a.dueLastDay,
          overdue: a.overdue ? 'yes' : 'no',
          answered_at: a.answeredAt ?? '',
        })),
        {
          header: true,
          columns: [
            'registration_number',
            'category',
            'kind',
            'status',
            'level',
            'responsible',
            'received_at',
            'due_last_day',
            'overdue',
            'answered_at',
          ],
        },
      );
      return c.body(`\ufeff${csv}`, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="appeals.csv"',
      });
    },
  );
