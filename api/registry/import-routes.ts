// Bulk import of buildings, apartments and owners from CSV, and the report of each run. Roles:
// admin for any district; council only for rows of its own district (a file with any other
// district's row is refused whole, naming those rows). The body is the CSV itself, up to 20 MiB
// (api/app.ts gives this path its own body limit). No Idempotency-Key: importing a file again
// changes nothing, so a retried POST is harmless.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getImportRun, runImport } from '../../db/registry/import.ts';
import { isUuid } from '../../db/sql.ts';
import { hasRole } from '../../domain/access/roles.ts';
import { IMPORT_KINDS } from '../../domain/registry/import-fields.ts';
import { requireRoles } from '../auth/middleware.ts';
import { decodedHeader } from '../input.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem, notFound, problemsCount } from '../problem.ts';
import type { AppEnv } from '../types.ts';

/** Where request bodies may be larger than the API's general limit (see api/app.ts). */
export const IMPORT_PATH_PREFIX = '/api/v1/imports/';
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

const ImportError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });

const Imported = z
  .object({
    id: z.uuid(),
    status: z.literal('imported'),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  })
  .openapi('ImportResult');

const ImportRunSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(IMPORT_KINDS),
    filename: z.string(),
    status: z.enum(['imported', 'rejected']),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.array(ImportError),
    createdByUserId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi('ImportRun');

const KindParam = z.object({
  kind: z.enum(IMPORT_KINDS).openapi({ param: { name: 'kind', in: 'path' }, example: 'buildings' }),
});

const ImportHeaders = z.object({
  'x-filename': z
    .string()
    .max(600)
    .optional()
    .openapi({ description: 'The file name, URI-encoded, kept in the report', example: 'binolar.csv' }),
});

type Ctx = Context<AppEnv>;

async function readCsvBody(c: Ctx): Promise<Uint8Array> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const [media, ...params] = type.split(';').map((s) => s.trim());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  if (media !== 'text/csv' || (charset && charset !== 'utf-8')) {
    throw new HttpProblem(400, 'the body must be a CSV file: Content-Type text/csv, UTF-8', {
      errors: [{ field: 'header.content-type', message: `is ${type || 'missing'}, not text/csv` }],
    });
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > IMPORT_MAX_BYTES) throw new HttpProblem(413, `the file exceeds ${IMPORT_MAX_BYTES} bytes`);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > IMPORT_MAX_BYTES)
    throw new HttpProblem(413, `the file exceeds ${IMPORT_MAX_BYTES} bytes`);
  if (bytes.byteLength === 0)
    throw new HttpProblem(400, 'the file is empty', { errors: [{ field: 'body', message: 'empty' }] });
  return bytes;
}

function filenameOf(header: string | undefined, kind: string): string {
  return header ? decodedHeader(header, 'header.x-filename') : `${kind}.csv`;
}

const rowErrors = (errors: { row: number; field: string; message: string }[]) =>
  errors.map((e) => ({ field: `row ${e.row}: ${e.field}`, message: e.message }));

export const importRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'importRegistryCsv',
      path: '/imports/{kind}',
      tags: ['registry'],
      summary:
        "Import buildings, apartments or owners from CSV, all or nothing, by natural key (admin; council for its own district's rows)",
      description:
        'The body is the CSV file (text/csv, UTF-8, comma or semicolon separated, header row first; at most 20 MiB). ' +
        'Rows are counted as a spreadsheet shows them: the header is row 1. A refused file is a problem+json ' +
        'whose `errors` name each row and column as `row 7: floors`, with the run `id` to read its report.',
      security: bearer,
      middleware: [requireRoles('admin', 'council')] as const,
      request: {
        params: KindParam,
        headers: ImportHeaders,
        body: { required: true, content: { 'text/csv': { schema: z.string() } } },
      },
      responses: {
        200: { description: 'Imported', content: { 'application/json': { schema: Imported } } },
        ...problems(400, 401, 403),
        413: { description: 'Larger than 20 MiB' },
        422: { description: 'Rows the rules refuse: nothing was written; `errors` names each' },
      },
    }),
    async (c) => {
      const { kind } = c.req.valid('param');
      const p = c.var.principal;
      const admin = hasRole(p, 'admin');
      if (!admin && !p.districtId) throw forbidden('the token names no district for this council');
      const filename = filenameOf(c.req.valid('header')['x-filename'], kind);
      const bytes = await readCsvBody(c);
      const report = await runImport(c.var.deps.orm.em.fork(), {
        kind,
        filename,
        bytes,
        userId: isUuid(p.userId) ? p.userId : null,
        districtId: admin ? null : p.districtId,
      });
      if (report.status === 'imported') return c.json(report, 200);
      const extensions = { id: report.id, status: report.status, rows: report.rows };
      if (report.reason === 'file') {
        throw new HttpProblem(400, report.errors[0]!.message, {
          errors: [{ field: 'body', message: report.errors[0]!.message }],
          extensions,
        });
      }
      if (report.reason === 'forbidden') {
        throw new HttpProblem(403, "the file has rows of another district than the council's", {
          errors: rowErrors(report.errors),
          extensions,
        });
      }
      throw new HttpProblem(422, `${problemsCount(report.errors.length)} in the file; nothing was imported`, {
        errors: rowErrors(report.errors),
        extensions,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getImportRun',
      path: '/import-runs/{id}',
      tags: ['registry'],
      summary: 'The report of one import run (admin; council for the runs it started)',
      security: bearer,
      middleware: [requireRoles('admin', 'council')] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The run', content: { 'application/json': { schema: ImportRunSchema } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const run = await getImportRun(c.var.deps.orm.em.fork(), c.req.valid('param').id);
      if (!run) throw notFound('no such import run');
      const p = c.var.principal;
      if (!hasRole(p, 'admin') && run.createdByUserId !== p.userId) {
        throw forbidden('a council reads the reports of its own imports');
      }
      return c.json(run, 200);
    },
  );
