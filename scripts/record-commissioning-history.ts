// `node scripts/record-commissioning-history.ts`: runs the commissioning workflow through its main
// paths on a throwaway stack (test database, Temporal dev server, SMTP catcher, cadastre sandbox),
// driving it through the real API as tests/commissioning does (tests/commissioning/fixtures.ts),
// and saves each run's event history as JSON under tests/commissioning/fixtures, for
// tests/commissioning/replay.test.ts. Record anew only on purpose: after a deliberate, versioned
// change (patched()), keep the old fixtures and add new ones, so applications in flight under the
// old code stay covered.
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { workflowHandle } from '../platform/workflow-client.ts';
import {
  applyFor,
  beginCheck,
  type CommissioningEnv,
  missing,
  newSite,
  passportOf,
  path,
  signBothActs,
  startCommissioningEnv,
  until$,
} from '../tests/commissioning/fixtures.ts';
import { call, ok, until } from '../tests/register/api-fixtures.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { selectScenarios, writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import { commissioningWorkflow, commissioningWorkflowId } from '../workflows/commissioning/contract.ts';

const OUT = fileURLToPath(new URL('../tests/commissioning/fixtures/', import.meta.url));

type Scenario = (env: CommissioningEnv) => Promise<Record<string, History>>;

const handleOf = (env: CommissioningEnv, id: string) =>
  workflowHandle(env.app.deps.temporal!, commissioningWorkflow, commissioningWorkflowId(id));

async function finished(handle: WorkflowHandle): Promise<History> {
  await handle.result();
  return handle.fetchHistory();
}

const SCENARIOS: Record<string, Scenario> = {
  /** Everything met, the cadastre answering 503 twice first: commissioned by the inspector. */
  async commissioned(env) {
    const site = await newSite(env);
    env.cadastre.issue(passportOf(site));
    env.cadastre.failNext(2, 503);
    const a = await applyFor(env, site);
    await until$(env, site, a.id, 'integrations', (v) => missing(v).length === 2);
    await signBothActs(env, site, a.id);
    await beginCheck(env, site, a.id);
    await ok(await call(env.app, 'POST', path(a.id, '/commission'), { token: site.inspector }));
    return { 'commissioning-commissioned': await finished(handleOf(env, a.id)) };
  },

  /** The passport missing: waited for, a reminder, then lapsed at the deadline. */
  async lapsed(env) {
    const site = await newSite(env);
    const a = await applyFor(env, site);
    await signBothActs(env, site, a.id);
    await beginCheck(env, site, a.id);
    await until('reminder', async () =>
      env.workers.catcher.messages().find((m) => m.to.includes(site.email)),
    );
    return { 'commissioning-lapsed': await finished(handleOf(env, a.id)) };
  },

  /** The solar transfer signed after the reminder: checking, then commissioned. */
  async late(env) {
    const site = await newSite(env);
    env.cadastre.issue(passportOf(site));
    const a = await applyFor(env, site);
    await until$(env, site, a.id, 'integrations', (v) => missing(v).length === 2);
    await signBothActs(env, site, a.id, ['management_engagement']);
    await beginCheck(env, site, a.id);
    await until('reminder', async () =>
      env.workers.catcher.messages().find((m) => m.to.includes(site.email)),
    );
    await signBothActs(env, site, a.id, ['solar_transfer']);
    await until$(env, site, a.id, 'checking', (v) => v.state === 'checking');
    await ok(await call(env.app, 'POST', path(a.id, '/commission'), { token: site.inspector }));
    return { 'commissioning-late-condition': await finished(handleOf(env, a.id)) };
  },

  /** Rejected by the inspector with reasons after a refused (failed) update. */
  async rejected(env) {
    const site = await newSite(env);
    const a = await applyFor(env, site);
    await call(env.app, 'POST', path(a.id, '/commission'), { token: site.inspector });
    await ok(
      await call(env.app, 'POST', path(a.id, '/reject'), {
        token: site.inspector,
        body: { reasons: ['not built'] },
      }),
    );
    return { 'commissioning-rejected': await finished(handleOf(env, a.id)) };
  },
};

// `node scripts/record-commissioning-history.ts lapsed` records only the named scenarios.
const selected = selectScenarios(SCENARIOS, process.argv.slice(2));

const [db, temporal] = await Promise.all([
  scratchDatabase('record_commissioning_history'),
  startTestTemporal(),
]);
const env = await startCommissioningEnv({ databaseUrl: db.url, temporalAddress: temporal.address });
try {
  const recorded: Record<string, History>[] = [];
  // One after another: the cadastre sandbox's injected failures are shared by all of them.
  for (const run of selected) recorded.push(await run(env));
  await writeHistories(OUT, recorded);
} finally {
  await env.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
