// The roster's editing rights and its staff list on the real stack: only the organization's staff
// read who may be rostered; a technician on call only changes no shift (checked before the shift
// is looked up); a retried add with its Idempotency-Key adds one shift.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, ok, problem } from '../register/api-fixtures.ts';
import { type DispatchEnv, newScene, onDuty, startDispatchEnv } from './fixtures.ts';

let env: DispatchEnv;
beforeAll(async () => {
  env = await startDispatchEnv();
}, 120_000);
afterAll(() => env?.stop());

const shift = (userId: string, name: string, role = 'dispatcher') => ({
  userId,
  name,
  role,
  startsAt: new Date(Date.now() + 3_600_000).toISOString(),
  endsAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
});

describe('dispatch roster API', () => {
  it('lists the people rostered before, to the organization’s staff only', async () => {
    const s = await newScene(env);
    await ok(await onDuty(env, s), 201);
    const other = randomUUID();
    await ok(
      await call(env.app, 'POST', '/dispatch/roster/shifts', {
        token: s.dispatcher,
        key: newKey(),
        body: shift(other, 'Aziza Karimova'),
      }),
      201,
    );
    const staff = await ok<{ items: { userId: string; name: string }[] }>(
      await call(env.app, 'GET', '/dispatch/roster/staff', { token: s.dispatcher }),
    );
    expect(staff.items).toEqual([
      { userId: other, name: 'Aziza Karimova' },
      { userId: s.techId, name: 'Technician' },
    ]);
    // Another organization's staff see their own, empty list.
    const t = await newScene(env);
    expect(await ok(await call(env.app, 'GET', '/dispatch/roster/staff', { token: t.dispatcher }))).toEqual({
      items: [],
    });
    await problem(await call(env.app, 'GET', '/dispatch/roster/staff', {}), 401);
    await problem(await call(env.app, 'GET', '/dispatch/roster/staff', { token: s.owner }), 403);
  });

  it('refuses a technician on call any change of the roster, before looking the shift up', async () => {
    const s = await newScene(env);
    const added = await ok<{ id: string }>(await onDuty(env, s), 201);
    await problem(
      await call(env.app, 'POST', '/dispatch/roster/shifts', {
        token: s.tech,
        key: newKey(),
        body: shift(s.techId, 'Technician', 'technician'),
      }),
      403,
    );
    await problem(
      await call(env.app, 'DELETE', `/dispatch/roster/shifts/${added.id}`, { token: s.tech }),
      403,
    );
    await problem(
      await call(env.app, 'DELETE', `/dispatch/roster/shifts/${randomUUID()}`, { token: s.tech }),
      403,
    );
    await problem(await call(env.app, 'DELETE', `/dispatch/roster/shifts/${added.id}`, {}), 401);
    await problem(
      await call(env.app, 'DELETE', `/dispatch/roster/shifts/${added.id}`, { token: s.owner }),
      403,
    );
    const roster = await ok<{ shifts: { id: string }[] }>(
      await call(env.app, 'GET', '/dispatch/roster', { token: s.tech }),
    );
    expect(roster.shifts.map((x) => x.id)).toEqual([added.id]);
    // The organization's dispatcher may.
    const res = await call(env.app, 'DELETE', `/dispatch/roster/shifts/${added.id}`, { token: s.dispatcher });
    expect(res.status).toBe(204);
  });

  it('adds one shift for a retried request with the same Idempotency-Key', async () => {
    const s = await newScene(env);
    const key = newKey();
    const body = shift(randomUUID(), 'Aziza Karimova');
    const first = await ok<{ id: string }>(
      await call(env.app, 'POST', '/dispatch/roster/shifts', { token: s.dispatcher, key, body }),
      201,
    );
    const again = await ok<{ id: string }>(
      await call(env.app, 'POST', '/dispatch/roster/shifts', { token: s.dispatcher, key, body }),
      200,
    );
    expect(again.id).toBe(first.id);
  });
});
