// `node scripts/record-dispatch-history.ts`: runs the dispatch workflows through their main paths
// on a throwaway stack (test database, Temporal dev server, SMTP catcher), driving them through the
// real API as tests/dispatch does (tests/dispatch/fixtures.ts) with clocks in seconds, and saves
// each run's event history as JSON under tests/dispatch/fixtures, for
// tests/dispatch/replay.test.ts. Runs that end are recorded when they end, the one that waits on
// once it is idle.
// Record anew only on purpose: after a deliberate, versioned change (patched()), keep the old
// fixtures and add new ones, so requests in flight under the old code stay covered.
import { fileURLToPath } from 'node:url';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { workflowHandle } from '../platform/workflow-client.ts';
import {
  classification,
  type DispatchEnv,
  get,
  newScene,
  onDuty,
  type RequestView,
  startDispatchEnv,
  step,
  submit,
} from '../tests/dispatch/fixtures.ts';
import { call, newKey, ok, until } from '../tests/register/api-fixtures.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { idleHistory, selectScenarios, writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import {
  dispatchRequestWorkflow,
  dispatchWorkflowId,
  massIncidentWorkflow,
  massIncidentWorkflowId,
} from '../workflows/dispatch/contract.ts';

const OUT = fileURLToPath(new URL('../tests/dispatch/fixtures/', import.meta.url));

type Scenario = (env: DispatchEnv) => Promise<Record<string, History>>;

/** The history of a request's run once it has ended, after checking it ended closed. */
async function closedRequestHistory(env: DispatchEnv, requestId: string): Promise<History> {
  const handle = workflowHandle(
    env.app.deps.temporal!,
    dispatchRequestWorkflow,
    dispatchWorkflowId(requestId),
  );
  const result = await handle.result();
  if (result.request.status !== 'closed')
    throw new Error(`request ${requestId} ended ${result.request.status}, not closed`);
  return handle.fetchHistory();
}

