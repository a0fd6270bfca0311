// A building's registration for billing: its own TIN and dedicated bank account.
// Roles: on the owners' application it is filed by the district council (its district) or by the
// management company administering the building (its buildings), or an admin; a developer files it
// for the new building its own commissioning application reserved, and it counts from the day the
// building is commissioned. Reading it: the same roles plus the district's inspector.
import { createRoute, z } from '@hono/zod-openapi';
import { registerBuilding, registrationOf } from '../../db/billing/buildings.ts';
import { applicationForBuilding } from '../../db/commissioning/public.ts';
import { Building } from '../../db/registry/entities.ts';
import { hasRole } from '../../domain/access/roles.ts';
import type { BillingRuleCode } from '../../domain/billing/errors.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { IdempotencyHeader, requestHash } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, notFound } from '../problem.ts';
import { assertBuildingVisible } from '../registry/public.ts';
import { ruleProblems } from '../rule-problem.ts';

const { ruled } = ruleProblems<BillingRuleCode>(
  {
    not_found: 404,
    forbidden: 403,
    invalid: 400,
    transfer_conflict: 409,
    not_pending: 409,
    line_not_waiting: 409,
    below_minimum: 422,
    already_registered: 409,
    idempotency_conflict: 409,
  },
  'billing',
);

export const RegistrationBody = z
  .object({
    tin: z.string().regex(/^[0-9]{9}$/, 'must be the building’s 9-digit TIN'),
    bankAccount: z.string().regex(/^[0-9]{20}$/, 'must be the 20-digit account dedicated to the building'),
    bankCode: z.string().regex(/^[0-9]{5}$/, 'must be the bank’s 5-digit code (MFO)'),
  })
  .strict()
  .openapi('BillingRegistrationRequest');

export const RegistrationSchema = z
  .object({
    buildingId: z.string(),
    tin: z.string(),
    bankAccount: z.string(),
    bankCode: z.string(),
    registeredBy: z.enum(['owners', 'developer']),
    registeredOn: z.string().nullable().openapi({
      description: 'Accruals start with this month; null until the new building is commissioned',
    }),
  })
  .openapi('BillingRegistration');

const content = { 'application/json': { schema: RegistrationSchema } };
const PATH = '/billing/buildings/{id}/registration';

export const registrationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: PATH,
      operationId: 'registerBuildingForBilling',
      tags: ['billing'],
      summary:
        'Register a building for billing with its TIN and bank account (council of its district, its management company, admin; a developer for the building its commissioning application reserved)',
      security: bearer,
      middleware: [requireRoles('council', 'management_company', 'admin', 'developer')] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: RegistrationBody } } },
      },
      responses: {
        201: { description: 'Registered; the building’s accounts are open', content },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', content },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const p = c.var.principal;
      const em = emOf(c);
      let registeredBy: 'owners' | 'developer' = 'owners';
      let registeredOn: string | null = tashkentDate(Date.now());
      let applicationId: string | null = null;
      if (hasRole(p, 'council', 'management_company', 'admin')) await assertBuildingVisible(c, id);
      else {
        // A developer sees no register buildings: only the one its own application reserved.
        const application = await applicationForBuilding(em, id);
        if (!application || !p.developerTin || application.developerTin !== p.developerTin)
          throw forbidden(
            'a developer registers only the building its own commissioning application reserved',
          );
        if ((await em.count(Building, { id })) === 0)
          throw notFound('the building is not in the registry yet');
        registeredBy = 'developer';
        applicationId = application.id;
        if (!application.commissioned) registeredOn = null;
      }
      const body = c.req.valid('json');
      const { registration, created } = await ruled(
        registerBuilding(em, {
          buildingId: id,
          ...body,
          registeredBy,
          userId: p.userId,
          commissioningApplicationId: applicationId,
          registeredOn,
          idempotencyKey: `${p.userId}:${key}`,
          requestSha256: await requestHash({ id, ...body }),
        }),
      );
      return c.json(registration, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: PATH,
      operationId: 'getBuildingBillingRegistration',
      tags: ['billing'],
      summary:
        'A building’s billing registration (council and inspector of its district, its management company, admin)',
      security: bearer,
      middleware: [requireRoles('council', 'inspector', 'management_company', 'admin')] as const,
      request: { params: UuidParam },
      responses: { 200: { description: 'The registration', content }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await assertBuildingVisible(c, id);
      const registration = await registrationOf(emOf(c), id);
      if (!registration) throw notFound('the building is not registered for billing');
      return c.json(registration, 200);
    },
  );
