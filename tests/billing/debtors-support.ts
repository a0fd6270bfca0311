// What the penalty and electricity tests share: a database of their own (the daily run reads every
// owner account, so other files' accounts must not be in it), the billing workers on it, and
// ledger postings as the accrual and the payment providers make them.
import { randomUUID } from 'node:crypto';
import { postTransfers } from '../../db/billing/ledger.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { startWorkflow } from '../../platform/workflow-client.ts';
import { billingDailyWorkflow, billingDailyWorkflowId } from '../../workflows/billing/contract.ts';
import { createTestDatabase, type TestDatabase, type TestPostgres } from '../support/database.ts';
import type { WorkerHarness } from '../support/worker-harness.ts';
import { createDistrict } from './fixtures.ts';
import { startBillingHarness } from './harness.ts';

export interface DebtorsWorld {
  h: WorkerHarness;
  db: TestDatabase;
  stop(): Promise<void>;
}

export async function startDebtorsWorld(
  label: string,
  postgres: TestPostgres,
  temporalAddress: string,
): Promise<DebtorsWorld> {
  const db = await createTestDatabase(postgres, label);
  const h = await startBillingHarness({ databaseUrl: db.url, temporalAddress });
  return {
    h,
    db,
    async stop() {
      await h.stop();
      await db.drop();
    },
  };
}

export const ownerAccount = (ownerId: string, apartmentId: string) =>
  accountId({ kind: 'owner_receivable', ownerId, apartmentId });

/** A building of one-owner apartments; returns [ownerId, apartmentId] per apartment. */
export async function owners(h: WorkerHarness, n: number) {
  const district = await createDistrict(h.orm);
  const b = await district.building(
    Array.from({ length: n }, (_, i) => ({
      number: String(i + 1),
      area: 50,
      shares: [[1, 1]] as [number, number][],
    })),
  );
  return {
    buildingId: b.buildingId,
    list: b.apartmentIds.map((apartmentId, i) => ({ ownerId: b.ownerIds[i]![0]!, apartmentId })),
  };
}

export async function charge(
  h: WorkerHarness,
  o: { ownerId: string; apartmentId: string },
  buildingId: string,
  period: string,
  amount: number,
) {
  await postTransfers(h.orm.em.fork(), [
    {
      id: `test-accrual:${period}:${o.apartmentId}:${o.ownerId}`,
      debit: ownerAccount(o.ownerId, o.apartmentId),
      credit: accountId({ kind: 'revenue', buildingId, revenue: 'contributions' }),
      amount,
      kind: 'accrual',
      reason: `contributions ${period}`,
      period,
      buildingId,
    },
  ]);
}

/** A payment as a provider posts it, dated by the provider's day. */
export const payment = (o: { ownerId: string; apartmentId: string }, amount: number, paidOn: string) => ({
  id: `test-payment:${randomUUID()}`,
  debit: accountId({ kind: 'provider_clearing', provider: 'payme' }),
  credit: ownerAccount(o.ownerId, o.apartmentId),
  amount,
  kind: 'payment' as const,
  reason: 'payment',
  period: null,
  detail: { paidOn },
});

/** Starts the daily billing for `date` through Temporal; `run` tells re-runs of a day apart. */
export function startDaily(h: WorkerHarness, date: string, run = 'first', batchSize = 2) {
  return startWorkflow(h.client, billingDailyWorkflow, {
    args: [{ date, batchSize }],
    taskQueue: h.taskQueue,
    workflowId: `${billingDailyWorkflowId(date)}:${run}:${randomUUID()}`,
  });
}

export const runDaily = async (h: WorkerHarness, date: string, run = 'first', batchSize = 2) =>
  (await startDaily(h, date, run, batchSize)).result();
