// Request and response shapes of the dispatch API.
import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../../domain/common/language.ts';
import { ROSTER_ROLES } from '../../domain/dispatch/roster.ts';
import { DISPATCH_CATEGORIES, URGENCIES } from '../../domain/dispatch/triage.ts';
import { Instant } from '../openapi.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const instant = Instant;

export const PhotoInput = z.object({
  /** The photo's bytes, base64: its type is read from the content, never from a name. */
  contentBase64: z.string().min(8).max(1_400_000),
});

export const SubmitBody = z
  .object({
    apartmentId: z.uuid(),
    text: text(4000),
    photos: z.array(PhotoInput).max(20).default([]),
  })
  .openapi('SubmitDispatchRequest');

export const CallBody = z
  .object({
    buildingId: z.uuid(),
    apartmentId: z.uuid().optional(),
    text: text(4000),
    /** The caller's number, to call back: an Uzbek number, stored as +998XXXXXXXXX. */
    callerPhone: z.string().trim().min(1).max(32).optional(),
    /** When the phone rang, and when a dispatcher answered: the 5-minute rule is measured on them. */
    callReceivedAt: instant,
    callAnsweredAt: instant,
  })
  .openapi('DispatchCall');

export const StepBody = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('confirm_triage'),
      category: z.enum(DISPATCH_CATEGORIES),
      urgency: z.enum(URGENCIES),
    }),
    z.object({ type: z.literal('assign'), technicianUserId: z.uuid() }),
    z.object({ type: z.literal('accept') }),
    z.object({ type: z.literal('on_the_way') }),
    z.object({ type: z.literal('on_site') }),
    z.object({ type: z.literal('contain'), note: z.string().trim().max(2000).optional() }),
    z.object({ type: z.literal('done'), note: text(2000), photos: z.array(PhotoInput).max(20).default([]) }),
    z.object({ type: z.literal('confirm') }),
    z.object({ type: z.literal('reject'), reason: text(2000) }),
    z.object({ type: z.literal('rate'), rating: z.number().int().min(1).max(5) }),
  ])
  .openapi('DispatchStep');

export const ResolveBody = z.object({ note: text(2000) }).openapi('ResolveMassIncident');

export const ShiftBody = z
  .object({
    userId: z.uuid(),
    name: text(200),
    role: z.enum(ROSTER_ROLES),
    startsAt: instant,
    endsAt: instant,
    categories: z.array(z.enum(DISPATCH_CATEGORIES)).max(DISPATCH_CATEGORIES.length).default([]),
    buildingIds: z.array(z.uuid()).max(500).default([]),
  })
  .openapi('DispatchShift');

export const CoverageQuery = z.object({ from: instant.optional() });

export const FiguresQuery = z.object({
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'YYYY-Qn'),
  format: z.enum(['json', 'csv']).default('json'),
  lang: z.enum(LANGUAGES).optional(),
});

export const RequestSchema = z.object({}).passthrough().openapi('DispatchRequestView');
export const AnyJson = z.object({}).passthrough();
