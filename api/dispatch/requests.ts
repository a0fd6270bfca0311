// Intake (a resident's request, a dispatcher's phone call), reading a request, and the steps
// people take on it. Steps are written under the row lock by the repository, then the request's
// workflow is woken to set its clocks by what is stored.
import { createRoute } from '@hono/zod-openapi';
import { applyToDispatchRequest, registerDispatchRequest } from '../../db/dispatch/repository.ts';
import { readRequest } from '../../db/dispatch/views.ts';
import { normalizeUzPhone } from '../../domain/common/phone.ts';
import { authorize, describeDispatchRefusal } from '../../domain/dispatch/status.ts';
import { CALL_ENTRY_HOURS } from '../../domain/dispatch/types.ts';
import {
  dispatchRequestWorkflow,
  dispatchWorkflowId,
  massIncidentWorkflow,
  massIncidentWorkflowId,
} from '../../workflows/dispatch/contract.ts';
import { requireRoles } from '../auth/middleware.ts';
import { type Ctx, emOf, temporalOf } from '../context.ts';
import { IdempotencyHeader, requestHash, uuidFor } from '../idempotency.ts';
import { bearer, createRouter, problems, UuidParam } from '../openapi.ts';
import { forbidden, HttpProblem, notFound } from '../problem.ts';
import { startOnce } from '../workflows.ts';
import { canView, ruled, storePhotos, visibleRequest, wake } from './common.ts';
import { AnyJson, CallBody, StepBody, SubmitBody } from './schemas.ts';
import { triageText } from './triage.ts';

const content = { 'application/json': { schema: AnyJson } };

async function startFlows(c: Ctx, requestId: string, mass: { id: string; opened: boolean } | null) {
  await startOnce(c, dispatchRequestWorkflow, {
    workflowId: dispatchWorkflowId(requestId),
    args: [{ requestId }],
    what: 'request',
  });
  // Whenever there is an incident, not only when this request opened it: a retried registration
  // must finish what a first attempt that failed after storing left undone. Starting is idempotent.
  if (mass)
    await startOnce(c, massIncidentWorkflow, {
      workflowId: massIncidentWorkflowId(mass.id),
      args: [{ incidentId: mass.id }],
      what: 'mass incident',
    });
}

/** Registration's answer: the request at once, with its number, triage, duplicates and incident. */
async function answer(c: Ctx, r: Awaited<ReturnType<typeof registerDispatchRequest>>) {
  await startFlows(c, r.request.id, r.massIncident);
  c.header('Location', `/api/v1/dispatch/requests/${r.request.id}`);
  return c.json(
    {
      ...(await visibleRequest(c, r.request.id)),
      acknowledgement: {
        number: r.request.number,
        registeredAt: new Date(r.request.registeredAt).toISOString(),
      },
      duplicates: r.duplicates,
      massIncident: r.massIncident,
    },
    r.created ? 201 : 200,
  );
}

