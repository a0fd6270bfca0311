// `node scripts/record-contract-history.ts`: runs the contract workflow through its main paths on a
// throwaway stack (test database, Temporal dev server, SMTP catcher, tax-authority sandbox),
// driving it through the real API as tests/contracts does (tests/contracts/fixtures.ts), and saves
// each run's event history as JSON under tests/contracts/fixtures, for
// tests/contracts/replay.test.ts. A contract in force waits for years, so most runs are recorded
// while they wait, once the workflow is idle: that is exactly the history a new worker picks up.
// Record anew only on purpose: after a deliberate, versioned change (patched()), keep the old
// fixtures and add new ones, so contracts in flight under the old code stay covered.
import { fileURLToPath } from 'node:url';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { ContractView } from '../domain/contracts/view.ts';
import { workflowHandle } from '../platform/workflow-client.ts';
import {
  type ContractsEnv,
  concludeLease,
  contract,
  documentBytes,
  type Lot,
  MANAGEMENT_PARAMETERS,
  newLegacyLot,
  newLot,
  newPerson,
  type Party,
  SHORT_TAX_TERM_SECONDS,
  sign,
  startContractsEnv,
  startManagementContract,
} from '../tests/contracts/fixtures.ts';
import { call, ok, until } from '../tests/register/api-fixtures.ts';
import { scratchDatabase } from '../tests/support/database.ts';
import { idleHistory, selectScenarios, writeHistories } from '../tests/support/record-histories.ts';
import { startTestTemporal } from '../tests/support/temporal-server.ts';
import { contractWorkflow, contractWorkflowId } from '../workflows/contracts/contract.ts';
import { registerWorkflow, registerWorkflowId } from '../workflows/register/contract.ts';

const OUT = fileURLToPath(new URL('../tests/contracts/fixtures/', import.meta.url));

type Scenario = (env: ContractsEnv) => Promise<Record<string, History>>;

const handleOf = (env: ContractsEnv, contractId: string) =>
  workflowHandle(env.app.deps.temporal!, contractWorkflow, contractWorkflowId(contractId));

async function signBoth(
  env: ContractsEnv,
  lot: Lot,
  id: string,
  counterparty: Party | Lot['staff'] = lot.staff,
) {
  await ok(await sign(env, lot.rep.token, await lot.rep.key(), await contract(env, lot.rep.token, id)));
  return ok<ContractView>(
    await sign(
      env,
      counterparty.token,
      await counterparty.key(),
      await contract(env, counterparty.token, id),
    ),
  );
}

const concludedLease = async (env: ContractsEnv, lot: Lot): Promise<ContractView> =>
  concludeLease(env, lot, await newPerson(env));

const taxStatus = (env: ContractsEnv, lot: Lot, id: string, status: string) =>
  until(
    `tax ${status}`,
    async () =>
      (await contract(env, lot.org.tokens.admin, id)).taxRegistration?.status === status ? true : undefined,
    30_000,
  );

function expectState(v: ContractView, state: ContractView['state']) {
  if (v.state !== state) throw new Error(`contract ${v.id} is ${v.state}, not ${state}`);
}

/** The organization's register status, straight from the row. */
const registerStatusOf = async (env: ContractsEnv, orgId: string) =>
  (
    await env
      .em()
      .getConnection()
      .execute<{ register_status: string }[]>(
        'select register_status from management_organization where id = ?',
        [orgId],
      )
  )[0]?.register_status;

