// The dispatch service end to end on the real stack: intake with triage and routing, the clocks
// as durable timers (seconds long through DISPATCH_POLICY), escalation mail, the technician's
// steps, rejection and reopening, confirmation and the close, a dispatcher's correction, and
// refusals per endpoint.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHash, uuidFor } from '../../api/idempotency.ts';
import { DispatchRequestRow, DispatchTriageCorrection } from '../../db/dispatch/entities.ts';
import { registerDispatchRequest } from '../../db/dispatch/repository.ts';
import { Person } from '../../db/registry/entities.ts';
import {
  dispatchStateQuery,
  dispatchWorkflowId,
  massIncidentWorkflowId,
} from '../../workflows/dispatch/contract.ts';
import { call, newKey, ok, problem, until } from '../register/api-fixtures.ts';
import {
  classification,
  type DispatchEnv,
  get,
  mailsTo,
  newScene,
  onDuty,
  type RequestView,
  startDispatchEnv,
  step,
  submit,
} from './fixtures.ts';

let env: DispatchEnv;
beforeAll(async () => {
  env = await startDispatchEnv({
    containEmergencyMinutes: 0.05,
    inspectionAfterMinutes: 0.05,
    autoCloseMinutes: 0.05,
    reminderShareLeft: [0.5],
  });
}, 120_000);
afterAll(() => env?.stop());

