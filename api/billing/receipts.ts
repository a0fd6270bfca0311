// Receipts: the resident's own, one receipt with its snapshot, its PDF in uz/ru/en, and a
// building's receipts for the staff overseeing it.
import { createRoute } from '@hono/zod-openapi';
import { receiptById, receiptsOfBuilding, receiptsOfPerson } from '../../db/billing/receipt-views.ts';
import { renderReceiptPdf } from '../../platform/billing/receipt-pdf.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf, personOf } from '../context.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { notFound } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { assertReceiptVisible, STAFF } from './common.ts';
import {
  BuildingParam,
  BuildingReceiptsQuery,
  PageQuery,
  PdfQuery,
  ReceiptListSchema,
  ReceiptSchema,
} from './schemas.ts';

const tags = ['billing'];

async function visibleReceipt(c: Ctx, id: string) {
  const r = await receiptById(emOf(c), id);
  if (!r) throw notFound('no such receipt');
  await assertReceiptVisible(c, r);
  return r;
}

export const receiptRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/me/receipts',
      operationId: 'listMyReceipts',
      tags,
      summary: "The caller's own monthly receipts, newest month first (resident; only their own)",
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      request: { query: PageQuery },
      responses: {
        200: {
          description: 'A page of receipts',
          content: { 'application/json': { schema: ReceiptListSchema } },
        },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => c.json(await receiptsOfPerson(emOf(c), personOf(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/buildings/{buildingId}/receipts',
      operationId: 'listBuildingReceipts',
      tags,
      summary:
        "A building's receipts, optionally of one month (management_company of the building, council and inspector of its district, admin)",
      security: bearer,
      middleware: [requireRoles(...STAFF)] as const,
      request: { params: BuildingParam, query: BuildingReceiptsQuery },
      responses: {
        200: {
          description: 'A page of receipts',
          content: { 'application/json': { schema: ReceiptListSchema } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      await assertBuildingVisible(c, buildingId);
      const { period, ...page } = c.req.valid('query');
      return c.json(await receiptsOfBuilding(emOf(c), buildingId, period, page), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/receipts/{id}',
      operationId: 'getReceipt',
      tags,
      summary:
        'A receipt with its stored snapshot (its owner as resident; the staff overseeing its building: management_company, council, inspector, admin)',
      security: bearer,
      middleware: [requireRoles('resident', ...STAFF)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The receipt', content: { 'application/json': { schema: ReceiptSchema } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { personId: _, ...view } = await visibleReceipt(c, c.req.valid('param').id);
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/receipts/{id}/pdf',
      operationId: 'getReceiptPdf',
      tags,
      summary:
        'The receipt as a PDF in uz, ru or en, with the QR code of its payment page (same readers as the receipt)',
      security: bearer,
      middleware: [requireRoles('resident', ...STAFF)] as const,
      request: { params: UuidParam, query: PdfQuery },
      responses: {
        200: {
          description: 'The PDF; X-Content-SHA256 names the snapshot it was drawn from',
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const r = await visibleReceipt(c, c.req.valid('param').id);
      const { lang } = c.req.valid('query');
      const pdf = await renderReceiptPdf(r.snapshot, r.contentSha256, lang);
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="receipt-${r.number}-${lang}.pdf"`,
        'X-Content-SHA256': r.contentSha256,
        'Cache-Control': 'private, no-store',
      });
    },
  );
