// Discussion of the agenda during the discussion and voting phases: owners of the electorate,
// the initiator and the council write; the initiator answers; the initiator, the council and
// admins hide a comment with a reason (audited by the repository). Hidden comments keep their
// place in the thread, so a removal is visible as one.
import { createRoute, z } from '@hono/zod-openapi';
import {
  addComment,
  getComment,
  hideComment,
  listComments,
  votingRights,
} from '../../db/meetings/repository.ts';
import { hasRole } from '../../domain/access/roles.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf } from '../context.ts';
import { IdempotencyHeader, uuidFor } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { ruled, visibleMeeting } from './common.ts';
import { AnswerBody, CommentBody, CommentSchema, HideBody } from './schemas.ts';

/** Optional on comments: with it, a retried post returns its comment instead of adding another. */
const OptionalIdempotency = IdempotencyHeader.partial();

/** The comment's id, fixed by the client's key when it sends one. */
async function commentIdFor(c: Ctx, meetingId: string): Promise<string | undefined> {
  const key = c.req.header('idempotency-key');
  return key ? uuidFor(`comment:${meetingId}:${c.var.principal.userId}:${key}`) : undefined;
}

const CommentParams = UuidParam.extend({
  commentId: z.uuid().openapi({ param: { name: 'commentId', in: 'path' } }),
});

const created = {
  201: { description: 'Posted', content: { 'application/json': { schema: CommentSchema } } },
};

const isInitiator = (c: Ctx, m: MeetingView) => m.initiator.userId === c.var.principal.userId;
/** The council's scope was checked by visibleMeeting; admins moderate everywhere. */
const isModerator = (c: Ctx, m: MeetingView) =>
  isInitiator(c, m) || hasRole(c.var.principal, 'council', 'admin');

function assertOpenForDiscussion(m: MeetingView) {
  if (m.phase !== 'discussion' && m.phase !== 'voting')
    throw new HttpProblem(
      409,
      `comments are open during discussion and voting; the meeting is in phase ${m.phase}`,
    );
}

const MAY_NOT_WRITE = 'comments are written by owners of the electorate, the initiator and the council';

/** Only owners (scoped to the meeting's buildings), its initiator and the council may ever write. */
function assertMayEverWrite(c: Ctx, m: MeetingView) {
  if (!isInitiator(c, m) && !hasRole(c.var.principal, 'council', 'resident')) throw forbidden(MAY_NOT_WRITE);
}

async function assertMayWrite(c: Ctx, m: MeetingView) {
  if (isInitiator(c, m) || hasRole(c.var.principal, 'council')) return;
  const personId = c.var.principal.personId;
  if (hasRole(c.var.principal, 'resident') && personId) {
    const rights = await ruled(votingRights(emOf(c), m.id, personId));
    if (rights.some((r) => !r.viaProxy)) return;
  }
  throw forbidden(MAY_NOT_WRITE);
}

async function findComment(c: Ctx, meetingId: string, commentId: string) {
  const comment = await getComment(emOf(c), commentId);
  if (comment?.meetingId !== meetingId) throw notFound('no such comment in this meeting');
  return comment;
}

export const discussionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listComments',
      path: '/meetings/{id}/comments',
      tags: ['meetings'],
      summary:
        'Questions, comments and answers, oldest first; hidden ones show only their reason except to moderators (any role but developer, scoped)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'Comments', content: { 'application/json': { schema: z.array(CommentSchema) } } },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const meeting = await visibleMeeting(c, c.req.valid('param').id);
      const comments = await ruled(
        listComments(emOf(c), meeting.id, { includeHidden: isModerator(c, meeting) }),
      );
      return c.json(comments, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'postComment',
      path: '/meetings/{id}/comments',
      tags: ['meetings'],
      summary:
        'Ask or comment, on the meeting or one agenda item (owners of the electorate, initiator, council)',
      security: bearer,
      middleware: [requireRoles('resident', 'management_company', 'council')] as const,
      request: {
        params: UuidParam,
        headers: OptionalIdempotency,
        body: { required: true, content: { 'application/json': { schema: CommentBody } } },
      },
      responses: { ...created, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const meeting = await visibleMeeting(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      // Responsibility before state: staff who may never write here are refused in any phase;
      // an owner's place in the electorate is known only once it is frozen, after the notice.
      assertMayEverWrite(c, meeting);
      assertOpenForDiscussion(meeting);
      await assertMayWrite(c, meeting);
      if (body.agendaItemId && !meeting.agenda.some((a) => a.id === body.agendaItemId))
        throw new HttpProblem(400, 'The request is not valid', {
          errors: [{ field: 'body.agendaItemId', message: 'not an agenda item of this meeting' }],
        });
      const comment = await ruled(
        addComment(emOf(c), {
          id: await commentIdFor(c, meeting.id),
          meetingId: meeting.id,
          agendaItemId: body.agendaItemId,
          authorUserId: c.var.principal.userId,
          authorName: c.var.principal.name,
          body: body.body,
        }),
      );
      return c.json(comment, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'answerComment',
      path: '/meetings/{id}/comments/{commentId}/answer',
      tags: ['meetings'],
      summary: "Answer a question or comment (the meeting's initiator only)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: {
        params: CommentParams,
        headers: OptionalIdempotency,
        body: { required: true, content: { 'application/json': { schema: AnswerBody } } },
      },
      responses: { ...created, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, commentId } = c.req.valid('param');
      const meeting = await visibleMeeting(c, id);
      if (!isInitiator(c, meeting)) throw forbidden("only the meeting's initiator answers");
      assertOpenForDiscussion(meeting);
      const question = await findComment(c, id, commentId);
      const answer = await ruled(
        addComment(emOf(c), {
          id: await commentIdFor(c, id),
          meetingId: id,
          agendaItemId: question.agendaItemId ?? undefined,
          authorUserId: c.var.principal.userId,
          authorName: c.var.principal.name,
          body: c.req.valid('json').body,
          answersCommentId: commentId,
        }),
      );
      return c.json(answer, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'hideComment',
      path: '/meetings/{id}/comments/{commentId}/hide',
      tags: ['meetings'],
      summary: 'Hide a comment with a reason, audited (initiator, council in its district, admin)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: {
        params: CommentParams,
        body: { required: true, content: { 'application/json': { schema: HideBody } } },
      },
      responses: {
        200: {
          description: 'The hidden comment',
          content: { 'application/json': { schema: CommentSchema } },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id, commentId } = c.req.valid('param');
      const meeting = await visibleMeeting(c, id);
      if (!isModerator(c, meeting))
        throw forbidden('comments are hidden by the initiator, the council or an admin');
      const hidden = await ruled(
        hideComment(emOf(c), {
          commentId,
          meetingId: id,
          byUserId: c.var.principal.userId,
          reason: c.req.valid('json').reason,
        }),
      );
      return c.json(hidden, 200);
    },
  );
