// Authorization and bad input per commissioning endpoint: 401 without a token, 403 for the wrong
// role or scope, 400 naming the field, 404/409/422 where the rules say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommissioningView } from '../../db/commissioning/views.ts';
import { call, newKey, ok } from '../register/api-fixtures.ts';
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

const status = async (res: Response) => ({ status: res.status, body: await res.json() });
const resident = () =>
  env.app.deps.dev!.issuer.sign({ sub: crypto.randomUUID(), name: 'R', roles: ['resident'] });
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
    expect((await post(undefined, applyBody(other))).status).toBe(401);
    const noTin = await env.app.deps.dev!.issuer.sign({ sub: crypto.randomUUID(), roles: ['developer'] });
    expect((await post(noTin, applyBody(other))).status).toBe(401);
  });

  it('403 for anyone but a developer', async () => {
    expect((await post(await resident(), applyBody(other))).status).toBe(403);
    expect((await post(other.inspector, applyBody(other))).status).toBe(403);
  });

  it('400 naming the field, and without an Idempotency-Key', async () => {
    const r = await status(
      await post(other.developer.token, { ...applyBody(other), contactEmail: 'no', cadastralNumber: '' }),
    );
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.cadastralNumber',
      'body.contactEmail',
    ]);
    const unknownDistrict = await status(
      await post(other.developer.token, { ...applyBody(other), districtId: crypto.randomUUID() }),
    );
    expect(unknownDistrict).toMatchObject({ status: 400, body: { errors: [{ field: 'body.districtId' }] } });
    const keyless = await call(env.app, 'POST', '/commissioning/applications', {
      token: other.developer.token,
      body: applyBody(other),
    });
    expect(keyless.status).toBe(400);
  });

  it('replays the same key, refuses it for another body, refuses a second open application', async () => {
    const key = newKey();
    const first = await ok<CommissioningView>(await post(other.developer.token, applyBody(other), key), 201);
    const again = await ok<CommissioningView>(await post(other.developer.token, applyBody(other), key), 200);
    expect(again.id).toBe(first.id);
    expect((await post(other.developer.token, { ...applyBody(other), developerName: 'X' }, key)).status).toBe(
      409,
    );
    const second = await status(await post(other.developer.token, applyBody(other)));
    expect(second).toMatchObject({ status: 409, body: { errors: [{ field: 'body.cadastralNumber' }] } });
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
    expect((await get(undefined)).status).toBe(401);
    expect((await get(site.otherInspector)).status).toBe(403);
    expect((await get(other.developer.token)).status).toBe(403);
    expect((await get(site.staff.token)).status).toBe(403);
    const bad = await status(await get(site.inspector, 'nope'));
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'param.id' }] } });
    expect((await get(site.inspector, crypto.randomUUID())).status).toBe(404);
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
      expect((await step(p, undefined, body)).status).toBe(401);
      expect((await step(p, site.developer.token, body)).status).toBe(403);
      expect((await step(p, site.otherInspector, body)).status).toBe(403);
    }
  });
  it('commission before the check is 409; a reject without reasons is 400', async () => {
    expect((await step('/commission', site.inspector)).status).toBe(409);
    const r = await status(await step('/reject', site.inspector, { reasons: [] }));
    expect(r).toMatchObject({ status: 400, body: { errors: [{ field: 'body.reasons' }] } });
  });
  it('evidence: 400 an unknown condition, 403 what the developer may not record', async () => {
    const bad = await status(
      await step('/evidence', site.developer.token, { condition: 'fire_safety', documentId: 'x' }),
    );
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'body.condition' }] } });
    const forbidden = await step('/evidence', site.developer.token, {
      condition: 'shown_in_registry',
      documentId: 'x',
    });
    expect(forbidden.status).toBe(403);
    const noSignatures = await status(
      await step('/evidence', site.developer.token, {
        condition: 'solar_panels_transferred',
        documentId: 'paper-act-1',
        managementOrganizationTin: site.org.tin,
      }),
    );
    expect(noSignatures.status).toBe(400);
    expect(noSignatures.body.errors.map((e: { field: string }) => e.field)).toContain('body.signedByTins');
  });
});

describe('acts', () => {
  it('only the developer draws one up; 400 names the panels and the organization', async () => {
    const post = (token: string, body: unknown) =>
      call(env.app, 'POST', path(a.id, '/acts'), { token, key: newKey(), body });
    expect(
      (await post(site.inspector, { kind: 'management_engagement', organizationId: site.org.id })).status,
    ).toBe(403);
    expect(
      (await post(other.developer.token, { kind: 'management_engagement', organizationId: site.org.id }))
        .status,
    ).toBe(403);
    expect(
      await status(await post(site.developer.token, { kind: 'solar_transfer', organizationId: site.org.id })),
    ).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'body.panels' }] },
    });
    expect(
      await status(
        await post(site.developer.token, {
          kind: 'management_engagement',
          organizationId: crypto.randomUUID(),
        }),
      ),
    ).toMatchObject({ status: 400, body: { errors: [{ field: 'body.organizationId' }] } });
  });

  it('serves the exact bytes to the parties; refuses a forged or repeated signature and other parties', async () => {
    const act = await drawUp(env, site, a.id, 'solar_transfer');
    const doc = await call(env.app, 'GET', path(a.id, `/acts/${act.id}/document`), {
      token: site.staff.token,
    });
    expect(doc.status).toBe(200);
    expect(doc.headers.get('x-document-sha256')).toBe(act.sha256);
    expect(await doc.text()).toContain('40 panels of 16.40 kW');
    expect(
      (await call(env.app, 'GET', path(a.id, `/acts/${act.id}/document`), { token: other.staff.token }))
        .status,
    ).toBe(403);
    const forged = await status(
      await signAct(env, site.developer, a.id, act, new TextEncoder().encode('other bytes')),
    );
    expect(forged).toMatchObject({ status: 422, body: { reason: 'bad_signature' } });
    expect((await signAct(env, other.staff, a.id, act)).status).toBe(403);
    expect((await signAct(env, { ...other.developer }, a.id, act)).status).toBe(403);
    const resident403 = await call(env.app, 'POST', path(a.id, `/acts/${act.id}/signatures`), {
      token: await resident(),
      body: {},
    });
    expect(resident403.status).toBe(403);
    await ok(await signAct(env, site.developer, a.id, act));
    expect((await signAct(env, site.developer, a.id, act)).status).toBe(409);
    const bad = await status(
      await call(env.app, 'POST', path(a.id, `/acts/${act.id}/signatures`), {
        token: site.staff.token,
        body: { documentSha256: 'x' },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('body.documentSha256');
  });
});
