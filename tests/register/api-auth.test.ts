// Who may call each register endpoint, and bad input named by field: 401 without a token, 403 for
// the wrong role or scope, 400 naming the field, 404/409 where the resource or its state says no.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apply,
  call,
  goodApplication,
  newKey,
  newOrganization,
  type Org,
  ok,
  problem,
  type RegisterEnv,
  startRegisterEnv,
} from './api-fixtures.ts';

let env: RegisterEnv;
let org: Org;
let other: Org;
let applicationId: string;
beforeAll(async () => {
  env = await startRegisterEnv();
  [org, other] = await Promise.all([newOrganization(env), newOrganization(env)]);
  applicationId = (await apply(env.slow, org)).id;
});
afterAll(async () => {
  await env?.stop();
});

const post = (path: string, token: string | undefined, body: unknown, key?: string) =>
  call(env.slow, 'POST', path, { token, body, key });

describe('POST /register/applications', () => {
  it('needs a token, the management_company role, a key and valid fields', async () => {
    const body = goodApplication(other);
    await problem(await post('/register/applications', undefined, body, newKey()), 401);
    await problem(await post('/register/applications', other.tokens.council, body, newKey()), 403, {
      detail: 'this endpoint is for: management_company',
    });
    await problem(
      await post('/register/applications', other.tokens.manager, body),
      400,
      'header.idempotency-key',
    );
    await problem(
      await post('/register/applications', other.tokens.manager, { ...body, ownFundsUzs: 'many' }, newKey()),
      400,
      'body.ownFundsUzs',
    );
    await problem(
      await post('/register/applications', other.tokens.manager, { ...body, tin: org.tin }, newKey()),
      400,
      'body.tin',
    );
    await problem(
      await post(
        '/register/applications',
        other.tokens.manager,
        { ...body, districtId: randomUUID() },
        newKey(),
      ),
      400,
      'body.districtId',
    );
  });
});

describe('GET /register/applications/{id}', () => {
  it('shows the application to its staff, its district reviewers and admins only', async () => {
    const path = `/register/applications/${applicationId}`;
    await problem(await call(env.slow, 'GET', path), 401);
    for (const token of [org.tokens.manager, org.tokens.council, org.tokens.inspector, org.tokens.admin]) {
      expect((await ok<{ id: string }>(await call(env.slow, 'GET', path, { token }))).id).toBe(applicationId);
    }
    await problem(await call(env.slow, 'GET', path, { token: other.tokens.manager }), 403, {
      detail: 'this application is outside your scope',
    });
    await problem(await call(env.slow, 'GET', path, { token: other.tokens.council }), 403, {
      detail: 'this application is outside your scope',
    });
    await problem(
      await call(env.slow, 'GET', '/register/applications/nope', { token: org.tokens.admin }),
      400,
      'param.id',
    );
    await problem(
      await call(env.slow, 'GET', `/register/applications/${randomUUID()}`, { token: org.tokens.admin }),
      404,
      { detail: 'no such application' },
    );
  });
});