const SCENARIOS: Record<string, Scenario> = {
  /**
   * An emergency routed to the technician on duty, reminded and escalated twice by its timers,
   * worked, rejected by the resident (reopened), worked again and confirmed: closed.
   */
  async reopened(env) {
    const s = await newScene(env);
    await ok(await onDuty(env, s), 201);
    env.triage.next = classification('water_leak', 'emergency');
    const r = await submit(env, s);
    if (r.status !== 'assigned') throw new Error(`request ${r.number} is ${r.status}, not assigned`);
    await until(
      'escalated to the inspection',
      async () => ((await get(env, s.dispatcher, r.id)).clocks[0]?.escalation === 2 ? true : undefined),
      30_000,
    );
    for (const type of ['accept', 'on_the_way', 'on_site']) await ok(await step(env, s.tech, r.id, { type }));
    await ok(await step(env, s.tech, r.id, { type: 'contain', note: 'riser shut' }));
    await ok(await step(env, s.tech, r.id, { type: 'done', note: 'pipe replaced' }));
    const reopened = await ok<RequestView>(
      await step(env, s.owner, r.id, { type: 'reject', reason: 'still dripping' }),
    );
    if (reopened.reopened !== 1) throw new Error(`request ${r.number} was not reopened`);
    await ok(await step(env, s.tech, r.id, { type: 'accept' }));
    await ok(await step(env, s.tech, r.id, { type: 'on_site' }));
    await ok(await step(env, s.tech, r.id, { type: 'done', note: 'joint resealed' }));
    await ok(await step(env, s.owner, r.id, { type: 'confirm' }));
    return { 'request-escalated-reopened-confirmed': await closedRequestHistory(env, r.id) };
  },

  /**
   * The reopened path again under the 'dispatch-steps-told-after-timers' patch: the escalations
   * the timers apply tell the steps that landed meanwhile.
   */
  async afterTimers(env) {
    const [history] = Object.values(await SCENARIOS.reopened!(env));
    return { 'request-steps-told-after-timers': history! };
  },

  /**
   * Steps in quick succession under the 'dispatch-signals-counted-before-read' patch: each step's
   * signal may land while the workflow reads the one before, and the workflow still reads it.
   */
  async stepsInARow(env) {
    const s = await newScene(env);
    await ok(await onDuty(env, s), 201);
    env.triage.next = classification('water_leak', 'urgent');
    const r = await submit(env, s);
    if (r.status !== 'assigned') throw new Error(`request ${r.number} is ${r.status}, not assigned`);
    for (const type of ['accept', 'on_the_way', 'on_site']) await ok(await step(env, s.tech, r.id, { type }));
    await ok(await step(env, s.tech, r.id, { type: 'done', note: 'tap replaced' }));
    await ok(await step(env, s.owner, r.id, { type: 'confirm' }));
    return { 'request-steps-in-a-row': await closedRequestHistory(env, r.id) };
  },

  /**
   * The resident told of each step (patched dispatch-resident-steps): an urgent request accepted,
   * the technician on the way, on site, done, confirmed by the resident: closed.
   */
  async residentSteps(env) {
    const s = await newScene(env);
    await ok(await onDuty(env, s), 201);
    env.triage.next = classification('water_leak', 'urgent');
    const r = await submit(env, s);
    if (r.status !== 'assigned') throw new Error(`request ${r.number} is ${r.status}, not assigned`);
    // A second between steps, so the workflow reads each on its own and tells it.
    const pause = () => new Promise((resolve) => setTimeout(resolve, 1000));
    for (const type of ['accept', 'on_the_way', 'on_site']) {
      await ok(await step(env, s.tech, r.id, { type }));
      await pause();
    }
    await ok(await step(env, s.tech, r.id, { type: 'done', note: 'tap replaced' }));
    await pause();
    await ok(await step(env, s.owner, r.id, { type: 'confirm' }));
    return { 'request-resident-told-each-step': await closedRequestHistory(env, r.id) };
  },

  /**
   * Three reports of one power cut open a mass incident; a dispatcher resolves it, which finishes
   * every linked request in the database. The linked requests' runs read that when they next wake
   * (their clock or a step), so one is recorded as it waits: what a new worker picks up.
   */
  async mass(env) {
    const s = await newScene(env);
    env.triage.next = classification('electricity', 'urgent');
    const a = await submit(env, s, 'Svet yo‘q butun podyezdda');
    await submit(env, s, 'Электричества нет во всём подъезде');
    const c = await submit(env, s, 'No power in the whole entrance');
    if (!c.massIncident?.opened) throw new Error('the third report opened no mass incident');
    const incidentId = c.massIncident.id;
    await ok(
      await call(env.app, 'POST', `/dispatch/mass-incidents/${incidentId}/resolve`, {
        token: s.dispatcher,
        key: newKey(),
        body: { note: 'feeder cable replaced' },
      }),
      202,
    );
    const handle = workflowHandle(
      env.app.deps.temporal!,
      massIncidentWorkflow,
      massIncidentWorkflowId(incidentId),
    );
    const { resolved } = await handle.result();
    if (resolved.length !== 3) throw new Error(`the incident resolved ${resolved.length} requests, not 3`);
    return {
      'mass-incident-resolved': await handle.fetchHistory(),
      'request-mass-linked-waiting': await idleHistory(
        workflowHandle(env.app.deps.temporal!, dispatchRequestWorkflow, dispatchWorkflowId(a.id)),
      ),
    };
  },
};

// `node scripts/record-dispatch-history.ts mass` records only the named scenarios, so fixtures of
// earlier workflow versions stay as they were recorded.
const selected = selectScenarios(SCENARIOS, process.argv.slice(2));

const [db, temporal] = await Promise.all([scratchDatabase('record_dispatch_history'), startTestTemporal()]);
// Clocks in seconds, so the timers fire while the script runs: a three-second emergency clock with
// a reminder half-way, the inspection three seconds after the chief engineer, a three-second
// silence before the auto-close.
const env = await startDispatchEnv(
  {
    containEmergencyMinutes: 0.05,
    inspectionAfterMinutes: 0.05,
    autoCloseMinutes: 0.05,
    reminderShareLeft: [0.5],
  },
  { databaseUrl: db.url, temporalAddress: temporal.address },
);
try {
  const recorded = [];
  // One after the other: each scenario sets the chosen triage answer.
  for (const run of selected) recorded.push(await run(env));
  await writeHistories(OUT, recorded);
} finally {
  await env.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
