// A lot's versions and the act of each approval. An approved lot is final: a change is a new
// version, a copy of the approved one that the officer edits and submits to the council again
// (api/lots/approval.ts). A version is approved by a council member's signature over the act of
// the decision (api/lots/approval.ts); the act of a version approved before approvals were signed
// can be signed here afterwards, once, over its exact bytes as the acts of completed works are.
import { createRoute, z } from '@hono/zod-openapi';
import {
  actSignedBy,
  decisionActOf,
  recordLotActSignature,
  reviseLot,
  versionsOf,
} from '../../db/lots/versions.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { IdempotencyHeader } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { notFound } from '../problem.ts';
import { SignBody, signableHtml, verifiedSignature } from '../signed-document.ts';
import { json, LotSchema, OFFICER_ROLES, READER_ROLES, ruled, scopedLot, signerOfCaller } from './common.ts';

const VersionSchema = z
  .object({
    version: z.number().int(),
    buildingCount: z.number().int(),
    apartments: z.number().int(),
    approvedAt: z.string().nullable(),
    decisionDocument: z
      .string()
      .nullable()
      .openapi({ description: 'sha256:<hex> of the act, once approved' }),
    remarks: z.string().nullable(),
    signature: z.object({ signerName: z.string(), signedAt: z.string() }).nullable(),
  })
  .openapi('LotVersion');
const VersionParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .openapi({ param: { name: 'version', in: 'path' } }),
});
const actPath = '/lots/{id}/versions/{version}/act';

/** The act of an approved version of a lot of the caller's district, or 404. */
async function visibleAct(c: Ctx) {
  const { id, version } = c.req.valid('param' as never) as { id: string; version: number };
  const lot = await scopedLot(c, id);
  const act = await decisionActOf(emOf(c), id, version);
  if (!act) throw notFound('this version has no act of approval (yet)');
  return { lot, version, act };
}

export const versionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'createLotVersion',
      path: '/lots/{id}/versions',
      tags: ['lots'],
      summary:
        'Open the next version of an approved lot as a draft: a copy of the approved one (its buildings, its programme) to edit and submit to the council again; the approved version stays in force until then (council of the district, admin)',
      security: bearer,
      middleware: [requireRoles(...OFFICER_ROLES)] as const,
      request: { params: UuidParam, headers: IdempotencyHeader },
      responses: {
        201: { description: 'The lot at its new version', content: json(LotSchema) },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await scopedLot(c, id);
      const p = c.var.principal;
      const lot = await ruled(
        reviseLot(emOf(c), {
          lotId: id,
          requestId: `revise:${p.userId}:${c.req.valid('header')['idempotency-key']}`,
          actorUserId: p.userId,
          now: new Date(),
        }),
      );
      return c.json(lot, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listLotVersions',
      path: '/lots/{id}/versions',
      tags: ['lots'],
      summary:
        "The lot's versions, oldest first, each with the council's remarks or its approval, the act's hash and who signed it (council and inspector of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...READER_ROLES)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The versions', content: json(z.array(VersionSchema)) },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await scopedLot(c, id);
      return c.json(await versionsOf(emOf(c), id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getLotDecisionAct',
      path: `${actPath}/document`,
      tags: ['lots'],
      summary:
        "The act of the council's decision approving a version: its exact bytes, the ones a council member signs (council and inspector of the district, admin)",
      security: bearer,
      middleware: [requireRoles(...READER_ROLES)] as const,
      request: { params: VersionParam },
      responses: {
        200: { description: 'The act', content: { 'text/html': { schema: { type: 'string' } } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      return signableHtml(c, (await visibleAct(c)).act);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'signLotDecisionAct',
      path: `${actPath}/signatures`,
      tags: ['lots'],
      summary:
        'Sign the act of a version approved before approvals were signed, over its exact bytes (an approval today is its signed act: 409 already_signed); one signature per act, the same request again is done already (a council member of the district)',
      security: bearer,
      middleware: [requireRoles('council')] as const,
      request: {
        params: VersionParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: SignBody } } },
      },
      responses: {
        200: { description: "The lot's versions after the signature", content: json(z.array(VersionSchema)) },
        ...problems(400, 401, 403, 404, 409),
        422: {
          description:
            'The signature was refused: `reason` is bad_signature, wrong_signer, document_changed, malformed, certificate_revoked or certificate_expired, or unverified',
          content: { 'application/problem+json': { schema: { type: 'object' as const } } },
        },
      },
    }),
    async (c) => {
      const { lot, version, act } = await visibleAct(c);
      const p = c.var.principal;
      const requestId = `${p.userId}:${c.req.valid('header')['idempotency-key']}`;
      if (await actSignedBy(emOf(c), requestId)) return c.json(await versionsOf(emOf(c), lot.id), 200);
      const body = c.req.valid('json');
      const result = await verifiedSignature(c, act, body, await signerOfCaller(c), 'lots.signature_refused');
      await ruled(
        recordLotActSignature(emOf(c), {
          lotId: lot.id,
          version,
          user: { id: p.userId, name: p.name },
          envelope: body.signature,
          verification: result,
          requestId,
        }),
      );
      return c.json(await versionsOf(emOf(c), lot.id), 200);
    },
  );
