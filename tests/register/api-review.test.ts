// Application → review → registered / rejected / corrected, through the HTTP API against the real
// Temporal dev server, worker and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationView } from '../../domain/register/view.ts';
import {
  apply,
  call,
  goodApplication,
  newKey,
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

const history = async (orgId: string) =>
  ok<{
    organization: { registerStatus: string };
    events: { action: string; toState: string; reason: string | null }[];
  }>(await call(env.slow, 'GET', `/register/organizations/${orgId}/history`));

describe('register review', () => {
  it('registers an application that meets every requirement', async () => {
    const org = await newOrganization(env);
    const a = await apply(env.slow, org);
    expect(a.state).toBe('under_review');
    expect(a.verdicts.map((v) => v.ok)).toEqual([true, true, true, true]);
    const done = await ok<ApplicationView>(
      await call(env.slow, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.council,
        body: {},
      }),
    );
    expect(done.state).toBe('registered');
    expect(done.decidedAt).not.toBeNull();
    const h = await history(org.id);
    expect(h.organization.registerStatus).toBe('registered');
    expect(h.events.map((e) => `${e.action}:${e.toState}`)).toEqual([
      'submit:under_review',
      'register:registered',
    ]);
  });

  it('records failing verdicts, refuses to register them, and rejects with a reason', async () => {
    const org = await newOrganization(env);
    const body = {
      ...goodApplication(org),
      dispatch: { hoursPerDay: 12, daysPerWeek: 7, phone: '+998712000001' },
    };
    const a = await apply(env.slow, org, body);
    const failing = a.verdicts.filter((v) => !v.ok);
    expect(failing).toMatchObject([{ requirement: 'dispatch_service', field: 'dispatch.hoursPerDay' }]);
    await problem(
      await call(env.slow, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.inspector,
        body: {},
      }),
      409,
      'application.dispatch.hoursPerDay',
    );
    const rejected = await ok<ApplicationView>(
      await call(env.slow, 'POST', `/register/applications/${a.id}/reject`, {
        token: org.tokens.inspector,
        body: { reason: 'requirements_not_met' },
      }),
    );
    expect(rejected).toMatchObject({ state: 'rejected', reason: 'requirements_not_met' });
    expect((await history(org.id)).organization.registerStatus).toBe('applicant');
    await problem(
      await call(env.slow, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.council,
        body: {},
      }),
      409,
      { detail: 'register is not allowed while the application is rejected' },
    );
  });

  it('asks for corrections, takes the resubmission and registers it', async () => {
    const org = await newOrganization(env);
    const a = await apply(env.slow, org, { ...goodApplication(org), ownFundsUzs: -1 });
    const asked = await ok<ApplicationView>(
      await call(env.slow, 'POST', `/register/applications/${a.id}/corrections`, {
        token: org.tokens.council,
        body: { fields: ['ownFundsUzs'], note: 'Attach the bank statement' },
      }),
    );
    expect(asked.state).toBe('corrections_requested');
    expect(asked.corrections).toEqual({ fields: ['ownFundsUzs'], note: 'Attach the bank statement' });
    const days = (Date.parse(asked.correctionsDueAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(14.9);

    // Only the organization's own staff resubmit.
    await problem(
      await call(env.slow, 'POST', `/register/applications/${a.id}/resubmit`, {
        token: org.tokens.council,
        body: { ownFundsUzs: 1 },
      }),
      403,
      { detail: 'this endpoint is for: management_company' },
    );
    const resubmitted = await ok<ApplicationView>(
      await call(env.slow, 'POST', `/register/applications/${a.id}/resubmit`, {
        token: org.tokens.manager,
        body: { ownFundsUzs: 75_000_000 },
      }),
    );
    expect(resubmitted).toMatchObject({
      state: 'under_review',
      ownFundsUzs: 75_000_000,
      correctionsDueAt: null,
    });
    expect(resubmitted.verdicts.every((v) => v.ok)).toBe(true);
    const done = await ok<ApplicationView>(
      await call(env.slow, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.admin,
        body: {},
      }),
    );
    expect(done.state).toBe('registered');
    expect((await history(org.id)).events.map((e) => e.action)).toEqual([
      'submit',
      'request_corrections',
      'resubmit',
      'register',
    ]);
  });

  it('answers a replayed application from what was stored, and refuses the key with another body', async () => {
    const org = await newOrganization(env);
    const key = newKey();
    const body = goodApplication(org);
    const first = await ok<ApplicationView>(
      await call(env.slow, 'POST', '/register/applications', { token: org.tokens.manager, key, body }),
      201,
    );
    const again = await ok<ApplicationView>(
      await call(env.slow, 'POST', '/register/applications', { token: org.tokens.manager, key, body }),
      200,
    );
    expect(again.id).toBe(first.id);
    await problem(
      await call(env.slow, 'POST', '/register/applications', {
        token: org.tokens.manager,
        key,
        body: { ...body, ownFundsUzs: 1 },
      }),
      409,
      { detail: 'this Idempotency-Key was used with another request' },
    );
    // A second application while the first is under review is a conflict too.
    await problem(
      await call(env.slow, 'POST', '/register/applications', {
        token: org.tokens.manager,
        key: newKey(),
        body,
      }),
      409,
      { detail: 'submit is not allowed in the current state (under_review)' },
    );
  });
});
