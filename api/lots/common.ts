// What the lots' routes share: the refusals as problems, the district scope and the schemas.
import { z } from '@hono/zod-openapi';
import { type LotSummary, lotById } from '../../db/lots/repository.ts';
import { hasRole, type Principal } from '../../domain/access/roles.ts';
import type { LotRuleCode } from '../../domain/lots/errors.ts';
import type { SignerIdentity } from '../../domain/signatures/types.ts';
import type { Ctx } from '../context.ts';
import { emOf } from '../context.ts';
import { forbidden, notFound } from '../problem.ts';
import { ruleProblems } from '../rule-problem.ts';
import type { Refusals } from '../workflows.ts';

/** The status of each lots rule code: for refusals in the API and from the lots' workflows alike. */
const LOT_STATUS = {
  not_found: 404,
  forbidden: 403,
  wrong_state: 409,
  invalid: 400,
  // The partition is well-formed but breaks a rule of the lots: the reason names the rule.
  violations: 422,
  window_closed: 409,
  idempotency_conflict: 409,
} as const satisfies Refusals<LotRuleCode>['status'];

export const { ruled } = ruleProblems<LotRuleCode>(LOT_STATUS, 'lots');

/** Refusals of a lots workflow's updates; `noAnswer` says which workflow did not answer. */
export const lotRefusals = (noAnswer: string): Refusals<LotRuleCode> => ({
  capability: 'lots',
  status: LOT_STATUS,
  noAnswer,
});

export const OFFICER_ROLES = ['council', 'admin'] as const;
/** Who reads a district's lots: its officers and its inspector. */
export const READER_ROLES = ['council', 'inspector', 'admin'] as const;

/** A council officer or inspector acts for their own district only; an admin for any. */
export function assertDistrict(p: Principal, districtId: string) {
  if (!hasRole(p, 'admin') && p.districtId !== districtId)
    throw forbidden('this district is outside your scope');
}

/** The lot, once the caller is known to act in its district (404 before 403 only for no lot). */
export async function scopedLot(c: Ctx, id: string): Promise<LotSummary> {
  const lot = await lotById(emOf(c), id);
  if (!lot) throw notFound('no such lot');
  assertDistrict(c.var.principal, lot.districtId);
  return lot;
}

/** Whom a council member's signature must name: their PINFL, when the register knows it. */
export async function signerOfCaller(c: Ctx): Promise<SignerIdentity> {
  const [person] = await emOf(c).execute<{ pinfl: string | null }[]>(
    'select pinfl from person where id = ?',
    [c.var.principal.personId],
  );
  return person?.pinfl ? { pinfl: person.pinfl } : {};
}

export const json = (schema: z.ZodTypeAny) => ({ 'application/json': { schema } });

export const MixSchema = z
  .object({
    green: z.number().int(),
    yellow: z.number().int(),
    red: z.number().int(),
    unassessed: z.number().int(),
  })
  .openapi('LotClassMix');

export const LotSchema = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    number: z.number().int(),
    buildingIds: z.array(z.uuid()),
    apartments: z.number().int(),
    mix: MixSchema,
    programmeCost: z.number().int().openapi({
      description: "The five-year cost of the current version's programme, tiyin (0 before it is drafted)",
    }),
    state: z.object({ version: z.number().int(), approval: z.string(), selection: z.string() }).passthrough(),
  })
  .openapi('Lot');

export const LotOwnerSchema = z
  .object({
    id: z.uuid(),
    districtId: z.uuid(),
    number: z.number().int(),
    version: z.number().int(),
    approval: z.enum(['draft', 'submitted', 'returned', 'approved']),
    selection: z.string(),
    buildingIds: z.array(z.uuid()),
    apartments: z.number().int(),
    candidates: z.number().int().openapi({ description: 'Organizations that applied for the lot' }),
    applicationsCloseAt: z.string().nullable(),
    organizationId: z.uuid().nullable(),
  })
  .openapi('LotForOwners');