describe('dispatch API', () => {
  it('routes an emergency to the technician on duty, escalates its breach, reopens on rejection and closes on confirmation', async () => {
    const s = await newScene(env);
    await ok(await onDuty(env, s), 201);
    env.triage.next = classification('water_leak', 'emergency');
    const r = await submit(env, s);
    expect(r).toMatchObject({
      status: 'assigned',
      assigneeUserId: s.techId,
      category: 'water_leak',
      urgency: 'emergency',
    });
    expect(r.acknowledgement?.number).toMatch(/^\d{4}-\d{6}$/);
    expect(r.triage?.modelVersion).toBe('test-chosen');
    expect(r.clocks.map((c) => c.kind)).toEqual(['contain', 'done']);

    // Nobody contains it: the chief engineer hears at the breach, the inspection after.
    const escalated = await until('escalated to the inspection', async () => {
      const v = await get(env, s.dispatcher, r.id);
      return v.clocks[0]!.escalation === 2 ? v : undefined;
    });
    expect(escalated.clocks[0]!.metAt).toBeNull();
    await until('mails', async () =>
      mailsTo(env, s.org.councilEmail).length > 0 && mailsTo(env, s.org.email).length >= 3 ? true : undefined,
    );
    const subjects = mailsTo(env, s.org.email).map((m) => m.subject);
    expect(subjects.some((t) => t.includes('Eslatma'))).toBe(true);
    expect(subjects.some((t) => t.includes('Bosh muhandisga'))).toBe(true);
    expect(mailsTo(env, s.org.councilEmail)[0]!.subject).toContain('Inspeksiyaga');
    // The organization's staff open the request from its mail; the inspection reads figures, not requests.
    for (const m of mailsTo(env, s.org.email)) expect(m.text, m.subject).toContain(`?open=request:${r.id}`);
    expect(mailsTo(env, s.org.councilEmail)[0]!.text).not.toContain('?open=');

    for (const type of ['accept', 'on_the_way', 'on_site']) await ok(await step(env, s.tech, r.id, { type }));
    await ok(await step(env, s.tech, r.id, { type: 'contain', note: 'riser shut' }));
    await ok(await step(env, s.tech, r.id, { type: 'done', note: 'pipe replaced' }));
    const reopened = await ok<RequestView>(
      await step(env, s.owner, r.id, { type: 'reject', reason: 'still dripping' }),
    );
    expect(reopened).toMatchObject({ status: 'assigned', reopened: 1 });
    await ok(await step(env, s.tech, r.id, { type: 'accept' }));
    await ok(await step(env, s.tech, r.id, { type: 'on_site' }));
    await ok(await step(env, s.tech, r.id, { type: 'done', note: 'joint resealed' }));
    await ok(await step(env, s.owner, r.id, { type: 'confirm' }));
    await until('closed', async () =>
      (await get(env, s.owner, r.id)).status === 'closed' ? true : undefined,
    );
    const rated = await ok<RequestView>(await step(env, s.owner, r.id, { type: 'rate', rating: 5 }));
    expect(rated.rating).toBe(5);
    await until('done and closed mails', async () =>
      mailsTo(env, s.org.ownerEmail).some((m) => m.subject.includes('yopildi')) ? true : undefined,
    );
    // Every notice to the resident opens their request.
    for (const m of mailsTo(env, s.org.ownerEmail))
      expect(m.text, m.subject).toContain(`?open=request:${r.id}`);
  }, 90_000);

  it('applies an escalation once even when the stored request has lost its level', async () => {
    const s = await newScene(env);
    await ok(await onDuty(env, s), 201);
    env.triage.next = classification('water_leak', 'emergency');
    const r = await submit(env, s);
    await until('escalated to the inspection', async () =>
      (await get(env, s.dispatcher, r.id)).clocks[0]!.escalation === 2 ? true : undefined,
    );
    // A triage confirmed before the domain kept the clocks left the breach looking new.
    const em = env.em();
    const row = await em.findOneOrFail(DispatchRequestRow, { id: r.id });
    row.state = { ...row.state, clocks: row.state.clocks.map((c) => ({ ...c, escalation: 0 as const })) };
    await em.flush();
    // Two steps, each awaited as read by the workflow: the work the first woke is then in its history.
    const handle = env.app.deps.temporal!.workflow.getHandle(dispatchWorkflowId(r.id));
    for (const [type, status] of [
      ['accept', 'accepted'],
      ['on_the_way', 'on_the_way'],
    ]) {
      await ok(await step(env, s.tech, r.id, { type }));
      await until(`the workflow read ${type}`, async () =>
        (await handle.query(dispatchStateQuery))?.request.status === status ? true : undefined,
      );
    }
    const applied = (await handle.fetchHistory()).events!.filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'applyDispatchAction',
    );
    expect(applied).toHaveLength(2);
  }, 60_000);

  it('queues an unsure triage for a dispatcher, whose correction is kept as a training example', async () => {
    const s = await newScene(env);
    env.triage.next = classification('water_leak', 'urgent', 0.4);
    const r = await submit(env, s, 'Ertalabdan beri kanalizatsiya tiqilib qoldi');
    expect(r).toMatchObject({ status: 'queued', needsConfirmation: true, assigneeUserId: null });
    await ok(await onDuty(env, s), 201);
    await problem(await step(env, s.dispatcher, r.id, { type: 'assign', technicianUserId: s.techId }), 409);
    const fixed = await ok<RequestView>(
      await step(env, s.dispatcher, r.id, {
        type: 'confirm_triage',
        category: 'sewerage',
        urgency: 'urgent',
      }),
    );
    expect(fixed).toMatchObject({ category: 'sewerage', needsConfirmation: false });
    expect(fixed.clocks).toHaveLength(1);
    const corrections = await env.em().find(DispatchTriageCorrection, { request: r.id });
    expect(corrections.map((c) => [c.modelCategory, c.category, c.modelVersion])).toEqual([
      ['water_leak', 'sewerage', 'test-chosen'],
    ]);
    const assigned = await ok<RequestView>(
      await step(env, s.dispatcher, r.id, { type: 'assign', technicianUserId: s.techId }),
    );
    expect(assigned).toMatchObject({ status: 'assigned', assigneeUserId: s.techId });
  }, 60_000);

  it('refuses strangers, wrong roles and bad input with problem+json', async () => {
    const s = await newScene(env);
    const other = await newScene(env);
    env.triage.next = classification('elevator', 'urgent');
    const r = await submit(env, s, 'Lift ishlamayapti');
    await problem(await call(env.app, 'POST', '/dispatch/requests', { key: newKey(), body: {} }), 401);
    await problem(await call(env.app, 'GET', '/dispatch/board', { token: s.owner }), 403);
    await problem(
      await call(env.app, 'GET', '/dispatch/figures?quarter=2027-Q1', { token: s.dispatcher }),
      403,
    );
    await problem(await call(env.app, 'GET', `/dispatch/requests/${r.id}`, { token: other.dispatcher }), 403);
    await problem(await step(env, other.tech, r.id, { type: 'accept' }), 403);
    // Another flat's owner: refused before anything about the request's state is said.
    await problem(await step(env, other.owner, r.id, { type: 'confirm' }), 403);
    await problem(
      await call(env.app, 'POST', '/dispatch/requests', {
        token: s.owner,
        key: newKey(),
        body: { apartmentId: s.apartmentId },
      }),
      400,
      'body.text',
    );
    await problem(
      await call(env.app, 'POST', '/dispatch/requests', {
        token: s.owner,
        key: newKey(),
        body: { apartmentId: other.apartmentId, text: 'suv yo‘q' },
      }),
      403,
    );
    await problem(
      await call(env.app, 'POST', '/dispatch/requests', {
        token: s.owner,
        key: newKey(),
        body: {
          apartmentId: s.apartmentId,
          text: 'rasm',
          photos: [{ contentBase64: Buffer.from('%PDF-1.4 not a photo').toString('base64') }],
        },
      }),
      400,
      'body.photos.0.contentBase64',
    );
    await problem(await step(env, s.owner, r.id, { type: 'rate', rating: 9 }), 400, 'body.rating');
    const key = newKey();
    const body = { apartmentId: s.apartmentId, text: 'Domofon ishlamaydi' };
    const first = await ok<RequestView>(
      await call(env.app, 'POST', '/dispatch/requests', { token: s.owner, key, body }),
      201,
    );
    const again = await ok<RequestView>(
      await call(env.app, 'POST', '/dispatch/requests', { token: s.owner, key, body }),
      200,
    );
    expect(again.id).toBe(first.id);
    await problem(
      await call(env.app, 'POST', '/dispatch/requests', {
        token: s.owner,
        key,
        body: { ...body, text: 'boshqa' },
      }),
      409,
    );
  }, 60_000);

  it('registers a phone call with its times and the caller’s number, and refuses a number that is not Uzbek or a ring from another day', async () => {
    const s = await newScene(env);
    const answeredAt = Date.now() - 60_000;
    const body = {
      buildingId: s.buildingId,
      text: 'Yuqoridan suv oqyapti',
      callerPhone: '+998 90 123-45-67',
      callReceivedAt: new Date(answeredAt - 120_000).toISOString(),
      callAnsweredAt: new Date(answeredAt).toISOString(),
    };
    await problem(
      await call(env.app, 'POST', '/dispatch/calls', {
        token: s.dispatcher,
        key: newKey(),
        body: { ...body, callerPhone: '90 123 45' },
      }),
      400,
      'body.callerPhone',
    );
    // A ring from another day (here a mistyped year) would falsify the answer figures.
    for (const callReceivedAt of [
      '0001-01-01T00:00:00Z',
      new Date(answeredAt - 25 * 3_600_000).toISOString(),
    ])
      await problem(
        await call(env.app, 'POST', '/dispatch/calls', {
          token: s.dispatcher,
          key: newKey(),
          body: { ...body, callReceivedAt },
        }),
        400,
        'body.callReceivedAt',
      );
    env.triage.next = classification('water_leak', 'emergency');
    const r = await ok<RequestView>(
      await call(env.app, 'POST', '/dispatch/calls', { token: s.dispatcher, key: newKey(), body }),
      201,
    );
    expect(r).toMatchObject({
      channel: 'phone',
      call: { receivedAt: answeredAt - 120_000, answeredAt, callerPhone: '+998901234567' },
    });
  }, 60_000);

  it('keeps jobs and assignment inside the organization: its own roster’s technicians only', async () => {
    const s = await newScene(env);
    const other = await newScene(env);
    await ok(await onDuty(env, s), 201);
    await ok(await onDuty(env, other), 201);
    env.triage.next = classification('elevator', 'urgent', 0.4);
    const r = await submit(env, s, 'Lift ishlamayapti');
    await ok(
      await step(env, s.dispatcher, r.id, {
        type: 'confirm_triage',
        category: 'elevator',
        urgency: 'urgent',
      }),
    );
    const assign = (token: string, technicianUserId: string) =>
      step(env, token, r.id, { type: 'assign', technicianUserId });
    await problem(await assign(other.dispatcher, other.techId), 403);
    for (const stranger of [randomUUID(), other.techId])
      await problem(await assign(s.dispatcher, stranger), 400, {
        field: 'body.technicianUserId',
        detail: 'roster',
      });
    await ok(await assign(s.dispatcher, s.techId));
    // The same person acting for another organization sees none of this one's jobs.
    const elsewhere = await env.app.deps.dev!.issuer.sign({
      sub: s.techId,
      name: 'Test technician',
      pid: null,
      roles: ['management_company'],
      org: other.org.id,
      district: null,
    });
    const jobs = async (token: string) =>
      (
        await ok<{ items: { id: string }[] }>(await call(env.app, 'GET', '/dispatch/jobs', { token }))
      ).items.map((j) => j.id);
    expect(await jobs(s.tech)).toEqual([r.id]);
    expect(await jobs(elsewhere)).toEqual([]);
    await problem(await call(env.app, 'GET', `/dispatch/requests/${r.id}`, { token: elsewhere }), 403);
    await problem(await step(env, elsewhere, r.id, { type: 'accept' }), 403);
  }, 60_000);

  it('takes a step under the longest Idempotency-Key and refuses a longer one naming the header', async () => {
    const s = await newScene(env);
    await ok(await onDuty(env, s), 201);
    env.triage.next = classification('elevator', 'urgent');
    const r = await submit(env, s, 'Lift ishlamayapti');
    const longest = `k${'x'.repeat(127)}`;
    const stepWith = (key: string) =>
      call(env.app, 'POST', `/dispatch/requests/${r.id}/steps`, {
        token: s.tech,
        key,
        body: { type: 'accept' },
      });
    expect((await ok<RequestView>(await stepWith(longest))).status).toBe('accepted');
    // The same key again is the same step, answered with what is stored.
    expect((await ok<RequestView>(await stepWith(longest))).status).toBe('accepted');
    await problem(await stepWith(`${longest}x`), 400, 'header.idempotency-key');
  }, 60_000);

  it('a retried registration starts the mass incident’s workflow that its first attempt left unstarted', async () => {
    const s = await newScene(env);
    env.triage.next = classification('gas', 'urgent');
    await submit(env, s, 'Gaz yo‘q');
    await submit(env, s, 'Газа нет');
    // The third report as a first attempt that stored everything and then failed to start its workflows.
    const key = newKey();
    const body = { apartmentId: s.apartmentId, text: 'No gas' };
    const sub = JSON.parse(Buffer.from(s.owner.split('.')[1]!, 'base64url').toString()).sub as string;
    const person = await env.em().findOneOrFail(Person, { email: s.org.ownerEmail });
    const first = await registerDispatchRequest(env.em(), {
      id: await uuidFor(`dispatch|${sub}|${key}`),
      principal: {
        userId: sub,
        personId: person.id,
        roles: ['resident'],
        organizationId: null,
        districtId: null,
        name: 'Test resident',
      },
      channel: 'app',
      buildingId: null,
      apartmentId: s.apartmentId,
      text: body.text,
      call: null,
      triage: {
        modelVersion: 'test-chosen',
        classification: classification('gas', 'urgent'),
        ruleFired: null,
        needsConfirmation: false,
      },
      triageMicros: 1,
      photos: [],
      policy: env.app.deps.config.dispatch.policy,
      idempotencyKey: `${sub}:${key}`,
      requestSha256: await requestHash({ ...body, photos: 0 }),
    });
    expect(first.massIncident).toMatchObject({ opened: true });
    const again = await ok<RequestView>(
      await call(env.app, 'POST', '/dispatch/requests', { token: s.owner, key, body }),
      200,
    );
    expect(again).toMatchObject({ id: first.request.id, massIncident: first.massIncident });
    const incident = env.app.deps.temporal!.workflow.getHandle(
      massIncidentWorkflowId(first.massIncident!.id),
    );
    expect((await incident.describe()).status.name).toBe('RUNNING');
  }, 60_000);

  it('a new report does not join an incident already resolved', async () => {
    const s = await newScene(env);
    env.triage.next = classification('heating', 'urgent');
    const [a, b, c] = [
      await submit(env, s, 'Isitish yo‘q'),
      await submit(env, s, 'Отопления нет'),
      await submit(env, s, 'No heating'),
    ];
    const incident = c.massIncident!.id;
    await ok(
      await call(env.app, 'POST', `/dispatch/mass-incidents/${incident}/resolve`, {
        token: s.dispatcher,
        key: newKey(),
        body: { note: 'boiler restarted' },
      }),
      202,
    );
    for (const r of [a, b, c])
      await until(`request ${r.number} done`, async () =>
        (await get(env, s.owner, r.id)).status === 'done' ? true : undefined,
      );
    // Reopened, the request stays linked to its incident, which is resolved nonetheless.
    const reopened = await ok<RequestView>(
      await step(env, s.owner, a.id, { type: 'reject', reason: 'still cold' }),
    );
    expect(reopened.massIncidentId).toBe(incident);
    const next = await submit(env, s, 'Batareyalar sovuq');
    expect(next.massIncident).toBeNull();
    expect(next.massIncidentId).toBeNull();
  }, 60_000);

  it('opens a mass incident on the third report and resolves every linked request at once', async () => {
    const s = await newScene(env);
    env.triage.next = classification('electricity', 'urgent');
    const a = await submit(env, s, 'Svet yo‘q butun podyezdda');
    const b = await submit(env, s, 'Электричества нет во всём подъезде');
    const c = await submit(env, s, 'No power in the whole entrance');
    expect([a.massIncident, b.massIncident]).toEqual([null, null]);
    expect(c.massIncident).toMatchObject({ opened: true });
    const incident = c.massIncident!.id;
    const resolveKey = newKey();
    const resolve = (key: string, note = 'feeder cable replaced') =>
      call(env.app, 'POST', `/dispatch/mass-incidents/${incident}/resolve`, {
        token: s.dispatcher,
        key,
        body: { note },
      });
    await ok(await resolve(resolveKey), 202);
    for (const r of [a, b, c])
      await until(`request ${r.number} done`, async () =>
        (await get(env, s.owner, r.id)).status === 'done' ? true : undefined,
      );
    // Once resolved, the same request is answered again; another body or request is refused.
    await ok(await resolve(resolveKey), 202);
    await problem(await resolve(resolveKey, 'something else'), 409, 'idempotency-key');
    await problem(await resolve(newKey()), 409, { code: 'dispatch.wrong_state' });
    await until('residents told', async () =>
      mailsTo(env, s.org.ownerEmail).filter((m) => m.subject.includes('bartaraf')).length === 3
        ? true
        : undefined,
    );
    // Woken by the incident, each request's own workflow closes it after the silence, at once
    // rather than at its next clock, and tells the resident nothing twice.
    for (const r of [a, b, c])
      await until(`request ${r.number} closed by silence`, async () =>
        (await get(env, s.owner, r.id)).status === 'closed' ? true : undefined,
      );
    expect(mailsTo(env, s.org.ownerEmail).filter((m) => m.subject.includes('bartaraf'))).toHaveLength(3);
    expect(mailsTo(env, s.org.ownerEmail).filter((m) => m.subject.includes('bajarildi'))).toEqual([]);
    const figures = await call(env.app, 'GET', `/dispatch/figures?quarter=${quarterNow()}&format=csv`, {
      token: s.org.tokens.council,
    });
    expect(figures.status).toBe(200);
    const lines = (await figures.text()).trim().split(/\r?\n/);
    // Uzbek without an Accept-Language; the organization's identifier beside its name.
    expect(lines[0]).toContain('Oʻz vaqtida bajarilgan (%)');
    expect(lines.find((l) => l.includes(s.org.id))?.split(',')[3]).toBe('3');
  }, 60_000);
});

function quarterNow(): string {
  const d = new Date(Date.now() + 5 * 3_600_000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}
