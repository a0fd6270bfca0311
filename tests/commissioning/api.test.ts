// Authorization and bad input per commissioning endpoint: 401 without a token, 403 for the wrong
// role or scope, 400 naming the field, 404/409/422 where the rules say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommissioningView } from '../../db/commissioning/views.ts';
import { call, newKey, ok, problem } from '../register/api-fixtures.ts';
import {
  applyFor,
  type CommissioningEnv,
  drawUp,
  newSite,
  passportOf,
  path,
  type Site,
  signAct,
  startCommissioningEnv,
} from './fixtures.ts';

let env: CommissioningEnv;
let site: Site;
let other: Site;
let a: CommissioningView;
beforeAll(async () => {
  env = await startCommissioningEnv();
  [site, other] = [await newSite(env), await newSite(env)];
  env.cadastre.issue(passportOf(site));
  a = await applyFor(env, site);
}, 120_000);
afterAll(() => env?.stop());

const resident = () =>
  env.app.deps.dev!.issuer.sign({ sub: crypto.randomUUID(), name: 'R', roles: ['resident'] });
const FOR_DEVELOPER = /endpoint is for: developer$/;
const applyBody = (s: Site) => ({
  cadastralNumber: s.cadastralNumber,
  districtId: s.districtId,
  developerName: 'Qurilish Invest MChJ',
  contactEmail: s.email,
});

describe('POST /commissioning/applications', () => {
  const post = (token: string | undefined, body: unknown, key = newKey()) =>
    call(env.app, 'POST', '/commissioning/applications', { token, body, key });

  it('401 without a token, or a developer token without a TIN', async () => {
    await problem(await post(undefined, applyBody(other)), 401, { detail: 'bearer token is required' });
    const noTin = await env.app.deps.dev!.issuer.sign({ sub: crypto.randomUUID(), roles: ['developer'] });
    await problem(await post(noTin, applyBody(other)), 401, { detail: 'developer token needs dtin' });
  });

  it('403 for anyone but a developer', async () => {
    await problem(await post(await resident(), applyBody(other)), 403, { detail: FOR_DEVELOPER });
    await problem(await post(other.inspector, applyBody(other)), 403, { detail: FOR_DEVELOPER });
  });

  it('400 naming the field, and without an Idempotency-Key', async () => {
    const r = await problem(
      await post(other.developer.token, { ...applyBody(other), contactEmail: 'no', cadastralNumber: '' }),
      400,
    );
    expect(r.errors?.map((e) => e.field).sort()).toEqual(['body.cadastralNumber', 'body.contactEmail']);
    await problem(
      await post(other.developer.token, { ...applyBody(other), districtId: crypto.randomUUID() }),
      400,
      'body.districtId',
    );
    const keyless = await call(env.app, 'POST', '/commissioning/applications', {
      token: other.developer.token,
      body: applyBody(other),
    });
    await problem(keyless, 400, 'header.idempotency-key');
  });

  it('replays the same key, refuses it for another body, refuses a second open application', async () => {
    // A site of its own: the application it opens must not change what the other tests see.
    const fresh = await newSite(env);
    const key = newKey();
    const first = await ok<CommissioningView>(await post(fresh.developer.token, applyBody(fresh), key), 201);
    const again = await ok<CommissioningView>(await post(fresh.developer.token, applyBody(fresh), key), 200);
    expect(again.id).toBe(first.id);
    await problem(await post(fresh.developer.token, { ...applyBody(fresh), developerName: 'X' }, key), 409, {
      detail: /Idempotency-Key/i,
    });
    await problem(await post(fresh.developer.token, applyBody(fresh)), 409, 'body.cadastralNumber');
  });
});

describe('GET /commissioning/applications/{id}', () => {
  const get = (token: string | undefined, id = a.id) => call(env.app, 'GET', path(id), { token });
  it('shows the developer, the inspector of the district and admins the checklist', async () => {
    for (const token of [site.developer.token, site.inspector, site.admin]) {
      const v = await ok<CommissioningView>(await get(token));
      expect(v.conditions.map((c) => c.condition)).toEqual([
        'cadastral_passport_issued',
        'shown_in_registry',
        'solar_panels_transferred',
        'management_organization_engaged',
      ]);
    }
  });
  it('401, 403 out of scope or role, 400 a bad id, 404 an unknown one', async () => {
    await problem(await get(undefined), 401, { detail: 'bearer token is required' });
    for (const token of [site.otherInspector, other.developer.token, site.staff.token])
      await problem(await get(token), 403, { detail: 'outside your scope' });
    await problem(await get(site.inspector, 'nope'), 400, 'param.id');
    await problem(await get(site.inspector, crypto.randomUUID()), 404, {
      detail: 'no such commissioning application',
    });
  });
});

