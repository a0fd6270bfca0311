// The applications a caller works on: an inspector their district's, a developer its TIN's, the
// staff of a management organization those with an act naming it (to sign), an admin all. A
// caller holding several roles sees the union.
import { createRoute, z } from '@hono/zod-openapi';
import type { FilterQuery } from '@mikro-orm/core';
import {
  CommissioningAct,
  CommissioningApplicationRow,
  type ICommissioningApplication,
} from '../../db/commissioning/entities.ts';
import { isoOrNull } from '../../db/sql.ts';
import { COMMISSIONING_STATES } from '../../domain/commissioning/application.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems } from '../openapi.ts';

/** A desk list, not an archive: an older application is opened by its id. */
export const LIST_LIMIT = 200;

const Query = z.object({ state: z.enum(COMMISSIONING_STATES).optional() });

const Item = z
  .object({
    id: z.string(),
    state: z.enum(COMMISSIONING_STATES),
    cadastralNumber: z.string(),
    buildingId: z.string(),
    districtId: z.string(),
    developer: z.object({ tin: z.string(), name: z.string() }),
    appliedAt: z.string(),
    since: z.string(),
    dueAt: z.string().nullable(),
  })
  .openapi('CommissioningApplicationSummary');

type Row = FilterQuery<ICommissioningApplication>;

export const listRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    operationId: 'listCommissioningApplications',
    path: '/commissioning/applications',
    tags: ['commissioning'],
    summary:
      'Applications newest first, at most 200: of the district (inspector), of the TIN (developer), with an act naming the organization (its staff), all (admin)',
    security: bearer,
    middleware: [requireRoles('developer', 'inspector', 'management_company', 'admin')] as const,
    request: { query: Query },
    responses: {
      200: {
        description: 'The applications',
        content: { 'application/json': { schema: z.object({ items: z.array(Item) }) } },
      },
      ...problems(400, 401, 403),
    },
  }),
  async (c) => {
    const p = c.var.principal;
    const { state } = c.req.valid('query');
    const em = emOf(c);
    const scopes: Row[] = [];
    if (p.roles.includes('inspector') && p.districtId) scopes.push({ district: p.districtId });
    if (p.roles.includes('developer') && p.developerTin) scopes.push({ developerTin: p.developerTin });
    if (p.roles.includes('management_company') && p.organizationId) {
      const acts = await em.find(
        CommissioningAct,
        { organization: p.organizationId },
        { fields: ['application'] },
      );
      const ids = [...new Set(acts.map((a) => a.application.id))];
      if (ids.length > 0) scopes.push({ id: { $in: ids } });
    }
    const admin = p.roles.includes('admin');
    if (!admin && scopes.length === 0) return c.json({ items: [] }, 200);
    const where: Row = { ...(admin ? {} : { $or: scopes }), ...(state ? { state } : {}) };
    const rows = await em.find(CommissioningApplicationRow, where, {
      orderBy: { appliedAt: 'desc', id: 'desc' },
      limit: LIST_LIMIT,
    });
    const items = rows.map((r) => ({
      id: r.id,
      state: r.state,
      cadastralNumber: r.cadastralNumber,
      buildingId: r.buildingId,
      districtId: r.district.id,
      developer: { tin: r.developerTin, name: r.developerName },
      appliedAt: isoOrNull(r.appliedAt)!,
      since: isoOrNull(r.since)!,
      dueAt: isoOrNull(r.dueAt),
    }));
    return c.json({ items }, 200);
  },
);
