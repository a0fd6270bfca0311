// The acts of a commissioning: drawn up by the developer, fetched as their exact bytes, signed by
// the developer and by the named management organization's staff. The signature completing an act
// records its condition (db/commissioning/acts.ts).
import { createRoute } from '@hono/zod-openapi';
import { actOf, drawUpAct } from '../../db/commissioning/acts.ts';
import { applicationRow, maySee } from '../../db/commissioning/views.ts';
import { signCommissioningActUpdate } from '../../workflows/commissioning/contract.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { IdempotencyHeader } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, notFound } from '../problem.ts';
import { signableHtml } from '../signed-document.ts';
import { ruled, updateApplication, visibleApplication } from './common.ts';
import { ActBody, ActParam, ActSignBody, CommissioningViewSchema } from './schemas.ts';

const content = { 'application/json': { schema: CommissioningViewSchema } };
const json = <T>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const problem422 = {
  422: {
    description:
      'The signature was refused: `reason` is bad_signature, wrong_signer, document_changed or malformed',
    content: { 'application/problem+json': { schema: { type: 'object' as const } } },
  },
};

/** The act, for the application's readers and the staff of the organization the act names. */
async function visibleAct(c: Ctx, id: string, actId: string) {
  const em = emOf(c);
  const row = await applicationRow(em, id);
  const act = row ? await actOf(em, id, actId) : null;
  if (!row || !act) throw notFound('no such act of this application');
  const p = c.var.principal;
  const staff = p.roles.includes('management_company') && p.organizationId === act.organization.id;
  if (!staff && !maySee(p, { developerTin: row.developerTin, districtId: row.district.id }))
    throw forbidden('this act is outside your scope');
  return act;
}

export const actRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'drawUpAct',
      path: '/commissioning/applications/{id}/acts',
      tags: ['commissioning'],
      summary:
        'Draw up an act for both parties to sign: the solar-panel transfer or the engagement of the management organization (the developer)',
      security: bearer,
      middleware: [requireRoles('developer')] as const,
      request: { params: UuidParam, headers: IdempotencyHeader, body: json(ActBody) },
      responses: { 201: { description: 'Drawn up', content }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await visibleApplication(c, id);
      const p = c.var.principal;
      const body = c.req.valid('json');
      await ruled(
        drawUpAct(emOf(c), {
          applicationId: id,
          ...body,
          principal: p,
          idempotencyKey: `${p.userId}:${c.req.valid('header')['idempotency-key']}`,
          portalUrl: c.var.deps.config.portalUrl,
        }),
      );
      return c.json(await visibleApplication(c, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getActDocument',
      path: '/commissioning/applications/{id}/acts/{actId}/document',
      tags: ['commissioning'],
      summary:
        "The act's exact bytes, the ones to sign (the developer, the named organization's staff, an inspector of the district, admin)",
      security: bearer,
      middleware: [requireRoles('developer', 'management_company', 'inspector', 'admin')] as const,
      request: { params: ActParam },
      responses: {
        200: { description: 'The act', content: { 'text/html': { schema: { type: 'string' } } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id, actId } = c.req.valid('param');
      return signableHtml(c, await visibleAct(c, id, actId));
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'signAct',
      path: '/commissioning/applications/{id}/acts/{actId}/signatures',
      tags: ['commissioning'],
      summary:
        "Sign the act over its exact bytes; the second signature meets the act's condition (the developer, the named organization's staff)",
      security: bearer,
      middleware: [requireRoles('developer', 'management_company')] as const,
      request: { params: ActParam, body: json(ActSignBody) },
      responses: {
        200: { description: 'Signed; the application after it', content },
        ...problems(400, 401, 403, 404, 409),
        ...problem422,
      },
    }),
    async (c) => {
      const { id, actId } = c.req.valid('param');
      await visibleAct(c, id, actId);
      const body = c.req.valid('json');
      const view = await updateApplication(c, id, signCommissioningActUpdate, { actId, ...body }, null);
      // The signer may be the organization's staff, who do not see the application itself.
      if (!maySee(c.var.principal, { developerTin: view.developer.tin, districtId: view.districtId }))
        return c.json({ ...view, history: [] }, 200);
      return c.json(view, 200);
    },
  );
