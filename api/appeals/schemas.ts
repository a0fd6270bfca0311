// Request and response shapes of the appeals API.
import { z } from '@hono/zod-openapi';
import type { AppealJson, AppealSummary, Board } from '../../domain/appeals/json.ts';
import { APPEAL_TEXT_MAX } from '../../domain/appeals/limits.ts';
import { APPEAL_CATEGORIES, APPEAL_KINDS, APPEAL_STATUSES } from '../../domain/appeals/types.ts';
import { LANGUAGES } from '../../domain/common/language.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const SubmitBody = z
  .object({
    category: z.enum(APPEAL_CATEGORIES),
    kind: z.enum(APPEAL_KINDS).default('application'),
    subject: z.object({
      buildingId: z.uuid(),
      apartmentId: z.uuid().optional(),
      organizationId: z.uuid().optional(),
    }),
    text: text(APPEAL_TEXT_MAX),
    attachmentIds: z.array(z.uuid()).max(20).default([]),
  })
  .openapi('SubmitAppeal');

export const AnswerBody = z.object({
  text: text(APPEAL_TEXT_MAX),
  attachmentIds: z.array(z.uuid()).max(20).default([]),
});
export const TransferBody = z.object({
  to: z.object({
    kind: z.enum(['management_organization', 'council', 'inspection', 'other_body']),
    id: z.string().trim().min(1).max(64),
    name: text(300),
  }),
  reason: text(2000),
});
export const ExtendBody = z.object({
  justification: text(2000),
  lastDay: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
    .optional(),
});
export const ReasonBody = z.object({ reason: text(2000) });
export const RatingBody = z.object({ rating: z.number().int().min(1).max(5) });
export const EmptyBody = z.object({}).strict();

export const AppealSchema = z.custom<AppealJson>().openapi('Appeal', {
  type: 'object',
  description:
    'id, registrationNumber, category, kind, subject, text, status, level, responsible, receivedAt, registeredOn, dueLastDay, dueAt, overdue, extended, answer, rating, timeline[], attachments[], availableActions[]',
  // The fields a client keys on, typed, so generated clients need no casts for them.
  properties: {
    id: { type: 'string', format: 'uuid' },
    registrationNumber: { type: 'string' },
    category: { type: 'string', enum: [...APPEAL_CATEGORIES] },
    kind: { type: 'string', enum: [...APPEAL_KINDS] },
    status: { type: 'string', enum: [...APPEAL_STATUSES] },
    text: { type: 'string' },
    receivedAt: { type: 'string', format: 'date-time' },
    dueAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'registrationNumber', 'category', 'kind', 'status', 'text', 'receivedAt', 'dueAt'],
});

export const AppealListSchema = z
  .object({
    items: z.array(z.custom<AppealSummary>().openapi({ type: 'object' })),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  })
  .openapi('AppealList');

const flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');

export const ListQuery = z.object({
  mine: flag.optional(),
  districtId: z.uuid().optional(),
  status: z.enum(APPEAL_STATUSES).optional(),
  category: z.enum(APPEAL_CATEGORIES).optional(),
  organizationId: z.uuid().optional(),
  overdue: flag.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** The list's filter, and the language the CSV is written in (else Accept-Language, else Uzbek). */
export const ExportQuery = ListQuery.extend({ lang: z.enum(LANGUAGES).optional() });

export const BoardQuery = z.object({ districtId: z.uuid() });
export const BoardSchema = z.custom<Board>().openapi('AppealBoard', { type: 'object' });

export const AttachmentSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    mediaType: z.string(),
    size: z.number().int(),
    part: z.enum(['appeal', 'answer']),
  })
  .openapi('AppealAttachment');
