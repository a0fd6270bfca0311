// Request and response shapes of the commissioning API.
import { z } from '@hono/zod-openapi';
import { ACT_KINDS } from '../../domain/commissioning/act.ts';
import { COMMISSIONING_STATES } from '../../domain/commissioning/application.ts';
import { COMMISSIONING_CONDITIONS } from '../../domain/commissioning/policy.ts';
import { SignBody } from '../signed-document.ts';

export const ApplyBody = z
  .object({
    cadastralNumber: z.string().trim().min(1).max(64),
    districtId: z.uuid(),
    developerName: z.string().trim().min(1).max(300),
    contactEmail: z.email(),
  })
  .openapi('CommissioningApplyBody');

export const EvidenceBody = z
  .object({
    condition: z.enum(COMMISSIONING_CONDITIONS),
    /** A signed act's id, a passport or extract number. */
    documentId: z.string().trim().min(1).max(200),
    managementOrganizationTin: z
      .string()
      .regex(/^\d{9}$/, 'must be 9 digits')
      .optional(),
  })
  .openapi('CommissioningEvidenceBody');

export const RejectBody = z
  .object({ reasons: z.array(z.string().max(2000)).min(1).max(20) })
  .openapi('CommissioningRejectBody');

export const ActBody = z
  .object({
    kind: z.enum(ACT_KINDS),
    organizationId: z.uuid(),
    panels: z
      .object({ count: z.number().int().min(1).max(100_000), capacityKw: z.number().positive().max(100_000) })
      .optional(),
  })
  .openapi('CommissioningActBody');

export const ActSignBody = SignBody;

export const ActParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  actId: z.uuid().openapi({ param: { name: 'actId', in: 'path' } }),
});

const Condition = z.object({
  condition: z.enum(COMMISSIONING_CONDITIONS),
  met: z.boolean(),
  because: z.enum(['not_recorded', 'observed_not_met', 'organization_not_registered']).optional(),
  detail: z.string().optional(),
  evidence: z
    .object({
      documentId: z.string(),
      signedByTins: z.array(z.string()),
      managementOrganizationTin: z.string().nullable().optional(),
      recordedAt: z.string().nullable(),
      recordedBy: z.string(),
    })
    .optional(),
});

export const CommissioningViewSchema = z
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
    canCommission: z.boolean(),
    conditions: z.array(Condition),
    reminders: z.array(z.object({ at: z.string().nullable(), daysBeforeDeadline: z.number() })),
    rejection: z
      .object({
        by: z.enum(['inspector', 'system']),
        reasons: z.array(z.string()),
        missing: z.array(z.string()),
      })
      .nullable(),
    passport: z.record(z.string(), z.unknown()).nullable(),
    acts: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(ACT_KINDS),
        sha256: z.string(),
        organization: z.object({ id: z.string(), name: z.string(), tin: z.string() }),
        createdAt: z.string(),
        signatures: z.array(
          z.object({ party: z.string(), tin: z.string(), signerName: z.string(), signedAt: z.string() }),
        ),
      }),
    ),
    history: z.array(
      z.object({
        at: z.string(),
        action: z.string(),
        fromState: z.string().nullable(),
        toState: z.string(),
        actorUserId: z.string().nullable(),
      }),
    ),
  })
  .openapi('CommissioningApplication');
