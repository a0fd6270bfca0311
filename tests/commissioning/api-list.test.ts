// GET /commissioning/applications: 401 without a token, 403 for a resident, and each role sees its
// own desk: the inspector the district's, the developer its TIN's, the organization's staff those
// with an act naming it, the admin all; newest first, filtered by state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommissioningView } from '../../db/commissioning/views.ts';
import { call, ok, problem } from '../register/api-fixtures.ts';
import {
  applyFor,
  type CommissioningEnv,
  drawUp,
  newSite,
  path,
  type Site,
  startCommissioningEnv,
} from './fixtures.ts';

let env: CommissioningEnv;
let site: Site;
let other: Site;
let a: CommissioningView;
let b: CommissioningView;
beforeAll(async () => {
  env = await startCommissioningEnv();
  [site, other] = [await newSite(env), await newSite(env)];
  a = await applyFor(env, site);
  b = await applyFor(env, other);
}, 120_000);
afterAll(() => env?.stop());

interface Item {
  id: string;
  state: string;
  districtId: string;
  developer: { tin: string };
}
const list = (token: string | undefined, query = '') =>
  call(env.app, 'GET', `/commissioning/applications${query}`, { token });
const ids = async (token: string, query = '') =>
  (await ok<{ items: Item[] }>(await list(token, query))).items.map((i) => i.id);

describe('GET /commissioning/applications', () => {
  it('401 without a token, 403 for a resident, 400 an unknown state', async () => {
    await problem(await list(undefined), 401, { detail: 'bearer token is required' });
    const resident = await env.app.deps.dev!.issuer.sign({ sub: crypto.randomUUID(), roles: ['resident'] });
    await problem(await list(resident), 403, {
      detail: 'this endpoint is for: developer, inspector, management_company, admin',
    });
    await problem(await list(site.inspector, '?state=lost'), 400, 'query.state');
  });

  it("shows the inspector their district's, the developer its own, the admin all", async () => {
    expect(await ids(site.inspector)).toEqual([a.id]);
    expect(await ids(other.inspector)).toEqual([b.id]);
    expect(await ids(site.otherInspector)).toEqual([]);
    expect(await ids(site.developer.token)).toEqual([a.id]);
    const all = await ids(site.admin);
    // Newest first.
    expect(all.indexOf(b.id)).toBeLessThan(all.indexOf(a.id));
    expect(all.indexOf(a.id)).toBeGreaterThanOrEqual(0);
  });

  it('filters by state', async () => {
    expect(await ids(site.inspector, '?state=applied')).toEqual([a.id]);
    expect(await ids(site.inspector, '?state=commissioned')).toEqual([]);
  });

  it("shows the organization's staff the applications with an act naming it, and lets them read one", async () => {
    expect(await ids(site.staff.token)).toEqual([]);
    await problem(await call(env.app, 'GET', path(a.id), { token: site.staff.token }), 403, {
      detail: 'outside your scope',
    });
    const act = await drawUp(env, site, a.id, 'management_engagement');
    expect(await ids(site.staff.token)).toEqual([a.id]);
    expect(await ids(other.staff.token)).toEqual([]);
    const v = await ok<CommissioningView>(
      await call(env.app, 'GET', path(a.id), { token: site.staff.token }),
    );
    expect(v.acts.map((x) => x.id)).toEqual([act.id]);
    expect(v.history).toEqual([]);
    await problem(await call(env.app, 'GET', path(a.id), { token: other.staff.token }), 403, {
      detail: 'outside your scope',
    });
  });
});
