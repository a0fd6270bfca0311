// An applicant takes back its application before a decision, through the HTTP API against the
// real Temporal dev server, worker and PostgreSQL: only its own organization may, only while
// undecided; the run ends, and the organization may apply again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../domain/register/view.ts';
import {
  apply,
  call,
  inState,
  newOrganization,
  ok,
  problem,
  type RegisterEnv,
  startRegisterEnv,
} from './api-fixtures.ts';

let env: RegisterEnv;
beforeAll(async () => {
  env = await startRegisterEnv();
});
afterAll(async () => {
  await env?.stop();
});

const withdraw = (id: string, token?: string) =>
  call(env.slow, 'POST', `/register/applications/${id}/withdraw`, { ...(token ? { token } : {}), body: {} });

describe('withdrawing a register application', () => {
  it('is for the applicant alone: 401 without a token, 403 for reviewers and other companies', async () => {
    const org = await newOrganization(env);
    const other = await newOrganization(env);
    const a = await apply(env.slow, org);
    await problem(await withdraw(a.id), 401);
    await problem(await withdraw(a.id, org.tokens.council), 403);
    await problem(await withdraw(a.id, org.tokens.inspector), 403);
    await problem(await withdraw(a.id, org.tokens.admin), 403);
    // Another organization does not even learn the application exists.
    const res = await withdraw(a.id, other.tokens.manager);
    expect([403, 404]).toContain(res.status);
    expect((await inState(env.slow, org, a.id, 'under_review')).state).toBe('under_review');
  });

  it('takes back an undecided application, records it, and lets the organization apply again', async () => {
    const org = await newOrganization(env);
    const a = await apply(env.slow, org);
    await ok(
      await call(env.slow, 'POST', `/register/applications/${a.id}/corrections`, {
        token: org.tokens.inspector,
        body: { fields: ['dispatch.phone'], note: 'Give the 24-hour line.' },
      }),
    );
    const back = await ok<ApplicationView>(await withdraw(a.id, org.tokens.manager));
    expect(back).toMatchObject({ state: 'applicant', correctionsDueAt: null, reason: null });
    const history = await ok<{ events: { action: string; toState: string }[] }>(
      await call(env.slow, 'GET', `/register/organizations/${org.id}/history`),
    );
    expect(history.events.map((e) => `${e.action}:${e.toState}`)).toEqual([
      'submit:under_review',
      'request_corrections:corrections_requested',
      'withdraw:applicant',
    ]);
    // Taken back is final for this application: 409, nothing changes.
    await problem(await withdraw(a.id, org.tokens.manager), 409);
    await problem(
      await call(env.slow, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.council,
        body: {},
      }),
      409,
    );
    const again = await apply(env.slow, org);
    expect(again.id).not.toBe(a.id);
    expect(again.state).toBe('under_review');
  });
});