const SCENARIOS: Record<string, Scenario> = {
  /** Both parties sign the conclusion; the contract is in force and its workflow waits. */
  async concluded(env) {
    const lot = await newLot(env);
    const v = await signBoth(env, lot, (await startManagementContract(env, lot)).id);
    expectState(v, 'active');
    return { 'contract-concluded': await idleHistory(handleOf(env, v.id)) };
  },

  /** Concluded, amended by both signatures, then terminated by both: the workflow completes. */
  async amended(env) {
    const lot = await newLot(env);
    const id = (await startManagementContract(env, lot)).id;
    await signBoth(env, lot, id);
    await ok(
      await call(env.app, 'POST', `/contracts/${id}/amendments`, {
        token: lot.staff.token,
        body: { parameters: { ...MANAGEMENT_PARAMETERS, tariffUzsPerM2: 1800 } },
      }),
    );
    expectState(await signBoth(env, lot, id), 'active');
    await ok(
      await call(env.app, 'POST', `/contracts/${id}/termination`, {
        token: lot.rep.token,
        body: { reason: 'The owners chose another organization' },
      }),
    );
    expectState(await signBoth(env, lot, id), 'terminated');
    const handle = handleOf(env, id);
    await handle.result();
    return { 'contract-amended-terminated': await handle.fetchHistory() };
  },

  /** A signature over other bytes is refused (the update fails), then both sign properly. */
  async rejected(env) {
    const lot = await newLot(env);
    const view = await contract(env, lot.rep.token, (await startManagementContract(env, lot)).id);
    const forged = await sign(env, lot.rep.token, await lot.rep.key(), view, {
      bytes: new TextEncoder().encode('another text'),
    });
    if (forged.status !== 422) throw new Error(`a forged signature answered ${forged.status}`);
    // The bytes of the document, signed by a key the representative never registered.
    const stranger = await newPerson(env);
    const wrong = await sign(env, lot.rep.token, await stranger.key(), view, {
      bytes: await documentBytes(env, lot.rep.token, view.id, view.pending!.documentSha256),
    });
    if (wrong.status !== 422) throw new Error(`the wrong signer answered ${wrong.status}`);
    const v = await signBoth(env, lot, view.id);
    expectState(v, 'active');
    return { 'contract-rejected-then-signed': await idleHistory(handleOf(env, v.id)) };
  },

  /** A lease registered with the tax authority within its term; the workflow then waits. */
  async registered(env) {
    const lot = await newLot(env);
    const v = await concludedLease(env, lot);
    await taxStatus(env, lot, v.id, 'registered');
    return { 'contract-lease-tax-registered': await idleHistory(handleOf(env, v.id)) };
  },

  /**
   * A lease whose registration fails until its term ends: the organization is removed through its
   * review workflow's systemRemove signal. Both sides of the signal are recorded.
   */
  async missed(env) {
    const lot = await newLot(env);
    env.tax.failNext(1000, 503);
    try {
      const v = await concludedLease(env, lot);
      await taxStatus(env, lot, v.id, 'overdue');
      await until('removed', async () =>
        (await registerStatusOf(env, lot.org.id)) === 'removed' ? true : undefined,
      );
      const applicationId = (
        await env
          .em()
          .getConnection()
          .execute<{ id: string }[]>('select id from register_application where organization_id = ?', [
            lot.org.id,
          ])
      )[0]!.id;
      const register = workflowHandle(
        env.app.deps.temporal!,
        registerWorkflow,
        registerWorkflowId(applicationId),
      );
      await register.result();
      return {
        'contract-lease-deadline-missed-removed': await idleHistory(handleOf(env, v.id)),
        'register-removed-for-missed-tax-registration': await register.fetchHistory(),
      };
    } finally {
      env.tax.clearInjections();
    }
  },

  /** The same for an organization registered without an application: removed directly. */
  async legacy(env) {
    const lot = await newLegacyLot(env);
    env.tax.failNext(1000, 503);
    try {
      const v = await concludedLease(env, lot);
      await taxStatus(env, lot, v.id, 'overdue');
      await until('removed', async () =>
        (await registerStatusOf(env, lot.org.id)) === 'removed' ? true : undefined,
      );
      return { 'contract-lease-deadline-missed-legacy-removed': await idleHistory(handleOf(env, v.id)) };
    } finally {
      env.tax.clearInjections();
    }
  },
};

// `node scripts/record-contract-history.ts missed` records only the named scenarios, so fixtures
// of earlier workflow versions stay as they were recorded.
const selected = selectScenarios(SCENARIOS, process.argv.slice(2));

const [db, temporal] = await Promise.all([scratchDatabase('record_contract_history'), startTestTemporal()]);
// A short term: the runs cover a registration in time and a term that passes unregistered.
const env = await startContractsEnv({
  databaseUrl: db.url,
  temporalAddress: temporal.address,
  taxTermSeconds: SHORT_TAX_TERM_SECONDS,
});
try {
  const recorded: Record<string, History>[] = [];
  // One after another: the tax-authority sandbox's injected failures are shared by all of them.
  for (const run of selected) recorded.push(await run(env));
  await writeHistories(OUT, recorded);
} finally {
  await env.stop();
  await Promise.all([temporal.stop(), db.drop()]);
}
