// `node scripts/record-lots-choice-history.ts [scenario…]`: runs a lot's owners' choice through its
// main paths on a throwaway stack (test database, Temporal dev server, SMTP catcher), driving it
// through the real API as tests/lots/choice.test.ts does with every term in seconds, and saves each
// run's lotChoice history as JSON under tests/lots/fixtures for tests/lots/choice-replay.test.ts.
// Record anew only on purpose: after a deliberate, versioned change (patched()), keep the old
// fixtures and add new ones, so choices in flight under the old code stay covered.
import { fileURLToPath } from 'node:url';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { workflowHandle } from '../platform/workflow-client.ts';
import {
  approvedLots,
  type ChoiceEnv,
  type ChoiceLot,
  choice,
  everyoneVotesFor,
  inSelection,
  smallOwnedBuildings,
  startChoiceEnv,
} from '../tests/lots/choice-fixtures.ts';
import { call, newKey, ok, until } from '../tests/support/api-client.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { selectScenarios, writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import { lotChoiceWorkflow, lotChoiceWorkflowId } from '../workflows/lots/contract.ts';

const OUT = fileURLToPath(new URL('../tests/lots/fixtures/', import.meta.url));

type Scenario = (env: ChoiceEnv, lot: ChoiceLot) => Promise<Record<string, History>>;

const post = (env: ChoiceEnv, path: string, token: string, body?: unknown) =>
  call(env.app, 'POST', path, { token, key: newKey(), body });

async function finished(env: ChoiceEnv, lot: ChoiceLot): Promise<History> {
  const handle = workflowHandle(env.app.deps.temporal!, lotChoiceWorkflow, lotChoiceWorkflowId(lot.id, 1));
  const result = await handle.result();
  if (result.contractIds.length === 0) throw new Error(`lot ${lot.number} ended without contracts`);
  return handle.fetchHistory();
}

// Scenario names carry the code they were recorded under: the first two before the owners were told
// the outcome, the `-owners-told` ones after (patch lots-choice-owners-told). Record only new names.
const chosenByVote = async (env: ChoiceEnv, lot: ChoiceLot) => {
  await ok(await post(env, `/lots/${lot.id}/choice`, env.tokens.council), 202);
  await inSelection(env, lot.id, ['applications']);
  await ok(await post(env, `/lots/${lot.id}/application`, env.tokens.manager, { tariff: 250_000 }));
  const called = await until(
    'the meeting called',
    async () => {
      const v = await choice(env, lot.id);
      return v.meetingId ? v : undefined;
    },
    60_000,
  );
  await until(
    'voting open',
    async () => {
      const m = await ok<{ phase: string }>(
        await call(env.app, 'GET', `/meetings/${called.meetingId}`, { token: env.tokens.admin }),
      );
      return m.phase === 'voting' ? m : undefined;
    },
    90_000,
  );
  await everyoneVotesFor(env, called.meetingId!);
  return finished(env, lot);
};
const appointedAfterCompetition = async (env: ChoiceEnv, lot: ChoiceLot) => {
  await ok(await post(env, `/lots/${lot.id}/choice`, env.tokens.council), 202);
  await inSelection(env, lot.id, ['competition'], 60_000);
  await until('competition published', async () =>
    (await choice(env, lot.id)).competition ? true : undefined,
  );
  const body = { tariff: 300_000, programmeCommitment: 50_000_000, experienceYears: 12 };
  await ok(await post(env, `/lots/${lot.id}/bid`, env.tokens.manager, body));
  const ranked = await until('the protocol', async () => (await choice(env, lot.id)).protocol ?? undefined);
  await ok(
    await post(env, `/lots/${lot.id}/appointment`, env.tokens.council, {
      organizationId: ranked[0]!.organizationId,
    }),
  );
  return finished(env, lot);
};

// Nobody bids in two rounds, so the run continues as new (competitionRoundsPerRun = 2 below, patch
// lots-choice-competition-continued); a bid lands in a later round, published by a run that began
// at the competition. Both the run that continued and the one that appointed are recorded.
const appointedAfterContinuing = async (env: ChoiceEnv, lot: ChoiceLot) => {
  const workflowId = lotChoiceWorkflowId(lot.id, 1);
  await ok(await post(env, `/lots/${lot.id}/choice`, env.tokens.council), 202);
  await inSelection(env, lot.id, ['competition'], 60_000);
  await until(
    'the third round published',
    async () => {
      const rows = await env
        .em()
        .execute('select 1 from lot_event where request_id = ?', [`${workflowId}:competition:3`]);
      return rows.length ? true : undefined;
    },
    60_000,
  );
  const body = { tariff: 300_000, programmeCommitment: 50_000_000, experienceYears: 12 };
  // A round lasts seconds: a bid that reaches one already closed waits for the next.
  await until('a bid in an open round', async () => {
    const res = await post(env, `/lots/${lot.id}/bid`, env.tokens.manager, body);
    if (res.status === 409 && /"reason":"window_closed"/.test(await res.clone().text())) return undefined;
    return ok(res);
  });
  const ranked = await until('the protocol', async () => (await choice(env, lot.id)).protocol ?? undefined);
  await ok(
    await post(env, `/lots/${lot.id}/appointment`, env.tokens.council, {
      organizationId: ranked[0]!.organizationId,
    }),
  );
  const appointedRun = await finished(env, lot);
  const client = env.app.deps.temporal!;
  const { raw } = await workflowHandle(client, lotChoiceWorkflow, workflowId).describe();
  const firstRunId = raw.workflowExecutionInfo!.firstRunId!;
  return {
    'choice-competition-continued-first-run': await workflowHandle(
      client,
      lotChoiceWorkflow,
      workflowId,
      firstRunId,
    ).fetchHistory(),
    'choice-competition-continued-appointed-run': appointedRun,
  };
};

const SCENARIOS: Record<string, Scenario> = {
  'choice-voted-chosen': async (env, lot) => ({ 'choice-voted-chosen': await chosenByVote(env, lot) }),
  'choice-no-candidate-competition-appointed': async (env, lot) => ({
    'choice-no-candidate-competition-appointed': await appointedAfterCompetition(env, lot),
  }),
  'choice-voted-chosen-owners-told': async (env, lot) => ({
    'choice-voted-chosen-owners-told': await chosenByVote(env, lot),
  }),
  'choice-competition-appointed-owners-told': async (env, lot) => ({
    'choice-competition-appointed-owners-told': await appointedAfterCompetition(env, lot),
  }),
  'choice-competition-continued': appointedAfterContinuing,
};

const names = process.argv.slice(2);
const selected = selectScenarios(SCENARIOS, names);

const [db, temporal] = await Promise.all([
  scratchDatabase('record_lots_choice_history'),
  startTestTemporal(),
]);
// Two empty rounds per run, so a competition continues as new within a recording; the other
// scenarios have a bid in the first round, or no competition, and never reach the bound.
const env = await startChoiceEnv(
  { databaseUrl: db.url, temporalAddress: temporal.address },
  { competitionRoundsPerRun: 2 },
);
try {
  const lots = await approvedLots(env, await smallOwnedBuildings(env, selected.length));
  const recorded = [];
  for (const [i, run] of selected.entries()) recorded.push(await run(env, lots[i]!));
  await writeHistories(OUT, recorded);
} finally {
  await env.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
