// `node scripts/record-lots-history.ts [scenario…]`: runs a lot version's approval through its main
// paths on a throwaway stack (test database, Temporal dev server, SMTP catcher), driving it through
// the real API as tests/lots/approval.test.ts does with the council's clock in seconds, and saves
// each run's event history as JSON under tests/lots/fixtures for tests/lots/replay.test.ts.
// Record anew only on purpose: after a deliberate, versioned change (patched()), keep the old
// fixtures and add new ones, so approvals in flight under the old code stay covered.
import { fileURLToPath } from 'node:url';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { workflowHandle } from '../platform/workflow-client.ts';
import {
  decide,
  draftLots,
  type LotsEnv,
  type LotView,
  SECOND_IN_DAYS,
  startLotsEnv,
  submit,
} from '../tests/lots/approval-fixtures.ts';
import { ok, until } from '../tests/support/api-client.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { selectScenarios, writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import {
  lotApprovalStateQuery,
  lotApprovalWorkflow,
  lotApprovalWorkflowId,
} from '../workflows/lots/contract.ts';

const OUT = fileURLToPath(new URL('../tests/lots/fixtures/', import.meta.url));

type Scenario = (env: LotsEnv, lot: LotView) => Promise<Record<string, History>>;

const handleOf = (env: LotsEnv, lot: LotView) =>
  workflowHandle(
    env.app.deps.temporal!,
    lotApprovalWorkflow,
    lotApprovalWorkflowId(lot.id, lot.state.version),
  );

async function approvedHistory(env: LotsEnv, lot: LotView): Promise<History> {
  const handle = handleOf(env, lot);
  const result = await handle.result();
  if (result.approval !== 'approved') throw new Error(`lot ${lot.number} ended ${result.approval}`);
  return handle.fetchHistory();
}

const SCENARIOS: Record<string, Scenario> = {
  async 'lot-returned-resubmitted-approved'(env, lot) {
    await ok(await submit(env, lot.id));
    await ok(await decide(env, lot.id, { decision: 'return', remarks: 'Add the school quarter' }));
    await ok(await submit(env, lot.id));
    await ok(await decide(env, lot.id, { decision: 'approve' }));
    return { 'lot-returned-resubmitted-approved': await approvedHistory(env, lot) };
  },
  // Since patched('lots-approval-signed-act'): the approval is the council member's signed act.
  async 'lot-returned-resubmitted-signed-approved'(env, lot) {
    await ok(await submit(env, lot.id));
    await ok(await decide(env, lot.id, { decision: 'return', remarks: 'Add the school quarter' }));
    await ok(await submit(env, lot.id));
    await ok(await decide(env, lot.id, { decision: 'approve' }));
    return { 'lot-returned-resubmitted-signed-approved': await approvedHistory(env, lot) };
  },
  async 'lot-overdue-escalated-approved'(env, lot) {
    await ok(await submit(env, lot.id));
    const handle = handleOf(env, lot);
    await until('the escalation', async () =>
      (await handle.query(lotApprovalStateQuery)).escalated ? true : undefined,
    );
    await ok(await decide(env, lot.id, { decision: 'approve' }));
    return { 'lot-overdue-escalated-approved': await approvedHistory(env, lot) };
  },
};

const names = process.argv.slice(2);
const selected = selectScenarios(SCENARIOS, names);

const [db, temporal] = await Promise.all([scratchDatabase('record_lots_history'), startTestTemporal()]);
const env = await startLotsEnv(
  { reviewDays: 4 * SECOND_IN_DAYS, reviewRemindersDays: [2 * SECOND_IN_DAYS] },
  { databaseUrl: db.url, temporalAddress: temporal.address },
);
try {
  const lots = await draftLots(env);
  if (lots.length < selected.length) throw new Error(`${lots.length} lots for ${selected.length} scenarios`);
  const recorded = [];
  for (const [i, run] of selected.entries()) recorded.push(await run(env, lots[i]!));
  await writeHistories(OUT, recorded);
} finally {
  await env.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
