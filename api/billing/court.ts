// Debt claims and the court package (ZRU-993), for the management organization administering the
// building: the owners whose debt qualifies today, starting a claim for one of them (sent through
// notifications by the owner's channels, or waiting for a paper delivery when none reaches them),
// recording a paper delivery, and the package PDF once delivery is recorded. The owner reads their own claim.
import { createRoute, z } from '@hono/zod-openapi';
import {
  type CourtClaimView,
  courtClaimById,
  courtClaimsOfPerson,
} from '../../db/billing/court-claim-views.ts';
import { type QualifyingDebtor, qualifyingDebtors, startCourtClaim } from '../../db/billing/court-claims.ts';
import { recordPaperDelivery } from '../../db/billing/court-delivery.ts';
import { COURT_DELIVERY_HISTORY } from '../../db/billing/court-entities.ts';
import { courtPackageOf } from '../../db/billing/court-package.ts';
import { isBuildingInScope } from '../../db/registry/scope.ts';
import { buildingScopeOf, hasRole } from '../../domain/access/roles.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { renderCourtPackagePdf } from '../../platform/billing/court-pdf.ts';
import { auditVerificationRoute } from '../audit/verification.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf, personOf } from '../context.ts';
import { IdempotencyHeader, idempotencyConflict, requestHash, uuidFor } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { BuildingParam, PdfQuery } from './schemas.ts';

const tags = ['billing'];
const ORG = 'management_company' as const;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const ClaimSchema = z.custom<CourtClaimView>().openapi('CourtClaim', {
  type: 'object',
  description:
    'id, number, buildingId, ownerId, apartmentId, organizationId, personalAccount, asOf, answerBy, language, calculation (rows by period, totals; tiyin), createdAt, delivery (status: sending | delivered | undelivered | acknowledged | paper_delivered, or for a claim mailed before notifications carried claims no_email | mail_queued | mail_failed | mail_accepted; recorded; notice (the tracking by notifications: status, delivered {channel, address, at}, printedAt, attempts by channel), mail, acknowledged, paper)',
});
const DebtorSchema = z.custom<QualifyingDebtor>().openapi('CourtDebtor', {
  type: 'object',
  description:
    'ownerId, apartmentId, apartmentNumber, ownerName, personalAccount, hasEmail, oldestPeriod and the day it qualified from (qualifiesFrom), contributionOwed, penaltyOwed, owed (tiyin), lastClaim ({id, asOf} or null)',
});
const DebtorsSchema = z.object({ asOf: z.string(), items: z.array(DebtorSchema) }).openapi('CourtDebtors');
const ClaimListSchema = z.object({ items: z.array(ClaimSchema) }).openapi('CourtClaimList');
const StartBody = z.object({ ownerId: z.uuid(), apartmentId: z.uuid() }).openapi('StartCourtClaim');
const PaperBody = z
  .object({
    deliveredOn: z.string().regex(DATE, "a date 'YYYY-MM-DD'"),
    scanReference: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .openapi({ example: 'archive/2026/claims/0000000422.pdf' }),
  })
  .openapi('PaperDelivery');
const json = { 'application/json': { schema: ClaimSchema } };

/** The caller acts for the organization that administers the building: 404 unknown, 403 another's. */
async function assertManages(c: Ctx, buildingId: string): Promise<void> {
  const em = emOf(c);
  // Only the organization's own scope counts, whatever other roles the caller holds.
  if (await isBuildingInScope(em, buildingScopeOf({ ...c.var.principal, roles: [ORG] }), buildingId)) return;
  throw (await isBuildingInScope(em, { kind: 'all' }, buildingId))
    ? forbidden('your organization does not manage this building')
    : notFound('no such building');
}

