// GET /api/v1/audit/dispatch/{id}/verification through the real app: a request driven through the
// API verifies for those who may see it; its history edited or cut behind the application's back
// does not, and the answer names the row; callers without a token, outside the request's scope or
// of a role the history is not for are refused before anything about the history is read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainVerification } from '../../domain/common/audit-chain.ts';
import { call, ok, problem } from '../register/api-fixtures.ts';
import {
  classification,
  type DispatchEnv,
  newScene,
  onDuty,
  type Scene,
  startDispatchEnv,
  step,
  submit,
} from './fixtures.ts';

let env: DispatchEnv;
beforeAll(async () => {
  env = await startDispatchEnv();
}, 120_000);
afterAll(() => env?.stop());

const verification = (token: string | undefined, id: string) =>
  call(env.app, 'GET', `/audit/dispatch/${id}/verification`, { token });

const developer = () =>
  env.app.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: 'Test developer',
    pid: null,
    roles: ['developer'],
    org: null,
    district: null,
    dtin: '301234567',
  });

/** As a superuser who switches the triggers off, in one transaction that touches nothing else. */
async function tamper(sql: string, params: unknown[]) {
  await env.em().transactional(async (tx) => {
    await tx.execute('set local session_replication_role = replica');
    await tx.execute(sql, params);
  });
}

const eventIds = async (requestId: string) =>
  (
    await env
      .em()
      .execute<{ id: string }[]>(`select id from dispatch_event where request_id = ? order by chain_pos`, [
        requestId,
      ])
  ).map((r) => r.id);

/** An emergency routed to the technician, who accepts it and sets off: a history of several rows. */
async function worked(s: Scene) {
  await ok(await onDuty(env, s), 201);
  env.triage.next = classification('water_leak', 'emergency');
  const r = await submit(env, s);
  await ok(await step(env, s.tech, r.id, { type: 'accept' }));
  await ok(await step(env, s.tech, r.id, { type: 'on_the_way' }));
  return r;
}

describe('dispatch request history verification', () => {
  it('a request driven through the API verifies for its resident, the organization and the district', async () => {
    const s = await newScene(env);
    const r = await worked(s);
    const rows = (await eventIds(r.id)).length;
    expect(rows).toBeGreaterThanOrEqual(3);
    for (const token of [s.owner, s.dispatcher, s.org.tokens.inspector, s.org.tokens.council]) {
      const v = await ok<ChainVerification>(await verification(token, r.id));
      expect(v).toEqual({ valid: true, rows, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
  }, 60_000);

  it('names the edited row, then the deleted one', async () => {
    const s = await newScene(env);
    const r = await worked(s);
    const ids = await eventIds(r.id);
    const inspector = s.org.tokens.inspector;

    await tamper(`update dispatch_event set actor_user_id = null where id = ?`, [ids[1]]);
    expect(await ok<ChainVerification>(await verification(inspector, r.id))).toMatchObject({
      valid: false,
      rows: ids.length,
      reason: 'content_changed',
      firstBrokenAt: { position: 2, rowId: ids[1] },
    });

    await tamper(`delete from dispatch_event where id = ?`, [ids[1]]);
    expect(await ok<ChainVerification>(await verification(inspector, r.id))).toMatchObject({
      valid: false,
      rows: ids.length - 1,
      reason: 'row_missing',
      firstBrokenAt: { position: 3, rowId: ids[2] },
    });
  }, 60_000);

  it('401 without a valid token, 400 for a bad id, 404 for no such request', async () => {
    const s = await newScene(env);
    await problem(await verification(undefined, randomUUID()), 401);
    await problem(await verification('not-a-token', randomUUID()), 401);
    await problem(await verification(s.org.tokens.admin, 'nope'), 400, 'param.id');
    await problem(await verification(s.org.tokens.admin, randomUUID()), 404);
  });

  it('403 for another organization, another flat’s owner, another district and a role the history is not for', async () => {
    const s = await newScene(env);
    const other = await newScene(env);
    env.triage.next = classification('elevator', 'urgent');
    const r = await submit(env, s, 'Lift ishlamayapti');
    await problem(await verification(other.dispatcher, r.id), 403);
    await problem(await verification(other.owner, r.id), 403);
    await problem(await verification(other.org.tokens.inspector, r.id), 403);
    await problem(await verification(await developer(), r.id), 403);
  }, 60_000);
});
