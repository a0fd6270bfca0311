// Bank statements of a building's dedicated account and the queue of the payments no purpose
// matched. The management company administering the building (or an admin) uploads and assigns;
// the council and inspector of its district read the queue. The statement's column layout is in
// docs/domain/billing.md ("Bank statements").
import { createRoute } from '@hono/zod-openapi';
import { assignLine, bankLineBuilding, unmatchedPayments } from '../../db/billing/bank-queue.ts';
import { importStatement, readStatement } from '../../db/billing/bank-statements.ts';
import { type FileEncoding, FileProblem } from '../../db/csv-file.ts';
import { isUuid } from '../../db/sql.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { IdempotencyHeader, idempotencyConflict, requestHash } from '../idempotency.ts';
import { decodedHeader } from '../input.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { HttpProblem, notFound, problemsCount } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import {
  AssignedSchema,
  AssignmentBody,
  StatementHeaders,
  StatementImportSchema,
  UnmatchedListSchema,
} from './bank-schemas.ts';
import { STAFF } from './common.ts';
import { BuildingParam } from './schemas.ts';

const tags = ['billing'];
const WRITERS = ['management_company', 'admin'] as const;

/** The upload path, which api/app.ts gives its own body limit (BANK_STATEMENT_MAX_BYTES). */
export const BANK_STATEMENT_PATH = /^\/api\/v1\/billing\/buildings\/[^/]+\/bank-statements$/;

async function readFile(c: Ctx): Promise<{ bytes: Uint8Array; encoding: FileEncoding }> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const [media, ...params] = type.split(';').map((s) => s.trim());
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  const encoding =
    charset === undefined || charset === 'utf-8' ? 'utf-8' : charset === 'windows-1251' ? charset : null;
  if (media !== 'text/csv' || encoding === null)
    throw new HttpProblem(
      415,
      'the body must be the statement as CSV: Content-Type text/csv, UTF-8 or windows-1251',
      {
        errors: [{ field: 'header.content-type', message: `is ${type || 'missing'}, not text/csv` }],
      },
    );
  const max = c.var.deps.config.billing.bankStatementMaxBytes;
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > max) throw new HttpProblem(413, `the file exceeds ${max} bytes`);
  if (bytes.byteLength === 0)
    throw new HttpProblem(400, 'the file is empty', { errors: [{ field: 'body', message: 'empty' }] });
  return { bytes, encoding };
}

