// Starting a contract, reading it and its documents, and the revenue it books per building.
import { createRoute } from '@hono/zod-openapi';
import { createContract, earlierContract } from '../../db/contracts/create.ts';
import { documentOf, type Lang } from '../../db/contracts/repository.ts';
import { revenueOfBuilding } from '../../db/contracts/tax.ts';
import { listContracts } from '../../db/contracts/views.ts';
import { renderContractPdf } from '../../platform/contracts/pdf.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf, temporalOf } from '../context.ts';
import { IdempotencyHeader, requestHash, uuidFor } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { notFound } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { ruled, startLifecycle, visibleContract } from './common.ts';
import {
  ContractListQuery,
  ContractListSchema,
  ContractViewSchema,
  CreateContractBody,
  DocumentQuery,
  RevenueSchema,
} from './schemas.ts';
import { assertMinimumTariff, resolveStart } from './start.ts';

const content = { 'application/json': { schema: ContractViewSchema } };

/** The named document of a contract the caller may read; by default the one up for signature, else the one in force. */
async function requestedDocument(c: Ctx, id: string, requested: string | undefined) {
  const { view } = await visibleContract(c, id);
  const sha = requested ?? view.pending?.documentSha256 ?? view.documentSha256;
  const doc = sha ? await documentOf(emOf(c), view.id, sha) : null;
  if (!sha || !doc) throw notFound('no such document of this contract');
  return { view, sha, doc };
}
const ANY_ROLE = ['resident', 'management_company', 'council', 'inspector', 'admin'] as const;

export const contractRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'startContract',
      path: '/contracts',
      tags: ['contracts'],
      summary:
        "Start a contract for signature: after a general-meeting decision (its representative, the chosen organization's staff, the district council) or directly for a lot (council of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: {
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: CreateContractBody } } },
      },
      responses: {
        201: { description: 'Stored with its document up for signature; its workflow started', content },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', content },
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const p = c.var.principal;
      temporalOf(c); // Before anything is stored: a contract without its workflow would never move.
      const idempotencyKey = `${p.userId}:${key}`;
      const requestSha256 = await requestHash(body);
      // A replay answers what was stored, even if the decision or the register changed since.
      const earlier = await ruled(earlierContract(emOf(c), idempotencyKey, requestSha256));
      const resolved = earlier ? null : await resolveStart(emOf(c), p, body);
      if (resolved)
        await assertMinimumTariff(
          emOf(c),
          c.var.deps.config.billing.policy.minimumTariffs,
          resolved.parameters,
          resolved.buildingIds,
        );
      const { id, created } = !resolved
        ? { id: earlier!, created: false }
        : await ruled(
            createContract(emOf(c), {
              ...resolved,
              id: await uuidFor(`contract|${p.userId}|${key}`),
              lang: body.lang as Lang,
              createdBy: { userId: p.userId, name: p.name },
              idempotencyKey,
              requestSha256,
              portalUrl: c.var.deps.config.portalUrl,
            }),
          );
      await startLifecycle(c, id);
      c.header('Location', `/api/v1/contracts/${id}`);
      return c.json((await visibleContract(c, id)).view, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listContracts',
      path: '/contracts',
      tags: ['contracts'],
      summary:
        'Contracts the caller may see: as a party, as staff, in the district, as an owner (any role but developer)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { query: ContractListQuery },
      responses: {
        200: {
          description: 'Up to 200, newest first',
          content: { 'application/json': { schema: ContractListSchema } },
        },
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json({ items: await listContracts(emOf(c), c.var.principal, q) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getContract',
      path: '/contracts/{id}',
      tags: ['contracts'],
      summary:
        "A contract with its signatures and timeline (its parties, the organization's staff, council and inspector of the district, owners of its buildings, admin)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: { 200: { description: 'The contract', content }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json((await visibleContract(c, c.req.valid('param').id)).view, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getContractDocument',
      path: '/contracts/{id}/document',
      tags: ['contracts'],
      summary: 'The exact bytes that are signed, as HTML (whoever may read the contract)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam, query: DocumentQuery },
      responses: {
        200: { description: 'The document', content: { 'text/html': { schema: { type: 'string' } } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { sha, doc } = await requestedDocument(c, c.req.valid('param').id, c.req.valid('query').sha256);
      return c.body(doc.html, 200, {
        'Content-Type': 'text/html; charset=utf-8',
        'X-Document-Sha256': sha,
        // Never executed in our origin: it is a document to read and sign, not a page. It replaces
        // the pages' policy (api/frame.ts), so it forbids framing itself.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getContractDocumentPdf',
      path: '/contracts/{id}/document.pdf',
      tags: ['contracts'],
      summary: 'The readable, printable copy of a document as PDF; the HTML is what is signed',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam, query: DocumentQuery },
      responses: {
        200: {
          description: 'The PDF',
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { view, doc } = await requestedDocument(c, c.req.valid('param').id, c.req.valid('query').sha256);
      const pdf = await renderContractPdf(doc.input, doc.lang);
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="${view.number}.pdf"`,
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getBuildingRevenue',
      path: '/buildings/{id}/revenue',
      tags: ['contracts'],
      summary:
        'Income from common-property contracts booked to the building by month (its organization, council and inspector of the district, admin)',
      security: bearer,
      middleware: [requireRoles('management_company', 'council', 'inspector', 'admin')] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'Entries by period', content: { 'application/json': { schema: RevenueSchema } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      await assertBuildingVisible(c, id);
      return c.json({ buildingId: id, entries: await revenueOfBuilding(emOf(c), id) }, 200);
    },
  );