describe('review steps', () => {
  const at = (step: string) => `/register/applications/${applicationId}/${step}`;

  it('corrections: reviewers of the district only, with fields and a note', async () => {
    const body = { fields: ['ownFundsUzs'], note: 'Attach the statement' };
    await problem(await post(at('corrections'), undefined, body), 401);
    await problem(await post(at('corrections'), org.tokens.manager, body), 403, {
      detail: 'this endpoint is for: council, inspector, admin',
    });
    await problem(await post(at('corrections'), other.tokens.council, body), 403, {
      detail: 'this application is outside your scope',
    });
    await problem(
      await post(at('corrections'), org.tokens.council, { fields: [], note: 'x' }),
      400,
      'body.fields',
    );
    await problem(await post(at('corrections'), org.tokens.council, { fields: ['x'] }), 400, 'body.note');
  });

  it('register and reject: reviewers of the district only, reject with a known reason', async () => {
    await problem(await post(at('register'), undefined, {}), 401);
    await problem(await post(at('register'), org.tokens.manager, {}), 403, {
      detail: 'this endpoint is for: council, inspector, admin',
    });
    await problem(await post(at('register'), other.tokens.inspector, {}), 403, {
      detail: 'this application is outside your scope',
    });
    await problem(await post(at('reject'), undefined, { reason: 'false_data' }), 401);
    await problem(await post(at('reject'), org.tokens.manager, { reason: 'false_data' }), 403, {
      detail: 'this endpoint is for: council, inspector, admin',
    });
    await problem(await post(at('reject'), org.tokens.council, { reason: 'dislike' }), 400, 'body.reason');
    // The system's reason applies only once a corrections deadline has passed.
    await problem(
      await post(at('reject'), org.tokens.council, { reason: 'corrections_not_made' }),
      400,
      'body.reason',
    );
  });

  it('resubmit: the organization’s own staff, only while corrections are requested', async () => {
    await problem(await post(at('resubmit'), undefined, { ownFundsUzs: 1 }), 401);
    await problem(await post(at('resubmit'), org.tokens.council, { ownFundsUzs: 1 }), 403, {
      detail: 'this endpoint is for: management_company',
    });
    await problem(await post(at('resubmit'), other.tokens.manager, { ownFundsUzs: 1 }), 403, {
      detail: 'this application is outside your scope',
    });
    await problem(await post(at('resubmit'), org.tokens.manager, {}), 400);
    await problem(await post(at('resubmit'), org.tokens.manager, { ownFundsUzs: 1 }), 409, {
      detail: 'resubmit is not allowed while the application is under_review',
    });
  });
});

describe('POST /register/organizations/{orgId}/remove', () => {
  it('is for reviewers of the district and admins, with a known reason, from registered or suspended', async () => {
    const path = `/register/organizations/${org.id}/remove`;
    await problem(await post(path, undefined, { reason: 'liquidated' }), 401);
    await problem(await post(path, org.tokens.manager, { reason: 'liquidated' }), 403, {
      detail: 'this endpoint is for: council, inspector, admin',
    });
    await problem(await post(path, other.tokens.council, { reason: 'liquidated' }), 403, {
      detail: 'remove: outside your scope',
    });
    await problem(await post(path, org.tokens.council, { reason: 'because' }), 400, 'body.reason');
    await problem(
      await post(`/register/organizations/${randomUUID()}/remove`, org.tokens.admin, {
        reason: 'liquidated',
      }),
      404,
      { detail: 'this organization never applied to the register' },
    );
    await problem(await post(path, org.tokens.council, { reason: 'liquidated' }), 409, {
      detail: 'remove is not allowed while the application is under_review',
    });
  });
});

describe('public register', () => {
  it('lists and shows history without a token, and names bad query fields', async () => {
    const page = await ok<{ items: unknown[]; page: number; pageSize: number; total: number }>(
      await call(env.slow, 'GET', '/register/organizations?page=1&pageSize=5'),
    );
    expect(page.items.length).toBeLessThanOrEqual(5);
    expect(page.total).toBeGreaterThan(0);
    await problem(await call(env.slow, 'GET', '/register/organizations?status=maybe'), 400, 'query.status');
    await problem(await call(env.slow, 'GET', '/register/organizations?pageSize=0'), 400, 'query.pageSize');
    const h = await ok<{ events: { action: string }[] }>(
      await call(env.slow, 'GET', `/register/organizations/${org.id}/history`),
    );
    expect(h.events.map((e) => e.action)).toEqual(['submit']);
    await problem(await call(env.slow, 'GET', '/register/organizations/nope/history'), 400, 'param.orgId');
    await problem(await call(env.slow, 'GET', `/register/organizations/${randomUUID()}/history`), 404, {
      detail: 'no such organization',
    });
  });
});