export const bankStatementRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/billing/buildings/{buildingId}/bank-statements',
      operationId: 'importBankStatement',
      tags,
      summary:
        "Import a bank statement of the building's account, all lines or none; owners' payments matched by purpose are posted, the rest queued (management_company administering the building, admin)",
      description:
        'The body is the CSV file (text/csv, UTF-8 or `charset=windows-1251`; `;` or `,` separated; decimal comma or point; ' +
        'at most BANK_STATEMENT_MAX_BYTES, 5 MiB by default). A header row names the columns, in any order, in English, ' +
        "Russian or Uzbek: `date` (YYYY-MM-DD or DD.MM.YYYY, not after today in Tashkent), `amount` (so'm, negative when money left the account) or " +
        'both `debit` and `credit`, `payer` (the counterparty), optional `account` (its bank account), `purpose`, ' +
        "`reference` (the bank's document number). One bad line refuses the whole file with 422, nothing written, " +
        'each problem named as `row 7: amount` (the header is row 1). Uploading the same file again answers the first ' +
        'import (`status: already_imported`) and changes nothing, so no Idempotency-Key is needed; lines an earlier ' +
        'overlapping statement already brought are skipped and counted as `duplicates`.',
      security: bearer,
      middleware: [requireRoles(...WRITERS)] as const,
      request: {
        params: BuildingParam,
        headers: StatementHeaders,
        body: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
      },
      responses: {
        201: { description: 'Imported', content: { 'application/json': { schema: StatementImportSchema } } },
        200: {
          description: 'This file was imported before: its import',
          content: { 'application/json': { schema: StatementImportSchema } },
        },
        ...problems(400, 401, 403, 404, 409, 422),
        413: { description: 'Larger than BANK_STATEMENT_MAX_BYTES' },
        415: { description: 'Not text/csv in UTF-8 or windows-1251' },
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      await assertBuildingVisible(c, buildingId);
      const header = c.req.valid('header')['x-filename'];
      const filename = header ? decodedHeader(header, 'header.x-filename').slice(0, 300) : 'statement.csv';
      const { bytes, encoding } = await readFile(c);
      let read: ReturnType<typeof readStatement>;
      try {
        read = readStatement(bytes, encoding, tashkentDate(Date.now()));
      } catch (err) {
        if (err instanceof FileProblem)
          throw new HttpProblem(400, err.message, { errors: [{ field: 'body', message: err.message }] });
        throw err;
      }
      if (!read.ok)
        throw new HttpProblem(
          422,
          `${problemsCount(read.errors.length)} in the statement; nothing was imported`,
          {
            errors: read.errors.map((e) => ({ field: `row ${e.row}: ${e.field}`, message: e.message })),
          },
        );
      const userId = c.var.principal.userId;
      const result = await importStatement(emOf(c), {
        buildingId,
        filename,
        bytes,
        lines: read.lines,
        userId: isUuid(userId) ? userId : null,
        policy: c.var.deps.config.billing.policy,
      });
      if (result.outcome === 'not_registered')
        throw new HttpProblem(409, 'the building is not registered for billing: register its account first');
      if (result.outcome === 'rejected') throw new Error('unreachable: lines were checked before');
      const { report } = result;
      return c.json({ ...report, status: result.outcome }, result.outcome === 'imported' ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/buildings/{buildingId}/unmatched-payments',
      operationId: 'listUnmatchedPayments',
      tags,
      summary:
        'Incoming bank statement lines no purpose matched, oldest first, with what each purpose suggests (management_company of the building, council and inspector of its district, admin)',
      security: bearer,
      middleware: [requireRoles(...STAFF)] as const,
      request: { params: BuildingParam },
      responses: {
        200: { description: 'The queue', content: { 'application/json': { schema: UnmatchedListSchema } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      await assertBuildingVisible(c, buildingId);
      return c.json({ items: await unmatchedPayments(emOf(c), buildingId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/billing/unmatched-payments/{id}/assignment',
      operationId: 'recordUnmatchedPaymentAssignment',
      tags,
      summary:
        "Assign an unmatched bank payment to an apartment: posted to its owner's account, oldest debt first (management_company administering the building, admin)",
      description:
        'When the apartment has several co-owners with their own accounts, `personalAccount` names the one that pays. ' +
        'A line already matched or assigned is 409; the same Idempotency-Key and body answer the first assignment.',
      security: bearer,
      middleware: [requireRoles(...WRITERS)] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: AssignmentBody } } },
      },
      responses: {
        201: {
          description: 'Assigned and posted',
          content: { 'application/json': { schema: AssignedSchema } },
        },
        200: {
          description: 'Replay of an earlier request with the same Idempotency-Key',
          content: { 'application/json': { schema: AssignedSchema } },
        },
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const buildingId = await bankLineBuilding(emOf(c), id);
      if (!buildingId) throw notFound('no such bank statement line');
      await assertBuildingVisible(c, buildingId);
      const body = c.req.valid('json');
      const userId = c.var.principal.userId;
      const result = await assignLine(emOf(c), {
        lineId: id,
        apartmentId: body.apartmentId,
        personalAccount: body.personalAccount,
        userId: isUuid(userId) ? userId : null,
        key: `${userId}:${c.req.valid('header')['idempotency-key']}`,
        requestSha256: await requestHash({ id, ...body }),
        policy: c.var.deps.config.billing.policy,
      });
      switch (result.outcome) {
        case 'conflict':
          throw idempotencyConflict('billing');
        case 'not_unmatched':
          throw new HttpProblem(409, `the line is ${result.status}, not waiting in the queue`, {
            errors: [{ field: 'id', message: `is ${result.status}` }],
            extensions: { code: 'billing.line_not_waiting' },
          });
        case 'refused':
          throw new HttpProblem(422, `${result.field} ${result.message}`, {
            errors: [{ field: `body.${result.field}`, message: result.message }],
          });
        default:
          return c.json(result.line, result.outcome === 'assigned' ? 201 : 200);
      }
    },
  );
