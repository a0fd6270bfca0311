// The review's durable timers with a policy in seconds: a corrections deadline that passes rejects
// the application on its own, and a periodic re-check that finds the requirements no longer met
// suspends the organization (a passing one continues the workflow as new).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagementOrganization } from '../../db/registry/entities.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import { workflowHandle } from '../../platform/workflow-client.ts';
import { registerWorkflow, registerWorkflowId } from '../../workflows/register/contract.ts';
import {
  apply,
  call,
  inState,
  newOrganization,
  ok,
  type RegisterEnv,
  startRegisterEnv,
  until,
} from './api-fixtures.ts';

let env: RegisterEnv;
beforeAll(async () => {
  env = await startRegisterEnv();
});
afterAll(async () => {
  await env?.stop();
});

const events = async (orgId: string) =>
  (
    await ok<{ events: { action: string; toState: string; reason: string | null }[] }>(
      await call(env.fast, 'GET', `/register/organizations/${orgId}/history`),
    )
  ).events;

describe('register timers', () => {
  it('rejects the application when the corrections deadline passes without a resubmission', async () => {
    const org = await newOrganization(env);
    const a = await apply(env.fast, org);
    const asked = await ok<ApplicationView>(
      await call(env.fast, 'POST', `/register/applications/${a.id}/corrections`, {
        token: org.tokens.inspector,
        body: { fields: ['technicalBase'], note: 'List the vehicles' },
      }),
    );
    expect(Date.parse(asked.correctionsDueAt!) - Date.now()).toBeLessThan(3_000);
    const rejected = await inState(env.fast, org, a.id, 'rejected');
    expect(rejected.reason).toBe('corrections_not_made');
    expect((await events(org.id)).at(-1)).toMatchObject({
      action: 'reject',
      toState: 'rejected',
      reason: 'corrections_not_made',
    });
  });

  it('re-checks a registered organization periodically and suspends it when the requirements fail', async () => {
    const org = await newOrganization(env);
    const a = await apply(env.fast, org);
    await ok(
      await call(env.fast, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.council,
        body: {},
      }),
    );
    // A passing re-check keeps it registered and starts a fresh run of the same workflow.
    await until('a passing re-check', async () =>
      (await events(org.id)).some((e) => e.action === 'recheck' && e.toState === 'registered')
        ? true
        : undefined,
    );
    // The re-check is recorded before the run continues as new: wait for the fresh run.
    const handle = workflowHandle(env.fast.deps.temporal!, registerWorkflow, registerWorkflowId(a.id));
    const described = await until('a fresh run', async () => {
      const d = await handle.describe();
      return d.runId !== d.raw.workflowExecutionInfo?.firstRunId ? d : undefined;
    });
    expect(described.status.name).toBe('RUNNING');

    // The dispatch line the registry lists stops being a reachable number.
    await env.em().nativeUpdate(ManagementOrganization, { id: org.id }, { dispatchPhone: 'disconnected' });
    const suspended = await inState(env.fast, org, a.id, 'suspended');
    expect(suspended.reason).toBe('recheck_failed');
    expect(suspended.verdicts.find((v) => !v.ok)?.field).toBe('dispatch.phone');
    const listed = await ok<{ items: { id: string; registerStatus: string }[] }>(
      await call(env.fast, 'GET', '/register/organizations?status=suspended&pageSize=200'),
    );
    expect(listed.items.map((i) => i.id)).toContain(org.id);
  });
});