describe('inspector steps', () => {
  const step = (p: string, token: string | undefined, body?: unknown) =>
    call(env.app, 'POST', path(a.id, p), { token, body });
  it('check, commission and reject: 401, 403 for the developer, 403 for another district', async () => {
    for (const [p, body] of [
      ['/check', undefined],
      ['/commission', undefined],
      ['/reject', { reasons: ['x'] }],
    ] as const) {
      await problem(await step(p, undefined, body), 401, { detail: 'bearer token is required' });
      await problem(await step(p, site.developer.token, body), 403, { detail: /endpoint is for: inspector/ });
      await problem(await step(p, site.otherInspector, body), 403, { detail: 'outside your scope' });
    }
  });
  it('commission before the check is 409; a reject without reasons is 400', async () => {
    await problem(await step('/commission', site.inspector), 409, {
      detail: 'not allowed while the application is applied',
    });
    await problem(await step('/reject', site.inspector, { reasons: [] }), 400, 'body.reasons');
  });
  it('evidence: 400 an unknown condition, 403 what the developer may not record', async () => {
    await problem(
      await step('/evidence', site.developer.token, { condition: 'fire_safety', documentId: 'x' }),
      400,
      'body.condition',
    );
    const forbidden = await step('/evidence', site.developer.token, {
      condition: 'shown_in_registry',
      documentId: 'x',
    });
    await problem(forbidden, 403, { detail: 'may not record condition' });
    await problem(
      await step('/evidence', site.developer.token, {
        condition: 'solar_panels_transferred',
        documentId: 'paper-act-1',
        managementOrganizationTin: site.org.tin,
      }),
      400,
      'body.signedByTins',
    );
  });
});

describe('a decided application', () => {
  it('refuses who may not take a step with 403 before telling anyone its state with 409', async () => {
    // A site of its own: rejecting its application must not change what the other tests see.
    const fresh = await newSite(env);
    env.cadastre.issue(passportOf(fresh));
    const decided = await applyFor(env, fresh);
    const step = (p: string, token: string, body?: unknown) =>
      call(env.app, 'POST', path(decided.id, p), { token, body });
    expect(
      (await ok<CommissioningView>(await step('/reject', fresh.inspector, { reasons: ['x'] }))).state,
    ).toBe('rejected');
    const registry = { condition: 'shown_in_registry', documentId: 'x' };
    await problem(await step('/evidence', fresh.developer.token, registry), 403, {
      detail: 'may not record condition',
    });
    await problem(await step('/evidence', fresh.inspector, registry), 409, { detail: 'is rejected' });
    const passport = { condition: 'cadastral_passport_issued', documentId: 'x' };
    await problem(await step('/evidence', fresh.developer.token, passport), 409, { detail: 'is rejected' });
    await problem(await step('/commission', fresh.inspector), 409, { detail: 'is rejected' });
  });
});

describe('acts', () => {
  it('only the developer draws one up; 400 names the panels and the organization', async () => {
    const post = (token: string, body: unknown) =>
      call(env.app, 'POST', path(a.id, '/acts'), { token, key: newKey(), body });
    const engagement = { kind: 'management_engagement', organizationId: site.org.id };
    await problem(await post(site.inspector, engagement), 403, { detail: FOR_DEVELOPER });
    await problem(await post(other.developer.token, engagement), 403, { detail: 'outside your scope' });
    await problem(
      await post(site.developer.token, { kind: 'solar_transfer', organizationId: site.org.id }),
      400,
      'body.panels',
    );
    await problem(
      await post(site.developer.token, { ...engagement, organizationId: crypto.randomUUID() }),
      400,
      'body.organizationId',
    );
  });

  it('serves the exact bytes to the parties; refuses a forged or repeated signature and other parties', async () => {
    const act = await drawUp(env, site, a.id, 'solar_transfer');
    const doc = await call(env.app, 'GET', path(a.id, `/acts/${act.id}/document`), {
      token: site.staff.token,
    });
    expect(doc.status).toBe(200);
    expect(doc.headers.get('x-document-sha256')).toBe(act.sha256);
    expect(await doc.text()).toContain('40 panels of 16.40 kW');
    await problem(
      await call(env.app, 'GET', path(a.id, `/acts/${act.id}/document`), { token: other.staff.token }),
      403,
      { detail: 'outside your scope' },
    );
    const forged = await problem(
      await signAct(env, site.developer, a.id, act, new TextEncoder().encode('other bytes')),
      422,
      'body.signature',
    );
    expect(forged.reason).toBe('bad_signature');
    await problem(await signAct(env, other.staff, a.id, act), 403, { detail: 'outside your scope' });
    await problem(await signAct(env, { ...other.developer }, a.id, act), 403, {
      detail: 'outside your scope',
    });
    const resident403 = await call(env.app, 'POST', path(a.id, `/acts/${act.id}/signatures`), {
      token: await resident(),
      body: {},
    });
    await problem(resident403, 403, { detail: /endpoint is for: developer, management_company/ });
    await ok(await signAct(env, site.developer, a.id, act));
    await problem(await signAct(env, site.developer, a.id, act), 409, { detail: /signed/ });
    await problem(
      await call(env.app, 'POST', path(a.id, `/acts/${act.id}/signatures`), {
        token: site.staff.token,
        body: { documentSha256: 'x' },
      }),
      400,
      'body.documentSha256',
    );
  });
});
