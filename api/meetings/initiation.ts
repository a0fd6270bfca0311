// Calling, listing, cancelling and postponing general meetings. Initiation is checked against the
// pure rules (domain/meetings/initiation.ts, schedule.ts) and the deployment policy, then stored
// and handed to the meeting's workflow. The meeting id is named by (caller, Idempotency-Key) and
// the workflow id by the meeting, so a retried POST neither stores nor starts a second one.
import { createRoute, type z } from '@hono/zod-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { UpdateDefinition } from '@temporalio/common';
import {
  createMeeting,
  electorateWeightOf,
  getMeeting,
  getMeetingRecord,
  listMeetings,
} from '../../db/meetings/repository.ts';
import { isBuildingInScope } from '../../db/registry/scope.ts';
import { type BuildingScope, buildingScopeOf, hasRole, type Principal } from '../../domain/access/roles.ts';
import { checkInitiator, INITIATOR_ROLE, type InitiatorKind } from '../../domain/meetings/initiation.ts';
import type { MeetingPolicy } from '../../domain/meetings/policy.ts';
import { validateSchedule } from '../../domain/meetings/schedule.ts';
import { CHANGEABLE_PHASES, type MeetingView } from '../../domain/meetings/types.ts';
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
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { type FieldError, forbidden, HttpProblem } from '../problem.ts';
import { runUpdate, startOnce } from '../workflows.ts';
import { ruled, STATUS, visibleMeeting } from './common.ts';
import {
  CancelBody,
  CreateMeetingBody,
  MeetingListQuery,
  MeetingPage,
  MeetingSchema,
  PostponeBody,
} from './schemas.ts';

type CreateBody = z.infer<typeof CreateMeetingBody>;

const meetingContent = { 'application/json': { schema: MeetingSchema } };

const badRequest = (errors: FieldError[]) => new HttpProblem(400, 'The request is not valid', { errors });
const conflict = (detail: string) => new HttpProblem(409, detail);

/** Each kind of initiator acts in its own capacity: owners where they own, staff in their remit. */
function scopeAs(kind: InitiatorKind, p: Principal): BuildingScope {
  switch (kind) {
    case 'owners':
      return p.personId ? { kind: 'owner', personId: p.personId } : { kind: 'none' };
    case 'management_organization':
      return p.organizationId ? { kind: 'organization', organizationId: p.organizationId } : { kind: 'none' };
    case 'council':
      return p.districtId ? { kind: 'district', districtId: p.districtId } : { kind: 'none' };
  }
}

async function personsOfUsers(em: EntityManager, userIds: string[]): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await em.execute<{ id: string; personId: string | null }[]>(
    'select id, person_id as "personId" from user_account where id in (?)',
    [userIds],
  );
  return new Map(rows.map((r) => [r.id, r.personId]));
}

