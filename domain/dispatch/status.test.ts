import { describe, expect, it } from 'vitest';
import type { Principal } from '../access/roles.ts';
import type { Actor } from '../common/actor.ts';
import { nextEscalation } from './deadlines.ts';
import { registerRequest } from './intake.ts';
import { DEFAULT_DISPATCH_POLICY as P } from './policy.ts';
import { applyDispatchCommand, availableActions, type DispatchCommand } from './status.ts';
import type { Classification } from './triage.ts';
import type { DispatchRequest } from './types.ts';

const T0 = Date.UTC(2027, 0, 15, 0, 30);
const MIN = 60_000;
const person = (userId: string, over: Partial<Principal> = {}): Actor => ({
  kind: 'user',
  principal: {
    userId,
    personId: null,
    roles: ['resident'],
    organizationId: null,
    districtId: null,
    name: userId,
    ...over,
  },
});
const resident = person('res', { personId: 'p1' });
const staff = (userId: string, org = 'org1') =>
  person(userId, { roles: ['management_company'], organizationId: org });
const dispatcher = staff('disp');
const tech = staff('tech');
const system: Actor = { kind: 'system' };

const classification = (
  category: Classification['category']['value'],
  urgency: Classification['urgency']['value'],
): Classification => ({
  language: { value: 'uz_cyrl', confidence: 0.99 },
  category: { value: category, confidence: 0.9 },
  urgency: { value: urgency, confidence: 0.9 },
  categoryTop: [{ value: category, confidence: 0.9 }],
});

function fresh(over: { needsConfirmation?: boolean; technician?: string | null } = {}): DispatchRequest {
  return registerRequest(
    P,
    {
      id: 'r1',
      number: '2027-000001',
      organizationId: 'org1',
      buildingId: 'b1',
      apartmentId: 'a1',
      residentUserId: 'res',
      residentPersonId: 'p1',
      channel: 'app',
      text: 'Шифтдан сув оқяпти',
      call: null,
      massIncidentId: null,
      duplicateOf: null,
      technicianUserId: over.technician === undefined ? 'tech' : over.technician,
      byUserId: 'res',
    },
    {
      modelVersion: 'test',
      classification: classification('water_leak', 'emergency'),
      ruleFired: null,
      needsConfirmation: over.needsConfirmation ?? false,
    },
    T0,
  );
}

function run(r: DispatchRequest, steps: [DispatchCommand, Actor, number][]): DispatchRequest {
  let cur = r;
  for (const [cmd, actor, at] of steps) {
    const res = applyDispatchCommand(P, cur, cmd, actor, at);
    if (!res.ok) throw new Error(`${cmd.type}: ${JSON.stringify(res.refusal)}`);
    cur = res.request;
  }
  return cur;
}

