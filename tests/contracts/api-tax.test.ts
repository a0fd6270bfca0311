// Common-property contracts and the tax authority: registered in time through the adapter (also
// after the authority failed a few times, or refused once and was asked again), and income booked
// to the building. The term is the production one, so no registration here races its deadline;
// a missed term is api-tax-deadline.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView } from '../../domain/contracts/view.ts';
import { workflowHandle } from '../../platform/workflow-client.ts';
import {
  contractStateQuery,
  contractWorkflow,
  contractWorkflowId,
} from '../../workflows/contracts/contract.ts';
import { call, ok, problem, until } from '../register/api-fixtures.ts';
import {
  type ContractsEnv,
  concludeLease,
  contract,
  type Lot,
  newLot,
  newPerson,
  type Party,
  startContractsEnv,
} from './fixtures.ts';

let env: ContractsEnv;
beforeAll(async () => {
  env = await startContractsEnv();
});
afterAll(async () => {
  await env?.stop();
});

const concludedLease = (lot: Lot, lessee: Party) => concludeLease(env, lot, lessee);

const taxState = (lot: Lot, id: string, status: string) =>
  until(
    `tax ${status}`,
    async () => {
      const v = await contract(env, lot.org.tokens.admin, id);
      return v.taxRegistration?.status === status ? v : undefined;
    },
    15_000,
  );

/** The organization's state in the public register: the last entry of its history. */
const registerStatus = async (lot: Lot) =>
  (
    await ok<{ events: { toState: string }[] }>(
      await call(env.app, 'GET', `/register/organizations/${lot.org.id}/history`),
    )
  ).events.at(-1)?.toState;

describe('common-property contracts and the tax authority', () => {
  it('registers the concluded lease with the tax authority in time and books its income to the building', async () => {
    const lot = await newLot(env);
    const lessee = await newPerson(env);
    const active = await concludedLease(lot, lessee);
    expect(active.state).toBe('active');
    expect(active.taxRegistration?.status).toMatch(/pending|registered/);
    const done = await taxState(lot, active.id, 'registered');
    expect(done.taxRegistration?.registrationNumber).toMatch(/^STI-\d{4}-\d{6}$/);
    const filed = env.tax.registrations.find((r) => r.request.contractId === active.id);
    expect(filed?.request).toMatchObject({
      kind: 'lease',
      monthlyRentUzs: 2_000_000,
      documentSha256: active.documentSha256,
    });

    const revenue = await ok<{ entries: { period: string; amountUzs: number; status: string }[] }>(
      await call(env.app, 'GET', `/buildings/${lot.buildingId}/revenue`, { token: lot.staff.token }),
    );
    expect(revenue.entries.map((e) => e.period)).toEqual([
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
    ]);
    expect(revenue.entries.every((e) => e.amountUzs === 2_000_000 && e.status === 'scheduled')).toBe(true);

    // The end of the term cannot act on a registered lease: once the workflow has seen the
    // registration, no timer of its is left running (waiting the term out would prove less, and
    // only as far as the machine keeps up).
    const handle = workflowHandle(env.app.deps.temporal!, contractWorkflow, contractWorkflowId(active.id));
    await until('the workflow sees the registration', async () =>
      (await handle.query(contractStateQuery))?.taxStatus === 'registered' ? true : undefined,
    );
    const events = (await handle.fetchHistory()).events ?? [];
    const ended = new Set(
      events.flatMap((e) => [e.timerFiredEventAttributes?.timerId, e.timerCanceledEventAttributes?.timerId]),
    );
    const running = events
      .map((e) => e.timerStartedEventAttributes?.timerId)
      .filter((id) => id && !ended.has(id));
    expect(running).toEqual([]);
    expect(await registerStatus(lot)).toBe('registered');
  });

  it('retries while the tax authority is unavailable and registers once it answers', async () => {
    const lot = await newLot(env);
    const lessee = await newPerson(env);
    env.tax.failNext(2, 503);
    const active = await concludedLease(lot, lessee);
    const done = await taxState(lot, active.id, 'registered');
    expect(done.timeline.map((e) => e.action)).toContain('tax_registration_failed');
    expect(done.taxRegistration?.lastError).toBeNull();
  });

  it('shows a refusal by the authority to the organization, which may retry after it', async () => {
    const lot = await newLot(env);
    const lessee = await newPerson(env);
    env.tax.rejectNext(1, [{ field: 'building.cadastralNumber', message: 'unknown cadastral number' }]);
    const active = await concludedLease(lot, lessee);
    const refused = await until('refusal recorded', async () => {
      const v = await contract(env, lot.staff.token, active.id);
      return v.taxRegistration?.lastError ? v : undefined;
    });
    expect(refused.taxRegistration?.lastError).toContain('unknown cadastral number');
    await problem(
      await call(env.app, 'POST', `/contracts/${active.id}/tax-registration`, {
        token: lessee.token,
        body: {},
      }),
      403,
      { detail: "only the organization's staff register the contract" },
    );
    const retried = await ok<ContractView>(
      await call(env.app, 'POST', `/contracts/${active.id}/tax-registration`, {
        token: lot.staff.token,
        body: {},
      }),
    );
    expect(retried.taxRegistration?.status).toBe('registered');
  });
});
