// Calling, listing, cancelling and postponing general meetings. Initiation is the repository's
// service (db/meetings/initiate.ts); this file names the meeting by (caller, Idempotency-Key), maps
// refusals to problems and hands the meeting to its workflow, whose id is named by the meeting,
// so a retried POST neither stores nor starts a second one. Cancel and postpone ask the phase
// table (domain/meetings/phases.ts) first, then the workflow decides.
import { createRoute } from '@hono/zod-openapi';
import type { UpdateDefinition } from '@temporalio/common';
import {
  getMeeting,
  getMeetingRecord,
  type InitiationRefusal,
  initiateMeeting,
  listMeetings,
} from '../../db/meetings/repository.ts';
import { buildingScopeOf } from '../../domain/access/roles.ts';
import { authorize, phaseRefusal, phaseRuleError } from '../../domain/meetings/phases.ts';
import { type FieldIssue, validateSchedule } from '../../domain/meetings/schedule.ts';
import type { MeetingView } from '../../domain/meetings/types.ts';
import {
  type CancelMeetingInput,
  cancelMeetingUpdate,
  meetingWorkflow,
  meetingWorkflowId,
  type PostponeMeetingInput,
  postponeMeetingUpdate,
} from '../../workflows/meetings/contract.ts';
import { ANY_ROLE, requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf, temporalOf } from '../context.ts';
import { IdempotencyHeader, requestHash, uuidFor } from '../idempotency.ts';
import { bearer, createRouter, jsonText, problems, UuidParam } from '../openapi.ts';
import { type FieldError, HttpProblem } from '../problem.ts';
import { ruleProblem } from '../rule-problem.ts';
import { runUpdate, startOnce } from '../workflows.ts';
import { ruled, STATUS, visibleMeeting, visibleMeetingJson } from './common.ts';
import {
  CancelBody,
  CreateMeetingBody,
  MeetingListQuery,
  MeetingPage,
  MeetingSchema,
  PostponeBody,
} from './schemas.ts';

const meetingContent = { 'application/json': { schema: MeetingSchema } };

const badRequest = (errors: FieldError[]) => new HttpProblem(400, 'The request is not valid', { errors });
const bodyIssues = (issues: FieldIssue[]) =>
  issues.map((i) => ({ field: `body.${i.field}`, message: i.message }));

function initiationProblem(r: InitiationRefusal): HttpProblem {
  if (r.code === 'invalid') return badRequest(bodyIssues(r.issues));
  return new HttpProblem(403, r.reason, { errors: [{ field: `body.${r.field}`, message: r.reason }] });
}

const startMeetingWorkflow = (c: Ctx, meeting: MeetingView) =>
  startOnce(c, meetingWorkflow, {
    // Attempt 1 opens its series: its id is the series id.
    workflowId: meetingWorkflowId(meeting.id),
    args: [{ meetingId: meeting.id }],
    what: 'meeting',
    memo: { initiatedBy: c.var.principal.userId },
  });

/** Cancel and postpone are workflow updates: the workflow decides, under its own lock on the phase. */
async function updateMeeting<I extends CancelMeetingInput | PostponeMeetingInput>(
  c: Ctx,
  id: string,
  update: UpdateDefinition<MeetingView, [I]>,
  /** The body, read once the caller is known to be the initiator: a stranger learns nothing of it. */
  body: () => Omit<I, 'byUserId'>,
) {
  const meeting = await visibleMeeting(c, id);
  const action = update.name === postponeMeetingUpdate.name ? 'postpone' : 'cancel';
  const caller = { kind: 'user', userId: c.var.principal.userId } as const;
  // The initiator first: a stranger hears that, whatever the phase.
  const refusal =
    authorize({ initiatorUserId: meeting.initiator.userId }, action, caller) ??
    phaseRefusal(meeting.phase, action);
  if (refusal) throw ruleProblem(phaseRuleError(refusal), STATUS, 'meetings');
  const arg = body();
  const record = (await getMeetingRecord(emOf(c), id))!;
  if (action === 'postpone') {
    const a = arg as Omit<PostponeMeetingInput, 'byUserId'>;
    const issues = validateSchedule(record.policy, Date.now(), {
      votingOpensAt: Date.parse(a.votingOpensAt),
      votingClosesAt: Date.parse(a.votingClosesAt),
    });
    if (issues.length) throw badRequest(bodyIssues(issues));
  }
  await runUpdate(
    c,
    {
      workflow: meetingWorkflow,
      workflowId: meetingWorkflowId(record.seriesId),
      update,
      args: [{ ...arg, byUserId: c.var.principal.userId } as I],
    },
    {
      capability: 'meetings',
      status: STATUS,
      noAnswer: `the meeting's workflow did not answer the ${update.name} request; retry later`,
      detail: (message) => `the meeting refused to ${update.name}: ${message}`,
      ownMessages: true,
    },
  );
  return (await getMeeting(emOf(c), id))!;
}

