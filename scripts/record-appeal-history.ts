// `node scripts/record-appeal-history.ts`: runs the appeal workflow through its main paths on a
// throwaway stack (test database, Temporal dev server, SMTP catcher), driving it through the real
// API as tests/appeals does (tests/appeals/fixtures.ts) with terms in seconds, and saves each run's
// event history as JSON under tests/appeals/fixtures, for tests/appeals/replay.test.ts. An appeal
// waits weeks for its deadline and a month for a dispute, so runs that end are recorded when they
// end, and the one that waits on at the inspection once it is idle: exactly what a new worker
// picks up. Record anew only on purpose: after a deliberate, versioned change (patched()), keep
// the old fixtures and add new ones, so appeals in flight under the old code stay covered.
import { fileURLToPath } from 'node:url';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { AppealJson } from '../domain/appeals/json.ts';
import { workflowHandle } from '../platform/workflow-client.ts';
import {
  type AppealsEnv,
  act,
  inStatus,
  newScene,
  SECOND_IN_DAYS,
  startAppealsEnv,
  submit,
} from '../tests/appeals/fixtures.ts';
import { ok } from '../tests/register/api-fixtures.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { idleHistory, selectScenarios, writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import { appealWorkflow, appealWorkflowId } from '../workflows/appeals/contract.ts';

const OUT = fileURLToPath(new URL('../tests/appeals/fixtures/', import.meta.url));

type Scenario = (env: AppealsEnv) => Promise<Record<string, History>>;

const handleOf = (env: AppealsEnv, appealId: string) =>
  workflowHandle(env.app.deps.temporal!, appealWorkflow, appealWorkflowId(appealId));

/** The history of a run that has ended, after checking how it ended. */
async function endedHistory(env: AppealsEnv, id: string, status: AppealJson['status']): Promise<History> {
  const handle = handleOf(env, id);
  const result = await handle.result();
  if (result.appeal.status !== status)
    throw new Error(`appeal ${id} ended ${result.appeal.status}, not ${status}`);
  return handle.fetchHistory();
}

function expectStatus(a: AppealJson, status: AppealJson['status']) {
  if (a.status !== status) throw new Error(`appeal ${a.id} is ${a.status}, not ${status}`);
}

const SCENARIOS: Record<string, Scenario> = {
  /** Accepted and answered by the organization in time; the applicant accepts with a rating. */
  async answered(env) {
    const s = await newScene(env);
    const a = await submit(env, s);
    await ok(await act(env, s.staff, a.id, 'accept'));
    await ok(await act(env, s.staff, a.id, 'answer', { text: 'The boiler is repaired.' }));
    expectStatus(await ok<AppealJson>(await act(env, s.owner, a.id, 'acceptance', { rating: 4 })), 'closed');
    return { 'appeal-answered-accepted': await endedHistory(env, a.id, 'closed') };
  },

  /** Left unanswered: reminded, then escalated to the inspection, where it waits on. */
  async overdue(env) {
    const s = await newScene(env);
    const a = await submit(env, s);
    await inStatus(env, s.org.tokens.inspector, a.id, 'escalated');
    return { 'appeal-overdue-escalated': await idleHistory(handleOf(env, a.id)) };
  },

  /** Answered, then disputed within the period: reopened at the council, where it waits on. */
  async disputed(env) {
    const s = await newScene(env);
    const a = await submit(env, s);
    await ok(await act(env, s.staff, a.id, 'accept'));
    await ok(await act(env, s.staff, a.id, 'answer', { text: 'Nothing to do.' }));
    expectStatus(
      await ok<AppealJson>(await act(env, s.owner, a.id, 'dispute', { reason: 'It is still cold' })),
      'reopened',
    );
    return { 'appeal-disputed-reopened': await idleHistory(handleOf(env, a.id)) };
  },

  /** Forwarded to a body outside the platform with a reason: the run ends. */
  async transferred(env) {
    const s = await newScene(env);
    const a = await submit(env, s, { category: 'water' });
    // A refused step first. Its validator rejects it, unless it arrives before the run has loaded
    // the appeal: then it is accepted and fails in the handler, which the history records.
    const early = await act(env, s.owner, a.id, 'acceptance', { rating: 5 });
    if (early.status < 400) throw new Error(`an early acceptance answered ${early.status}`);
    const moved = await ok<AppealJson>(
      await act(env, s.staff, a.id, 'transfer', {
        to: { kind: 'other_body', id: 'suvokova', name: 'Suvoqova' },
        reason: 'Water supply is the utility’s',
      }),
    );
    expectStatus(moved, 'transferred');
    return { 'appeal-transferred': await endedHistory(env, a.id, 'transferred') };
  },

  /** Answered, and the dispute period ends without a dispute: closed by the timer. */
  async closed(env) {
    const s = await newScene(env);
    const a = await submit(env, s);
    await ok(await act(env, s.staff, a.id, 'accept'));
    await ok(await act(env, s.staff, a.id, 'answer', { text: 'Done.' }));
    await inStatus(env, s.owner, a.id, 'closed');
    return { 'appeal-dispute-period-closed': await endedHistory(env, a.id, 'closed') };
  },
};

// `node scripts/record-appeal-history.ts overdue` records only the named scenarios, so fixtures
// of earlier workflow versions stay as they were recorded.
const selected = selectScenarios(SCENARIOS, process.argv.slice(2));

const [db, temporal] = await Promise.all([scratchDatabase('record_appeal_history'), startTestTemporal()]);
// Terms in seconds, so the timers fire while the script runs: a reminder two seconds before a
// four-second deadline, a three-second dispute period.
const env = await startAppealsEnv(
  { answerDays: 4 * SECOND_IN_DAYS, disputeDays: 3 * SECOND_IN_DAYS, reminderHoursBeforeDue: [2 / 3600] },
  { databaseUrl: db.url, temporalAddress: temporal.address },
);
try {
  const recorded = await Promise.all(selected.map((run) => run(env)));
  await writeHistories(OUT, recorded);
} finally {
  await env.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
