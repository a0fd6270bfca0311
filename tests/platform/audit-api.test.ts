// GET /api/v1/audit/{kind}/{id}/verification through the real app: an appeal driven through the
// API verifies, the same appeal's history edited behind the application's back does not and the
// answer names the row; callers without a token, outside the record's scope or of a role the
// history is not for are refused before anything about the history is read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainVerification } from '../../domain/common/audit-chain.ts';
import { type AppealsEnv, act, newScene, signToken, startAppealsEnv, submit } from '../appeals/fixtures.ts';
import { call, ok, problem } from '../support/api-client.ts';

let env: AppealsEnv;
beforeAll(async () => {
  env = await startAppealsEnv();
});
afterAll(async () => {
  await env?.stop();
});

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

const verification = (token: string | undefined, kind: string, id: string) =>
  call(env.app, 'GET', `/audit/${kind}/${id}/verification`, { token });

/** As a superuser who switches the triggers off, in one transaction that touches nothing else. */
async function tamper(sql: string, params: unknown[]) {
  await env.em().transactional(async (tx) => {
    await tx.execute('set local session_replication_role = replica');
    await tx.execute(sql, params);
  });
}

const eventIds = async (appealId: string) =>
  (
    await env
      .em()
      .execute<{ id: string }[]>(`select id from appeal_event where appeal_id = ? order by chain_pos`, [
        appealId,
      ])
  ).map((r) => r.id);

describe('appeal history verification', () => {
  it('an appeal driven through the API verifies, for its applicant and an inspector of the district', async () => {
    const s = await newScene(env);
    const a = await submit(env, s);
    await ok(await act(env, s.staff, a.id, 'accept'));
    await ok(await act(env, s.staff, a.id, 'answer', { text: 'The boiler is repaired.' }));
    const inspector = await signToken(env, ['inspector'], { district: s.org.districtId });
    for (const token of [s.owner, inspector, s.staff]) {
      const v = await ok<ChainVerification>(await verification(token, 'appeals', a.id));
      expect(v).toEqual({ valid: true, rows: 3, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
  });

  it('names the edited row, then the deleted one', async () => {
    const s = await newScene(env);
    const a = await submit(env, s);
    await ok(await act(env, s.staff, a.id, 'accept'));
    await ok(await act(env, s.staff, a.id, 'answer', { text: 'Repaired.' }));
    const inspector = await signToken(env, ['inspector'], { district: s.org.districtId });
    const ids = await eventIds(a.id);

    await tamper(`update appeal_event set actor_user_id = null where id = ?`, [ids[1]]);
    expect(await ok<ChainVerification>(await verification(inspector, 'appeals', a.id))).toMatchObject({
      valid: false,
      rows: 3,
      reason: 'content_changed',
      firstBrokenAt: { position: 2, rowId: ids[1] },
    });

    await tamper(`delete from appeal_event where id = ?`, [ids[1]]);
    expect(await ok<ChainVerification>(await verification(inspector, 'appeals', a.id))).toMatchObject({
      valid: false,
      rows: 2,
      reason: 'row_missing',
      firstBrokenAt: { position: 3, rowId: ids[2] },
    });
  });

  it('refuses another district’s inspector, another owner and a role the history is not for', async () => {
    const s = await newScene(env);
    const other = await newScene(env);
    const a = await submit(env, s);
    const elsewhere = await signToken(env, ['inspector'], { district: randomUUID() });
    await problem(await verification(elsewhere, 'appeals', a.id), 403);
    await problem(await verification(other.owner, 'appeals', a.id), 403);
    await problem(await verification(await developer(), 'appeals', a.id), 403);
  });
});

describe('every history’s verification route', () => {
  const KINDS = ['appeals', 'contracts', 'commissioning', 'register', 'meetings', 'buildings'];

  it.each(KINDS)('%s: 401 without a valid token, 400 for a bad id, 404 for no such record', async (kind) => {
    const admin = await signToken(env, ['admin']);
    await problem(await verification(undefined, kind, randomUUID()), 401);
    await problem(await verification('not-a-token', kind, randomUUID()), 401);
    await problem(await verification(admin, kind, 'nope'), 400, 'param.id');
    await problem(await verification(admin, kind, randomUUID()), 404);
  });

  it.each(KINDS.filter((k) => k !== 'commissioning'))('%s: 403 for a developer', async (kind) => {
    await problem(await verification(await developer(), kind, randomUUID()), 403);
  });

  it('commissioning: 403 for a resident and for an organization’s staff', async () => {
    const s = await newScene(env);
    await problem(await verification(s.owner, 'commissioning', randomUUID()), 403);
    await problem(await verification(s.staff, 'commissioning', randomUUID()), 403);
  });

  it('buildings: 403 for an inspector of another district; a building and an organization verify for the district’s own', async () => {
    const s = await newScene(env);
    const elsewhere = await signToken(env, ['inspector'], { district: randomUUID() });
    const inspector = await signToken(env, ['inspector'], { district: s.org.districtId });
    await problem(await verification(elsewhere, 'buildings', s.buildingId), 403);
    expect(
      await ok<ChainVerification>(await verification(inspector, 'buildings', s.buildingId)),
    ).toMatchObject({
      valid: true,
    });
    expect(await ok<ChainVerification>(await verification(inspector, 'register', s.org.id))).toMatchObject({
      valid: true,
    });
  });
});
