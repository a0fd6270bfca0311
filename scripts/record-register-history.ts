// `node scripts/record-register-history.ts`: runs the register review workflow through its main
// paths on a throwaway stack (test database, Temporal dev server, SMTP catcher), driving it through
// the real API as tests/register does (tests/register/api-fixtures.ts), and saves each run's event
// history as JSON under tests/register/fixtures, for tests/register/replay.test.ts.
// Record anew only on purpose: after a deliberate, versioned change (patched()), keep the old
// fixtures and add new ones, so reviews in flight under the old code stay covered.
import { fileURLToPath } from 'node:url';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { ApplicationView } from '../domain/register/view.ts';
import { workflowHandle } from '../platform/workflow-client.ts';
import {
  apply,
  call,
  goodApplication,
  inState,
  newOrganization,
  ok,
  type RegisterEnv,
  startRegisterEnv,
  until,
} from '../tests/register/api-fixtures.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { selectScenarios, writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import { registerWorkflow, registerWorkflowId } from '../workflows/register/contract.ts';

const OUT = fileURLToPath(new URL('../tests/register/fixtures/', import.meta.url));

type Scenario = (env: RegisterEnv) => Promise<Record<string, History>>;

const handleOf = (env: RegisterEnv, applicationId: string) =>
  workflowHandle(env.slow.deps.temporal!, registerWorkflow, registerWorkflowId(applicationId));

async function expectState(env: RegisterEnv, applicationId: string, state: ApplicationView['state']) {
  const result = await handleOf(env, applicationId).result();
  if (result.state !== state)
    throw new Error(`application ${applicationId} ended ${result.state}, not ${state}`);
}

const SCENARIOS: Record<string, Scenario> = {
  /** Registered by the council straight from review; the run waits on, so it is removed to end it. */
  async registered(env) {
    const org = await newOrganization(env);
    const a = await apply(env.slow, org);
    await ok(
      await call(env.slow, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.council,
        body: {},
      }),
    );
    await ok(
      await call(env.slow, 'POST', `/register/organizations/${org.id}/remove`, {
        token: org.tokens.council,
        body: { reason: 'liquidated' },
      }),
    );
    await expectState(env, a.id, 'removed');
    return { 'register-registered-then-removed': await handleOf(env, a.id).fetchHistory() };
  },

  /** Corrections asked, the organization resubmits, the council registers, then removes it. */
  async corrected(env) {
    const org = await newOrganization(env);
    const a = await apply(env.slow, org, { ...goodApplication(org), ownFundsUzs: -1 });
    await ok(
      await call(env.slow, 'POST', `/register/applications/${a.id}/corrections`, {
        token: org.tokens.council,
        body: { fields: ['ownFundsUzs'], note: 'Attach the bank statement' },
      }),
    );
    await ok(
      await call(env.slow, 'POST', `/register/applications/${a.id}/resubmit`, {
        token: org.tokens.manager,
        body: { ownFundsUzs: 75_000_000 },
      }),
    );
    await ok(
      await call(env.slow, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.admin,
        body: {},
      }),
    );
    await ok(
      await call(env.slow, 'POST', `/register/organizations/${org.id}/remove`, {
        token: org.tokens.council,
        body: { reason: 'false_data' },
      }),
    );
    await expectState(env, a.id, 'removed');
    return { 'register-corrected-resubmitted-registered': await handleOf(env, a.id).fetchHistory() };
  },

  /** Corrections asked under the fast policy; the deadline passes and the workflow rejects. */
  async deadline(env) {
    const org = await newOrganization(env);
    const a = await apply(env.fast, org);
    await ok(
      await call(env.fast, 'POST', `/register/applications/${a.id}/corrections`, {
        token: org.tokens.inspector,
        body: { fields: ['technicalBase'], note: 'List the vehicles' },
      }),
    );
    await inState(env.fast, org, a.id, 'rejected');
    await expectState(env, a.id, 'rejected');
    return { 'register-corrections-deadline-rejected': await handleOf(env, a.id).fetchHistory() };
  },

  /** Rejected by the reviewer straight from review. */
  async rejected(env) {
    const org = await newOrganization(env);
    const a = await apply(env.slow, org, { ...goodApplication(org), ownFundsUzs: -1 });
    await ok(
      await call(env.slow, 'POST', `/register/applications/${a.id}/reject`, {
        token: org.tokens.inspector,
        body: { reason: 'requirements_not_met' },
      }),
    );
    await expectState(env, a.id, 'rejected');
    return { 'register-rejected': await handleOf(env, a.id).fetchHistory() };
  },

  /** Registered under the fast policy; a passing re-check continues the workflow as new. */
  async recheck(env) {
    const org = await newOrganization(env);
    const a = await apply(env.fast, org);
    await ok(
      await call(env.fast, 'POST', `/register/applications/${a.id}/register`, {
        token: org.tokens.council,
        body: {},
      }),
    );
    const handle = handleOf(env, a.id);
    const firstRunId = await until('a passing re-check', async () => {
      const d = await handle.describe();
      const first = d.raw.workflowExecutionInfo?.firstRunId;
      return first && d.runId !== first ? first : undefined;
    });
    const first = workflowHandle(
      env.slow.deps.temporal!,
      registerWorkflow,
      registerWorkflowId(a.id),
      firstRunId,
    );
    const history = await first.fetchHistory();
    // The later runs re-check every few seconds for ever; end the series.
    await ok(
      await call(env.fast, 'POST', `/register/organizations/${org.id}/remove`, {
        token: org.tokens.council,
        body: { reason: 'liquidated' },
      }),
    );
    await expectState(env, a.id, 'removed');
    return { 'register-recheck-passed-first-run': history };
  },
};

// `node scripts/record-register-history.ts deadline` records only the named scenarios, so
// fixtures of earlier workflow versions stay as they were recorded.
const selected = selectScenarios(SCENARIOS, process.argv.slice(2));

const [db, temporal] = await Promise.all([scratchDatabase('record_register_history'), startTestTemporal()]);
const env = await startRegisterEnv({ databaseUrl: db.url, temporalAddress: temporal.address });
try {
  await writeHistories(OUT, await Promise.all(selected.map((run) => run(env))));
} finally {
  await env.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