export const initiationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'callMeeting',
      path: '/meetings',
      tags: ['meetings'],
      summary:
        'Call a general meeting (resident as owners, management_company for its buildings, council in its district)',
      security: bearer,
      middleware: [requireRoles('resident', 'management_company', 'council')] as const,
      request: {
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: CreateMeetingBody } } },
      },
      responses: {
        201: { description: 'Called; its workflow is started', content: meetingContent },
        200: {
          description: 'Replay of an earlier request with the same Idempotency-Key',
          content: meetingContent,
        },
        ...problems(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const p = c.var.principal;
      temporalOf(c); // Before anything is stored: a meeting without its workflow would never run.
      const result = await ruled(
        initiateMeeting(emOf(c), {
          id: await uuidFor(`meeting|${p.userId}|${key}`),
          idempotencyKey: key,
          requestSha256: await requestHash(body),
          principal: p,
          policy: c.var.deps.config.meetings.policy,
          request: body,
        }),
      );
      if (!result.ok) throw initiationProblem(result.refusal);
      const { meeting, created } = result;
      await startMeetingWorkflow(c, meeting);
      c.header('Location', `/api/v1/meetings/${meeting.id}`);
      return c.json(meeting, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'listMeetings',
      path: '/meetings',
      tags: ['meetings'],
      summary:
        "Meetings of the buildings in the caller's scope, newest first (any role but developer, scoped)",
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { query: MeetingListQuery },
      responses: {
        200: { description: 'A page of meetings', content: { 'application/json': { schema: MeetingPage } } },
        ...problems(400, 401),
      },
    }),
    async (c) =>
      c.json(await listMeetings(emOf(c), buildingScopeOf(c.var.principal), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getMeeting',
      path: '/meetings/{id}',
      tags: ['meetings'],
      summary:
        'One meeting with its agenda, phase and, once decided, its decision (any role but developer, scoped)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The meeting', content: meetingContent },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => jsonText(c, await visibleMeetingJson(c, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'cancelMeeting',
      path: '/meetings/{id}/cancel',
      tags: ['meetings'],
      summary: 'Cancel the meeting before voting opens, with a reason; owners are told (initiator only)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: {
        params: UuidParam,
        body: { required: true, content: { 'application/json': { schema: CancelBody } } },
      },
      responses: {
        200: { description: 'The cancelled meeting', content: meetingContent },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await updateMeeting(c, c.req.valid('param').id, cancelMeetingUpdate, () => c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'postponeMeeting',
      path: '/meetings/{id}/postpone',
      tags: ['meetings'],
      summary: 'Move the voting window before voting opens, with a reason and fresh notice (initiator only)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: {
        params: UuidParam,
        body: { required: true, content: { 'application/json': { schema: PostponeBody } } },
      },
      responses: {
        200: { description: 'The postponed meeting', content: meetingContent },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await updateMeeting(c, c.req.valid('param').id, postponeMeetingUpdate, () => c.req.valid('json')),
        200,
      ),
  );
