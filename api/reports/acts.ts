// The act of completed works of each submitted version: its exact bytes, for reading and signing,
// and the signatures of the organization and the owners' representative over them. A signature is
// verified here, before the repository's transaction, because the verifier may be remote (E-IMZO).
import { createRoute } from '@hono/zod-openapi';
import { actOf, actsOf, recordActSignature, signedBy, signerOf } from '../../db/reports/acts.ts';
import { loadReport } from '../../db/reports/repository.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { IdempotencyHeader } from '../idempotency.ts';
import { bearer, createRouter, problems } from '../openapi.ts';
import { forbidden, notFound } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { SignBody, signableHtml, verifiedSignature } from '../signed-document.ts';
import { ruled } from './common.ts';
import { ActPath, ActSchema } from './schemas.ts';

const READERS = ['resident', 'management_company', 'council', 'inspector', 'admin'] as const;
const path = '/reports/buildings/{id}/quarters/{quarter}/acts/{version}';

/** The act of a submitted version the caller may see (the building's readers), or 404. */
async function visibleAct(c: Ctx) {
  const { id, quarter, version } = c.req.valid('param' as never) as {
    id: string;
    quarter: string;
    version: number;
  };
  await assertBuildingVisible(c, id);
  const report = await loadReport(emOf(c), id, quarter);
  const act = report ? await actOf(emOf(c), report.id, version) : null;
  if (!report || !act) throw notFound('no act of completed works for this version');
  return { report, act };
}

const actView = async (c: Ctx, reportId: string, version: number) =>
  (await actsOf(emOf(c), reportId)).find((a) => a.version === version)!;

export const actRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getWorksActDocument',
      path: `${path}/document`,
      tags: ['reports'],
      summary:
        'The act of completed works of a submitted version: its exact bytes, the ones both sides sign (resident owning there, management_company managing it, council and inspector of its district, admin)',
      security: bearer,
      middleware: [requireRoles(...READERS)] as const,
      request: { params: ActPath },
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
      operationId: 'signWorksAct',
      path: `${path}/signatures`,
      tags: ['reports'],
      summary:
        "Sign the act of completed works over its exact bytes: the reporting organization's staff, and for the owners the representative their management contract names (without one, the district's council)",
      security: bearer,
      middleware: [requireRoles('management_company', 'resident', 'council')] as const,
      request: {
        params: ActPath,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: SignBody } } },
      },
      responses: {
        200: {
          description: 'The act with its signatures',
          content: { 'application/json': { schema: ActSchema } },
        },
        ...problems(400, 401, 403, 404, 409),
        422: {
          description:
            'The signature was refused: `reason` is bad_signature, wrong_signer, document_changed, malformed, certificate_revoked or certificate_expired, or unverified',
          content: { 'application/problem+json': { schema: { type: 'object' as const } } },
        },
      },
    }),
    async (c) => {
      const { report, act } = await visibleAct(c);
      const p = c.var.principal;
      const { version } = c.req.valid('param');
      const requestId = `${p.userId}:${c.req.valid('header')['idempotency-key']}`;
      if (await signedBy(emOf(c), act.id, requestId))
        return c.json(await actView(c, report.id, version), 200);
      const signer = await signerOf(emOf(c), p, report.buildingId, act.organizationId);
      if (!signer) throw forbidden('you sign for neither side of this act');
      const body = c.req.valid('json');
      const result = await verifiedSignature(c, act, body, signer.expected);
      await ruled(
        recordActSignature(emOf(c), {
          reportId: report.id,
          actId: act.id,
          signer,
          user: { id: p.userId, name: p.name },
          envelope: body.signature,
          verification: result,
          requestId,
        }),
      );
      return c.json(await actView(c, report.id, version), 200);
    },
  );