export const requestRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'submitDispatchRequest',
      path: '/dispatch/requests',
      tags: ['dispatch'],
      summary:
        'Report a problem in your apartment to the 24-hour dispatch service; answered at once with its number, triage and routing (resident owning the apartment)',
      security: bearer,
      middleware: [requireRoles('resident')] as const,
      request: {
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: SubmitBody } } },
      },
      responses: {
        201: { description: 'Registered and triaged; its clocks are running', content },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', content },
        ...problems(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const p = c.var.principal;
      if (!p.personId) throw forbidden('the token names no person (claim pid)');
      temporalOf(c);
      const policy = c.var.deps.config.dispatch.policy;
      const photos = await storePhotos(c, policy, 'photos', body.photos);
      const triage = triageText(c.var.deps.triage, body.text, policy);
      const registered = await ruled(
        registerDispatchRequest(emOf(c), {
          id: await uuidFor(`dispatch|${p.userId}|${key}`),
          principal: p,
          channel: 'app',
          buildingId: null,
          apartmentId: body.apartmentId,
          text: body.text,
          call: null,
          triage: triage.record,
          triageMicros: triage.micros,
          photos,
          policy,
          idempotencyKey: `${p.userId}:${key}`,
          requestSha256: await requestHash({ ...body, photos: body.photos.length }),
        }),
      );
      return answer(c, registered);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'recordDispatchCall',
      path: '/dispatch/calls',
      tags: ['dispatch'],
      summary:
        'Enter a phone call with the time it rang and was answered (the 5-minute rule is measured on them) (management_company dispatcher of the building’s organization)',
      security: bearer,
      middleware: [requireRoles('management_company')] as const,
      request: {
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: CallBody } } },
      },
      responses: {
        201: { description: 'Registered and triaged', content },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', content },
        ...problems(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const p = c.var.principal;
      if (!p.organizationId) throw forbidden('the token names no organization (claim org)');
      const receivedAt = Date.parse(body.callReceivedAt);
      const answeredAt = Date.parse(body.callAnsweredAt);
      const bad = (field: string, message: string) =>
        new HttpProblem(400, message, { errors: [{ field: `body.${field}`, message }] });
      if (answeredAt < receivedAt) throw bad('callAnsweredAt', 'a call is answered after it rings');
      if (answeredAt > Date.now() + 60_000)
        throw bad('callAnsweredAt', 'a call cannot be answered in the future');
      if (receivedAt < Date.now() - CALL_ENTRY_HOURS * 3_600_000)
        throw bad('callReceivedAt', `a call is entered within ${CALL_ENTRY_HOURS} hours of its ringing`);
      const callerPhone = body.callerPhone === undefined ? null : normalizeUzPhone(body.callerPhone);
      if (body.callerPhone !== undefined && !callerPhone)
        throw bad('callerPhone', 'an Uzbek phone number: +998 and nine digits');
      temporalOf(c);
      const policy = c.var.deps.config.dispatch.policy;
      const triage = triageText(c.var.deps.triage, body.text, policy);
      const registered = await ruled(
        registerDispatchRequest(emOf(c), {
          id: await uuidFor(`dispatch|${p.userId}|${key}`),
          principal: p,
          channel: 'phone',
          buildingId: body.buildingId,
          apartmentId: body.apartmentId ?? null,
          text: body.text,
          call: { receivedAt, answeredAt, ...(callerPhone ? { callerPhone } : {}) },
          triage: triage.record,
          triageMicros: triage.micros,
          photos: [],
          policy,
          idempotencyKey: `${p.userId}:${key}`,
          requestSha256: await requestHash(body),
        }),
      );
      return answer(c, registered);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      operationId: 'getDispatchRequest',
      path: '/dispatch/requests/{id}',
      tags: ['dispatch'],
      summary:
        'A request with its triage, clocks and steps (its resident, the organization’s staff, the district’s council and inspector, admin)',
      security: bearer,
      middleware: [requireRoles('resident', 'management_company', 'council', 'inspector', 'admin')] as const,
      request: { params: UuidParam },
      responses: { 200: { description: 'The request', content }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await visibleRequest(c, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      operationId: 'recordDispatchStep',
      path: '/dispatch/requests/{id}/steps',
      tags: ['dispatch'],
      summary:
        'Take a step: confirm or correct the triage, assign (management_company dispatcher); accept, on the way, on site, contain, done with a note and photos (the assigned technician); confirm, reject (reopens), rate (the resident)',
      security: bearer,
      middleware: [requireRoles('resident', 'management_company')] as const,
      request: {
        params: UuidParam,
        headers: IdempotencyHeader,
        body: { required: true, content: { 'application/json': { schema: StepBody } } },
      },
      responses: {
        200: { description: 'The request after the step', content },
        ...problems(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const p = c.var.principal;
      const actor = { kind: 'user' as const, principal: p };
      // Scope before state, and before the body: who may take this step is settled on the stored
      // request first.
      const read = await readRequest(emOf(c), id);
      if (!read) throw notFound('no such request');
      if (!canView(p, read.request, read.districtId)) throw forbidden('this request is outside your scope');
      const body = c.req.valid('json');
      const denied = authorize(read.request, body.type, actor);
      if (denied) throw forbidden(describeDispatchRefusal(denied).message);
      const policy = c.var.deps.config.dispatch.policy;
      const photos = body.type === 'done' ? await storePhotos(c, policy, 'photos', body.photos) : [];
      const command = body.type === 'done' ? { type: 'done' as const, note: body.note } : body;
      await ruled(
        applyToDispatchRequest(emOf(c), {
          requestId: id,
          command,
          actor,
          // A fixed-length name for any key the header allows: the event's column holds 128.
          requestKey: await uuidFor(`dispatch-step|${p.userId}|${key}`),
          photos,
        }),
      );
      await wake(c, id);
      return c.json(await visibleRequest(c, id), 200);
    },
  );
