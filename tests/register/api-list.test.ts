// The reviewers' queue: GET /register/applications lists what a caller may review or follow, and
// nothing beyond — council and inspector their district, the applicant its organization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../domain/register/view.ts';
import {
  apply,
  call,
  newOrganization,
  type Org,
  ok,
  problem,
  type RegisterEnv,
  startRegisterEnv,
} from './api-fixtures.ts';

let env: RegisterEnv;
let a: Org;
let b: Org;
let appA: ApplicationView;
let appB: ApplicationView;

beforeAll(async () => {
  env = await startRegisterEnv();
  [a, b] = await Promise.all([newOrganization(env), newOrganization(env)]);
  appA = await apply(env.slow, a);
  appB = await apply(env.slow, b);
});

afterAll(async () => {
  await env?.stop();
});

const list = async (token: string, query = '') =>
  (
    await ok<{ items: ApplicationView[] }>(
      await call(env.slow, 'GET', `/register/applications${query}`, { token }),
    )
  ).items;
const ids = (items: ApplicationView[]) => items.map((x) => x.id);

describe('GET /register/applications', () => {
  it('needs a token and a reviewing or applying role', async () => {
    await problem(await call(env.slow, 'GET', '/register/applications'), 401);
    await problem(
      await call(env.slow, 'GET', '/register/applications', { token: await env.slow.tokenFor('resident') }),
      403,
      { detail: 'this endpoint is for: management_company, council, inspector, admin' },
    );
    await problem(
      await call(env.slow, 'GET', '/register/applications?state=nope', { token: a.tokens.admin }),
      400,
    );
  });

  it("shows council and inspector their district's applications only", async () => {
    const councilA = await list(a.tokens.council, '?state=under_review');
    expect(ids(councilA)).toEqual([appA.id]);
    expect(councilA[0]).toMatchObject({
      organizationId: a.id,
      districtId: a.districtId,
      state: 'under_review',
    });
    expect(ids(await list(b.tokens.inspector, '?state=under_review'))).toEqual([appB.id]);
    expect(await list(a.tokens.council, '?state=registered')).toEqual([]);
  });

  it('shows the management company its own organization only, and admins everything, newest first', async () => {
    expect(ids(await list(a.tokens.manager))).toEqual([appA.id]);
    expect(ids(await list(b.tokens.manager, '?state=under_review'))).toEqual([appB.id]);
    const all = ids(await list(a.tokens.admin, '?state=under_review&limit=200'));
    expect(all).toContain(appA.id);
    expect(all.indexOf(appB.id)).toBeLessThan(all.indexOf(appA.id));
  });

  it('shows the demo council nothing of other districts', async () => {
    const demo = await list(await env.slow.tokenFor('council'));
    expect(ids(demo)).not.toContain(appA.id);
    expect(ids(demo)).not.toContain(appB.id);
  });
});
