// Wire schemas of the register endpoints. Responses mirror db/register/repository.ts's views; the
// `Same<…>` checks at the end make the compiler catch any drift between the two.
import { z } from '@hono/zod-openapi';
import type { RegisterHistoryItem, RegisterListItem } from '../../db/register/repository.ts';
import { REGISTER_STATUSES } from '../../domain/common/register-status.ts';
import { REQUIREMENTS } from '../../domain/register/requirements.ts';
import { REGISTER_STATES, REJECTION_REASONS, REMOVAL_REASONS } from '../../domain/register/status.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import { Instant, PageQuery, pageOf } from '../openapi.ts';

const instant = Instant.openapi({ example: '2026-12-01T09:00:00.000Z' });

// Amounts and counts are checked as numbers here; whether they meet the policy is the review's
// verdict, recorded with the application rather than refused, so the applicant sees every gap.
const TechnicalBaseItem = z.object({
  category: z.string().trim().min(1).max(64).openapi({ example: 'repair_tools' }),
  description: z.string().max(500).openapi({ example: 'Plumbing kit' }),
  quantity: z.number().openapi({ example: 4 }),
});
const Dispatch = z.object({
  hoursPerDay: z.number().openapi({ example: 24 }),
  daysPerWeek: z.number().openapi({ example: 7 }),
  phone: z.string().max(32).nullable().openapi({ example: '+998712000000' }),
});

export const ApplyBody = z
  .object({
    districtId: z.uuid().openapi({ description: 'The district whose council and inspectors review it' }),
    tin: z.string().openapi({ example: '301234567' }),
    name: z.string().max(300).openapi({ example: 'Obod Uy MChJ' }),
    ownFundsUzs: z.number().openapi({ example: 50_000_000 }),
    technicalBase: z.array(TechnicalBaseItem).max(200),
    dispatch: Dispatch,
  })
  .openapi('RegisterApplicationInput');

export const CorrectionsBody = z
  .object({
    fields: z.array(z.string().trim().min(1).max(100)).min(1).max(50),
    note: z.string().trim().min(1).max(2000),
  })
  .openapi('RegisterCorrectionsInput');

export const ResubmitBody = z
  .object({
    name: z.string().max(300).optional(),
    ownFundsUzs: z.number().optional(),
    technicalBase: z.array(TechnicalBaseItem).max(200).optional(),
    dispatch: Dispatch.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'correct at least one field')
  .openapi('RegisterResubmitInput');

export const RejectBody = z.object({ reason: z.enum(REJECTION_REASONS) }).openapi('RegisterRejectInput');
export const RemoveBody = z.object({ reason: z.enum(REMOVAL_REASONS) }).openapi('RegisterRemoveInput');
export const EmptyBody = z.object({}).openapi('RegisterDecisionInput');

const Verdict = z.object({
  requirement: z.enum(REQUIREMENTS),
  ok: z.boolean(),
  reason: z.string().nullable(),
  field: z.string().nullable(),
});

export const ApplicationSchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    districtId: z.uuid(),
    tin: z.string(),
    name: z.string(),
    ownFundsUzs: z.number(),
    technicalBase: z.array(TechnicalBaseItem),
    dispatch: Dispatch,
    state: z.enum(REGISTER_STATES),
    verdicts: z.array(Verdict),
    corrections: z.object({ fields: z.array(z.string()), note: z.string() }).nullable(),
    correctionsDueAt: instant.nullable(),
    lastCheckedAt: instant.nullable(),
    decidedAt: instant.nullable(),
    reason: z.string().nullable(),
    submittedAt: instant,
  })
  .openapi('RegisterApplication');

export const ApplicationListQuery = z.object({
  state: z.enum(REGISTER_STATES).optional().openapi({ example: 'under_review' }),
  limit: z.coerce.number().int().min(1).max(200).default(200),
});
export const ApplicationList = z
  .object({ items: z.array(ApplicationSchema) })
  .openapi('RegisterApplicationList');

export const RegisterListQuery = PageQuery.extend({ status: z.enum(REGISTER_STATUSES).optional() });

export const OrganizationEntry = z
  .object({
    id: z.uuid(),
    tin: z.string(),
    name: z.string(),
    registerStatus: z.enum(REGISTER_STATUSES),
    dispatchPhone: z.string(),
    since: instant.nullable(),
  })
  .openapi('RegisterOrganization');
export const OrganizationPage = pageOf(OrganizationEntry, 'RegisterOrganizationPage');

const HistoryItem = z.object({
  at: instant,
  action: z.string(),
  fromState: z.enum(REGISTER_STATES).nullable(),
  toState: z.enum(REGISTER_STATES),
  reason: z.string().nullable(),
});
export const HistorySchema = z
  .object({ organization: OrganizationEntry, events: z.array(HistoryItem) })
  .openapi('RegisterHistory');

export const OrgParam = z.object({
  orgId: z
    .uuid()
    .openapi({ param: { name: 'orgId', in: 'path' }, example: '0195f3a0-8c1e-7000-8000-000000000001' }),
});

// Compile-time drift checks between the wire schemas and the repository's views.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _drift: [
  Same<z.infer<typeof ApplicationSchema>, ApplicationView>,
  Same<z.infer<typeof OrganizationEntry>, RegisterListItem>,
  Same<z.infer<typeof HistoryItem>, RegisterHistoryItem>,
] = [true, true, true];
void _drift;