/** Everything the law and the policy ask of an initiation; throws 400/403 naming the field. */
async function checkInitiation(c: Ctx, body: CreateBody, buildingIds: string[], policy: MeetingPolicy) {
  const em = emOf(c);
  const p = c.var.principal;
  const now = Date.now();
  const issues = validateSchedule(policy, now, {
    votingOpensAt: Date.parse(body.votingOpensAt),
    votingClosesAt: Date.parse(body.votingClosesAt),
  }).map((i) => ({ field: `body.${i.field}`, message: i.message }));

  const rows = await em.execute<{ id: string }[]>('select id from building where id in (?)', [buildingIds]);
  const known = new Set(rows.map((r) => r.id));
  body.buildingIds.forEach((id, i) => {
    if (!known.has(id)) issues.push({ field: `body.buildingIds.${i}`, message: 'no such building' });
  });

  const coInitiators = [...new Set(body.coInitiatorUserIds ?? [])].filter((u) => u !== p.userId);
  const officers = [body.chairUserId, body.secretaryUserId].filter((u): u is string => !!u);
  const persons = await personsOfUsers(em, [...coInitiators, ...officers]);
  (body.coInitiatorUserIds ?? []).forEach((u, i) => {
    if (u !== p.userId && !persons.get(u))
      issues.push({ field: `body.coInitiatorUserIds.${i}`, message: 'no such user with a person' });
  });
  for (const field of ['chairUserId', 'secretaryUserId'] as const) {
    const u = body[field];
    if (u && u !== p.userId && !persons.has(u))
      issues.push({ field: `body.${field}`, message: 'no such user' });
  }
  if (issues.length) throw badRequest(issues);

  // The capacity is checked before the scope, so the error names what is actually wrong.
  if (!hasRole(p, INITIATOR_ROLE[body.initiator])) {
    const reason = `initiating as ${body.initiator} needs the role ${INITIATOR_ROLE[body.initiator]}`;
    throw new HttpProblem(403, reason, { errors: [{ field: 'body.initiator', message: reason }] });
  }
  const scope = scopeAs(body.initiator, p);
  const inScope = (await Promise.all(buildingIds.map((id) => isBuildingInScope(em, scope, id)))).every(
    Boolean,
  );
  let weights: { initiatorsWeight: number; totalWeight: number } | undefined;
  if (body.initiator === 'owners' && p.personId && inScope) {
    const personIds = [p.personId, ...coInitiators.map((u) => persons.get(u)!)];
    weights = await electorateWeightOf(em, buildingIds, personIds, policy.weighting);
  }
  const verdict = checkInitiator(policy, {
    as: body.initiator,
    kind: body.kind,
    roles: p.roles,
    inScope,
    ...weights,
  });
  if (!verdict.ok) {
    const field = verdict.field === 'coInitiators' ? 'coInitiatorUserIds' : verdict.field;
    throw new HttpProblem(403, verdict.reason, {
      errors: [{ field: `body.${field}`, message: verdict.reason }],
    });
  }
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
  arg: Omit<I, 'byUserId'>,
) {
  const meeting = await visibleMeeting(c, id);
  if (meeting.initiator.userId !== c.var.principal.userId)
    throw forbidden('only the initiator may cancel or postpone a meeting');
  if (!CHANGEABLE_PHASES.includes(meeting.phase))
    throw conflict(`a meeting in phase ${meeting.phase} can no longer be changed: voting has opened`);
  const em = emOf(c);
  const record = (await getMeetingRecord(em, id))!;
  if (update.name === postponeMeetingUpdate.name) {
    const a = arg as Omit<PostponeMeetingInput, 'byUserId'>;
    const issues = validateSchedule(record.policy, Date.now(), {
      votingOpensAt: Date.parse(a.votingOpensAt),
      votingClosesAt: Date.parse(a.votingClosesAt),
    });
    if (issues.length)
      throw badRequest(issues.map((i) => ({ field: `body.${i.field}`, message: i.message })));
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
      const policy = c.var.deps.config.meetings.policy;
      const buildingIds = [...new Set(body.buildingIds)];
      const id = await uuidFor(`meeting|${p.userId}|${key}`);
      const requestSha256 = await requestHash(body);
      // A replay is answered from what was stored, not re-judged against today's clock.
      if (!(await getMeeting(emOf(c), id))) await checkInitiation(c, body, buildingIds, policy);
      const { meeting, created } = await ruled(
        createMeeting(emOf(c), {
          id,
          title: body.title,
          kind: body.kind,
          form: body.form,
          buildingIds,
          initiator: {
            kind: body.initiator,
            userId: p.userId,
            name: p.name,
            organizationId:
              body.initiator === 'management_organization' ? (p.organizationId ?? undefined) : undefined,
            districtId: body.initiator === 'council' ? (p.districtId ?? undefined) : undefined,
          },
          chairUserId: body.chairUserId ?? p.userId,
          secretaryUserId: body.secretaryUserId ?? p.userId,
          noticeAt: new Date(),
          votingOpensAt: new Date(body.votingOpensAt),
          votingClosesAt: new Date(body.votingClosesAt),
          policy,
          agenda: body.agenda.map((a) => ({
            title: a.title,
            description: a.description,
            kind: a.kind,
            ...(a.organizationId ? { organizationId: a.organizationId } : {}),
          })),
          idempotencyKey: `${p.userId}:${key}`,
          requestSha256,
        }),
      );
      await startMeetingWorkflow(c, meeting);
      c.header('Location', `/api/v1/meetings/${meeting.id}`);
      return c.json(meeting, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings',
      tags: ['meetings'],
      summary: "Meetings of the buildings in the caller's scope, newest first (any role, scoped)",
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
      path: '/meetings/{id}',
      tags: ['meetings'],
      summary: 'One meeting with its agenda, phase and, once decided, its decision (any role, scoped)',
      security: bearer,
      middleware: [requireRoles(...ANY_ROLE)] as const,
      request: { params: UuidParam },
      responses: {
        200: { description: 'The meeting', content: meetingContent },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await visibleMeeting(c, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
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
      c.json(await updateMeeting(c, c.req.valid('param').id, cancelMeetingUpdate, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
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
        await updateMeeting(c, c.req.valid('param').id, postponeMeetingUpdate, c.req.valid('json')),
        200,
      ),
  );