/** The claim, if the caller is its organization (or, when `owner`, the owner it is addressed to). */
async function visibleClaim(c: Ctx, id: string, owner = false): Promise<CourtClaimView> {
  const claim = await courtClaimById(emOf(c), id);
  if (!claim) throw notFound('no such claim');
  const p = c.var.principal;
  if (hasRole(p, ORG) && p.organizationId === claim.organizationId) return claim;
  if (owner && hasRole(p, 'resident') && p.personId === claim.ownerId) return claim;
  throw forbidden(
    owner ? 'this claim is neither yours nor your organization’s' : 'this claim is another organization’s',
  );
}

const today = () => tashkentDate(Date.now());

/** The claim's delivery records, verified against their hash chain, for whoever may read the claim. */
const deliveryAudit = auditVerificationRoute({
  kind: 'court-claims',
  what: "a debt claim's delivery",
  operationId: 'verifyCourtClaimDeliveries',
  tag: 'billing',
  history: COURT_DELIVERY_HISTORY,
  roles: [ORG, 'resident'],
  streams: async (c, id) => {
    await visibleClaim(c, id, true);
    return [[id]];
  },
});

export const courtRoutes = createRouter()
  .route('/', deliveryAudit)
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/buildings/{buildingId}/court/debtors',
      operationId: 'listCourtDebtors',
      tags,
      summary:
        "Owners of the building whose debt qualifies for a court order today (older than the policy's courtDebtAgeMonths past due), with what they owe and their last claim (management_company administering the building)",
      security: bearer,
      middleware: [requireRoles(ORG)] as const,
      request: { params: BuildingParam },
      responses: {
        200: {
          description: 'The qualifying owners',
          content: { 'application/json': { schema: DebtorsSchema } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      await assertManages(c, buildingId);
      const asOf = today();
      const items = await qualifyingDebtors(emOf(c), buildingId, asOf, c.var.deps.config.billing.policy);
      return c.json({ asOf, items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/billing/buildings/{buildingId}/court/claims',
      operationId: 'startCourtClaim',
      tags,
      summary:
        "Start a debt claim for one owner account whose debt qualifies today: the claim is recorded with its calculation and sent once as a legal notice by the owner's channels with fallback (delivery.status 'sending', then 'delivered' or, when no channel reaches the owner, 'undelivered': a paper delivery is needed) (management_company administering the building)",
      security: bearer,
      middleware: [requireRoles(ORG)] as const,
      request: {
        params: BuildingParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: StartBody } } },
      },
      responses: {
        201: { description: 'Started', content: json },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', content: json },
        ...problems(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { buildingId } = c.req.valid('param');
      await assertManages(c, buildingId);
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const userId = c.var.principal.userId;
      const em = emOf(c);
      const result = await startCourtClaim(
        em,
        {
          id: await uuidFor(`court-claim|${userId}|${key}`),
          buildingId,
          ...body,
          asOf: today(),
          userId,
          idempotencyKey: `${userId}:${key}`,
          requestSha256: await requestHash({ buildingId, ...body }),
          publicUrl: c.var.deps.config.publicUrl,
        },
        c.var.deps.config.billing.policy,
      );
      switch (result.outcome) {
        case 'conflict':
          throw idempotencyConflict('billing');
        case 'no_account':
          throw new HttpProblem(404, 'this owner has no account for this apartment in this building', {
            errors: [
              { field: 'body.ownerId', message: 'no owner account of this apartment in this building' },
            ],
          });
        case 'no_organization':
          throw new HttpProblem(409, 'the building has no management organization to claim the debt');
        case 'already_claimed':
          throw new HttpProblem(409, 'a claim for this owner account was already started today', {
            extensions: { claimId: result.claimId },
          });
        case 'not_qualifying': {
          const first = result.calculation.rows.find((r) => r.contributionOwed > 0);
          throw new HttpProblem(
            422,
            first
              ? `the debt does not qualify yet: the oldest unpaid contribution (${first.period}) qualifies from ${first.qualifiesFrom}`
              : 'this owner owes no contribution',
            {
              errors: [{ field: 'body.ownerId', message: 'no debt old enough for a court order' }],
              extensions: first ? { qualifiesFrom: first.qualifiesFrom } : {},
            },
          );
        }
      }
      const claim = (await courtClaimById(em, result.claimId))!;
      return c.json(claim, result.outcome === 'created' ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/me/court-claims',
      operationId: 'listMyCourtClaims',
      tags,
      summary: 'Debt claims addressed to the caller, newest first (resident; only their own)',
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      responses: {
        200: { description: 'The claims', content: { 'application/json': { schema: ClaimListSchema } } },
        ...problems(401, 403),
      },
    }),
    async (c) => c.json({ items: await courtClaimsOfPerson(emOf(c), personOf(c)) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/court/claims/{id}',
      operationId: 'getCourtClaim',
      tags,
      summary:
        'A debt claim with its calculation and delivery (management_company that made it; the owner it is addressed to, as resident)',
      security: bearer,
      middleware: [requireRoles(ORG, 'resident')] as const,
      request: { params: UuidParam },
      responses: { 200: { description: 'The claim', content: json }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await visibleClaim(c, c.req.valid('param').id, true), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/billing/court/claims/{id}/paper-delivery',
      operationId: 'recordCourtClaimPaperDelivery',
      tags,
      summary:
        "Record that the claim was handed to the owner on paper: the day and the reference of the signed copy's scan; once per claim (management_company that made it)",
      security: bearer,
      middleware: [requireRoles(ORG)] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: PaperBody } } },
      },
      responses: {
        201: { description: 'Recorded', content: json },
        200: { description: 'The same delivery recorded earlier', content: json },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const claim = await visibleClaim(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      if (body.deliveredOn < claim.asOf || body.deliveredOn > today())
        throw new HttpProblem(400, `deliveredOn must be from ${claim.asOf} to today`, {
          errors: [{ field: 'body.deliveredOn', message: `must be from ${claim.asOf} to today` }],
        });
      const outcome = await recordPaperDelivery(emOf(c), {
        claimId: claim.id,
        ...body,
        userId: c.var.principal.userId,
        requestSha256: await requestHash(body),
      });
      if (outcome === 'conflict')
        throw new HttpProblem(409, 'a different paper delivery is already recorded for this claim');
      return c.json((await courtClaimById(emOf(c), claim.id))!, outcome === 'recorded' ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/billing/court/claims/{id}/package',
      operationId: 'getCourtPackagePdf',
      tags,
      summary:
        "The court package as one PDF: the debt calculation by period, the general meeting's decision on the management method, the management contract and the proof of delivery; the calculation is on today (payments since the claim count); 409 naming what is missing (delivery, meeting_decision, management_contract, debt_paid) (management_company that made the claim)",
      security: bearer,
      middleware: [requireRoles(ORG)] as const,
      request: { params: UuidParam, query: PdfQuery },
      responses: {
        200: {
          description: 'The PDF',
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const claim = await visibleClaim(c, c.req.valid('param').id);
      const { lang } = c.req.valid('query');
      const result = await courtPackageOf(emOf(c), claim, lang, today(), c.var.deps.config.billing.policy);
      if (!result.ok) {
        const why = {
          delivery:
            'the claim’s delivery is not recorded yet (mail not accepted, no acknowledgement, no paper delivery)',
          meeting_decision:
            'no general meeting decision on the management method is recorded for the building',
          management_contract: 'no management contract of your organization is in force for the building',
          debt_paid: 'the debt has been paid since the claim: nothing old enough for a court order is owed',
        } as const;
        throw new HttpProblem(409, result.missing.map((m) => why[m]).join('; '), {
          extensions: { missing: result.missing },
        });
      }
      const pdf = await renderCourtPackagePdf(result.package, lang);
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="court-package-${claim.number}-${lang}.pdf"`,
        'Cache-Control': 'private, no-store',
      });
    },
  );
