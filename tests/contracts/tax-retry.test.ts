// A retry the organization asks for answers with the outcome of an attempt made after it asked,
// even when it arrives while the workflow is still taking in the refusal it answers: the worker's
// tax-state read is held exactly there, so the test does not depend on how fast anything runs.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { entityManagerScope } from '../../activities/context.ts';
import { createActivities } from '../../activities/index.ts';
import type { ContractView } from '../../domain/contracts/view.ts';
import { loadConfig } from '../../platform/config.ts';
import { startTaxAuthoritySandbox } from '../../platform/tax-authority/sandbox.ts';
import { workflowHandle } from '../../platform/workflow-client.ts';
import { contractWorkflow, contractWorkflowId } from '../../workflows/contracts/contract.ts';
import { call, ok, until } from '../register/api-fixtures.ts';
import { createTestApp } from '../support/app.ts';
import { startWorkers } from '../support/worker-harness.ts';
import { workflowBundle } from '../support/workflow-bundle.ts';
import { type ContractsEnv, concludeLease, contract, newLegacyLot, newPerson } from './fixtures.ts';

/** Holds the next call that passes it until released; says when one is held. */
function gate() {
  let armed = false;
  let held!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((r) => {
    held = r;
  });
  const released = new Promise<void>((r) => {
    release = r;
  });
  return {
    arm: () => {
      armed = true;
    },
    async pass() {
      if (!armed) return;
      armed = false;
      held();
      await released;
    },
    reached,
    release: () => release(),
  };
}

const readTaxState = gate();
let env: ContractsEnv;
let stopContractsWorker: () => Promise<void>;

beforeAll(async () => {
  const tax = await startTaxAuthoritySandbox();
  const q = randomUUID();
  const queues = { register: `register-r-${q}`, contracts: `contracts-r-${q}`, meetings: `meetings-r-${q}` };
  const vars = { LOG_LEVEL: 'silent', TAX_AUTHORITY_URL: tax.url, TAX_AUTHORITY_TIMEOUT_MS: '500' };
  const temporalAddress = inject('temporalAddress');
  const app = await createTestApp({ env: vars, taskQueues: queues });
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_POOL_MAX: '4', ...vars, LOG_LEVEL: 'warn' });
  // The usual workers for every queue but the contracts one...
  const workers = await startWorkers({
    config,
    orm: app.deps.orm,
    temporalAddress,
    taskQueues: { registry: `registry-unused-${q}`, ...queues, contracts: `contracts-unused-${q}` },
  });
  // ...which a worker with the real activities serves, its tax-state read behind the gate.
  const real = createActivities({ orm: app.deps.orm, mailer: workers.mailer, config });
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    workflowBundle: await workflowBundle(),
    activities: {
      ...real,
      loadTaxState: async (id: string) => {
        await readTaxState.pass();
        return real.loadTaxState(id);
      },
    },
    interceptors: { activity: [entityManagerScope(app.deps.orm)] },
    taskQueue: queues.contracts,
  });
  const running = worker.run();
  stopContractsWorker = async () => {
    worker.shutdown();
    await running;
    await connection.close();
  };
  env = {
    app,
    slow: app,
    fast: app,
    tax,
    workers,
    em: () => app.deps.orm.em.fork() as EntityManager,
    async stop() {
      await workers.stop();
      await app.close();
      await tax.close();
    },
  };
});
afterAll(async () => {
  readTaxState.release();
  await stopContractsWorker?.();
  await env?.stop();
});

describe('retrying a refused tax registration', () => {
  it('answers with the new attempt even when asked while the refusal is being taken in', async () => {
    const lot = await newLegacyLot(env);
    const lessee = await newPerson(env);
    env.tax.rejectNext(1, [{ field: 'building.cadastralNumber', message: 'unknown cadastral number' }]);
    readTaxState.arm();
    const active = await concludeLease(env, lot, lessee);

    // The refusal is recorded; the workflow's read of it is held.
    await readTaxState.reached;
    expect((await contract(env, lot.staff.token, active.id)).taxRegistration?.lastError).toContain(
      'unknown cadastral number',
    );
    const retrying = call(env.app, 'POST', `/contracts/${active.id}/tax-registration`, {
      token: lot.staff.token,
      body: {},
    });
    const handle = workflowHandle(env.app.deps.temporal!, contractWorkflow, contractWorkflowId(active.id));
    await until('the retry accepted by the workflow', async () =>
      ((await handle.fetchHistory()).events ?? []).some(
        (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
      )
        ? true
        : undefined,
    );
    readTaxState.release();

    const retried = await ok<ContractView>(await retrying);
    expect(retried.taxRegistration).toMatchObject({ status: 'registered', lastError: null });
    expect(env.tax.registrations.filter((r) => r.request.contractId === active.id)).toHaveLength(1);
  });
});