describe('dispatch request state machine', () => {
  it('a sure triage with a technician on duty is assigned at once; an unsure one waits in the queue', () => {
    expect(fresh()).toMatchObject({ status: 'assigned', assigneeUserId: 'tech' });
    expect(fresh({ needsConfirmation: true })).toMatchObject({ status: 'queued', assigneeUserId: null });
    expect(fresh({ technician: null })).toMatchObject({ status: 'queued', assigneeUserId: null });
  });

  it('walks the technician’s steps, meets the clocks, and closes on the resident’s confirmation', () => {
    const r = run(fresh(), [
      [{ type: 'accept' }, tech, T0 + MIN],
      [{ type: 'on_the_way' }, tech, T0 + 2 * MIN],
      [{ type: 'on_site' }, tech, T0 + 15 * MIN],
      [{ type: 'contain', note: 'riser shut' }, tech, T0 + 20 * MIN],
      [{ type: 'done', note: 'pipe replaced' }, tech, T0 + 90 * MIN],
      [{ type: 'confirm' }, resident, T0 + 100 * MIN],
      [{ type: 'close' }, system, T0 + 100 * MIN],
      [{ type: 'rate', rating: 5 }, resident, T0 + 200 * MIN],
    ]);
    expect(r.status).toBe('closed');
    expect(r.clocks.map((c) => [c.kind, c.metAt])).toEqual([
      ['contain', T0 + 20 * MIN],
      ['done', T0 + 90 * MIN],
    ]);
    expect(r.rating).toBe(5);
    expect(applyDispatchCommand(P, r, { type: 'rate', rating: 4 }, resident, T0 + 300 * MIN)).toEqual({
      ok: false,
      refusal: { code: 'already_rated' },
    });
  });

  it('a rejection reopens the job to its technician on a fresh done clock', () => {
    const done = run(fresh(), [
      [{ type: 'accept' }, tech, T0],
      [{ type: 'on_site' }, tech, T0 + 10 * MIN],
      [{ type: 'done', note: 'fixed' }, tech, T0 + 20 * MIN],
    ]);
    expect(
      applyDispatchCommand(P, done, { type: 'reject', reason: ' ' }, resident, T0 + 30 * MIN),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'reason_required' },
    });
    const reopened = run(done, [[{ type: 'reject', reason: 'still dripping' }, resident, T0 + 30 * MIN]]);
    expect(reopened).toMatchObject({ status: 'assigned', assigneeUserId: 'tech', reopened: 1, doneAt: null });
    expect(reopened.clocks.map((c) => [c.kind, c.metAt, c.dueAt])).toEqual([
      ['contain', T0 + 20 * MIN, T0 + 30 * MIN],
      ['done', T0 + 20 * MIN, T0 + 1440 * MIN],
      ['done', null, T0 + 30 * MIN + 1440 * MIN],
    ]);
  });

  it('checks who asks before the state: a stranger learns nothing, others’ steps are refused', () => {
    const r = fresh();
    const stranger = staff('other', 'org2');
    expect(applyDispatchCommand(P, { ...r, status: 'closed' }, { type: 'accept' }, stranger, T0)).toEqual({
      ok: false,
      refusal: { code: 'forbidden', action: 'accept' },
    });
    expect(applyDispatchCommand(P, r, { type: 'accept' }, dispatcher, T0)).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
    expect(applyDispatchCommand(P, r, { type: 'confirm' }, tech, T0)).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
    expect(applyDispatchCommand(P, r, { type: 'confirm' }, resident, T0)).toMatchObject({
      ok: false,
      refusal: { code: 'not_allowed_from_state' },
    });
    expect(availableActions(r, tech)).toEqual(['confirm_triage', 'assign', 'accept']);
    expect(availableActions(r, resident)).toEqual([]);
  });

  it('an unsure triage is confirmed or corrected before assignment, keeping the registration clock', () => {
    const q = fresh({ needsConfirmation: true });
    expect(
      applyDispatchCommand(P, q, { type: 'assign', technicianUserId: 'tech' }, dispatcher, T0),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'triage_unconfirmed' },
    });
    const corrected = run(q, [
      [{ type: 'confirm_triage', category: 'sewerage', urgency: 'urgent' }, dispatcher, T0 + 5 * MIN],
      [{ type: 'assign', technicianUserId: 'tech' }, dispatcher, T0 + 6 * MIN],
    ]);
    expect(corrected).toMatchObject({
      category: 'sewerage',
      urgency: 'urgent',
      needsConfirmation: false,
      status: 'assigned',
    });
    expect(corrected.clocks).toEqual([
      { kind: 'done', startsAt: T0, dueAt: T0 + 120 * MIN, metAt: null, escalation: 0 },
    ]);
  });

  it('confirming the triage keeps the clocks already met or breached, with their escalation', () => {
    const breached = run(fresh(), [
      [{ type: 'escalate', clock: 'contain', level: 1 }, system, T0 + 30 * MIN],
      [{ type: 'escalate', clock: 'contain', level: 2 }, system, T0 + 90 * MIN],
    ]);
    // The same triage confirmed: nothing on the clock changes, so nothing escalates again.
    const same = run(breached, [
      [{ type: 'confirm_triage', category: 'water_leak', urgency: 'emergency' }, dispatcher, T0 + 95 * MIN],
    ]);
    expect(same.clocks).toEqual(breached.clocks);
    // A changed category moves only the clock still running on time; the breach keeps its record.
    const recategorized = run(breached, [
      [{ type: 'confirm_triage', category: 'sewerage', urgency: 'emergency' }, dispatcher, T0 + 95 * MIN],
    ]);
    expect(recategorized.clocks).toEqual([
      { kind: 'contain', startsAt: T0, dueAt: T0 + 30 * MIN, metAt: null, escalation: 2 },
      { kind: 'done', startsAt: T0, dueAt: T0 + P.sewerBlockageMinutes * MIN, metAt: null, escalation: 0 },
    ]);
    // A met clock stays met when the urgency is lowered; the running one takes the routine time.
    const contained = run(fresh(), [
      [{ type: 'accept' }, tech, T0 + MIN],
      [{ type: 'on_site' }, tech, T0 + 10 * MIN],
      [{ type: 'contain' }, tech, T0 + 20 * MIN],
    ]);
    const lowered = applyDispatchCommand(
      P,
      { ...contained, status: 'assigned' },
      { type: 'confirm_triage', category: 'water_leak', urgency: 'routine' },
      dispatcher,
      T0 + 25 * MIN,
    );
    expect(lowered.ok && lowered.request.clocks).toEqual([
      { kind: 'contain', startsAt: T0, dueAt: T0 + 30 * MIN, metAt: T0 + 20 * MIN, escalation: 0 },
      { kind: 'done', startsAt: T0, dueAt: T0 + P.routineDays * 1440 * MIN, metAt: null, escalation: 0 },
    ]);
  });

  it('escalates a breached clock once per level, and not before it is due', () => {
    const r = fresh();
    expect(
      applyDispatchCommand(P, r, { type: 'escalate', clock: 'contain', level: 1 }, system, T0 + 29 * MIN),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'not_due' },
    });
    const once = run(r, [[{ type: 'escalate', clock: 'contain', level: 1 }, system, T0 + 30 * MIN]]);
    expect(once.clocks[0]!.escalation).toBe(1);
    expect(
      applyDispatchCommand(P, once, { type: 'escalate', clock: 'contain', level: 1 }, system, T0 + 31 * MIN)
        .ok,
    ).toBe(false);
    expect(
      applyDispatchCommand(P, once, { type: 'escalate', clock: 'contain', level: 2 }, system, T0 + 89 * MIN)
        .ok,
    ).toBe(false);
    const twice = run(once, [[{ type: 'escalate', clock: 'contain', level: 2 }, system, T0 + 90 * MIN]]);
    expect(twice.clocks[0]!.escalation).toBe(2);
  });

  it('escalates exactly when nextEscalation says, each level in turn', () => {
    let r = fresh();
    for (;;) {
      const next = nextEscalation(P, r.clocks[0]!);
      if (!next) break;
      const command = { type: 'escalate', clock: 'contain', level: next.level } as const;
      expect(applyDispatchCommand(P, r, command, system, next.at - 1)).toMatchObject({
        ok: false,
        refusal: { code: 'not_due', at: next.at },
      });
      r = run(r, [[command, system, next.at]]);
    }
    expect(r.clocks[0]!.escalation).toBe(2);
    // The inspection is not told of a breach the chief engineer has not yet heard of.
    expect(
      applyDispatchCommand(
        P,
        fresh(),
        { type: 'escalate', clock: 'contain', level: 2 },
        system,
        T0 + 999 * MIN,
      ).ok,
    ).toBe(false);
  });

  it('closes done work by itself only after the silence, and a mass resolution finishes the job', () => {
    const done = run(fresh(), [
      [{ type: 'accept' }, tech, T0],
      [{ type: 'on_site' }, tech, T0],
      [{ type: 'done', note: 'ok' }, tech, T0 + MIN],
    ]);
    const early = applyDispatchCommand(
      P,
      done,
      { type: 'close' },
      system,
      T0 + MIN + P.autoCloseMinutes * MIN - 1,
    );
    expect(early).toMatchObject({ ok: false, refusal: { code: 'silence_not_over' } });
    expect(run(done, [[{ type: 'close' }, system, T0 + MIN + P.autoCloseMinutes * MIN]]).status).toBe(
      'closed',
    );
    const mass = run(fresh({ technician: null }), [
      [{ type: 'resolve_mass', note: 'riser repaired' }, system, T0 + 40 * MIN],
    ]);
    expect(mass).toMatchObject({ status: 'done', doneAt: T0 + 40 * MIN });
    expect(mass.clocks.every((c) => c.metAt === T0 + 40 * MIN)).toBe(true);
  });
});
