// The meeting's proof of notice for those who answer for it: its initiator, the district's council
// and inspection, an admin. Per owner, by which channel each notice went, in which state and when,
// with the mailing's counts by status and channel: notifications' tracking, read by the mailing the
// meeting's notices went out under (db/meetings/notice-proof.ts). No addresses: staff see that an
// owner was reached, not where.
import { createRoute, z } from '@hono/zod-openapi';
import { meetingNoticeProof } from '../../db/meetings/notice-proof.ts';
import { hasRole } from '../../domain/access/roles.ts';
import type { MeetingNoticeProof } from '../../domain/meetings/notice-proof.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { emOf } from '../context.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden } from '../problem.ts';
import { visibleMeeting } from './common.ts';

const NoticeProofQuery = z.object({
  kind: z
    .string()
    .regex(/^(notice|repeat|result|cancelled|postponed(-\d{1,4})?|reminder-\d{1,6}(\.\d{1,40})?)$/)
    .default('notice')
    .openapi({
      description:
        'Which notices: notice (default), repeat, postponed[-n], cancelled, reminder-<hours>, result',
    }),
  after: z.uuid().optional().openapi({ description: "The previous page's `next`" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const NoticeProofSchema = z.custom<MeetingNoticeProof>().openapi('MeetingNoticeProof', {
  type: 'object',
  description:
    'meetingId, kind, messages, byStatus (pending | done | printed | skipped | given_up → count), byChannel (email | telegram | sms → state → count), items (per owner in person-id order: personId, fullName, place, status, printedAt, deliveries [{channel, state: queued | sent | delivered | failed | bounced, queuedAt, sentAt, deliveredAt}]), next (cursor for `after`, null on the last page)',
});

export const noticeProofRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    operationId: 'getMeetingNoticeProof',
    path: '/meetings/{id}/notice-proof',
    tags: ['meetings'],
    summary:
      "The meeting's proof of notice, a page of owners at a time: each owner's deliveries by channel, state and time, and the counts (the meeting's initiator, council and inspector in its district, admin)",
    security: bearer,
    middleware: [requireRoles(...ANY_ROLE)] as const,
    request: { params: UuidParam, query: NoticeProofQuery },
    responses: {
      200: {
        description: 'The proof of notice',
        content: { 'application/json': { schema: NoticeProofSchema } },
      },
      ...problems(400, 401, 403, 404),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { kind, after, limit } = c.req.valid('query');
    // Scope first (404 unknown, 403 outside), then the role within it.
    const meeting = await visibleMeeting(c, id);
    const p = c.var.principal;
    const initiator = meeting.initiator.userId === p.userId;
    if (!initiator && !hasRole(p, 'council', 'inspector', 'admin'))
      throw forbidden(
        "the proof of notice is for the meeting's initiator, the district's council and inspection",
      );
    return c.json(await meetingNoticeProof(emOf(c), id, kind, { ...(after ? { after } : {}), limit }), 200);
  },
);
