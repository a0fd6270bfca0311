// The daily billing run (started by its schedule at 00:30 Asia/Tashkent). First the penalties:
// pages through every owner account in batches, one activity and one ledger statement each,
// posting each overdue month's penalty through the day. Then the electricity block: pages through
// the owners, lifting blocks whose debt is gone and, on the handover day, blocking the debtors;
// the supplier is told by the outbox dispatcher, not here. The history grows with batches, never
// with owners, and the run continues as new before it grows large. Transfer ids and outbox keys
// name the day, so a re-run of the same day posts and sends nothing twice. Last, one activity
// reconciles the day before with the providers' registries and the bank statements and opens the
// accounting-violation cases (activities/billing/reconciliation.ts); runs recorded before it was
// added replay without it (patched).
import {
  ApplicationFailure,
  continueAsNew,
  patched,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { DebtorActivities } from '../../activities/billing/debtors.ts';
import type { ReconciliationActivities } from '../../activities/billing/reconciliation.ts';
import { addDays, isDate } from '../../domain/billing/period.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { nonRetryable } from '../common/contract.ts';
import {
  BILLING_FAILURES,
  type BillingDailyInput,
  type BillingDailySummary,
  type BillingDailyTotals,
} from './contract.ts';

const batches = proxyActivities<DebtorActivities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '5m',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    nonRetryableErrorTypes: nonRetryable(BILLING_FAILURES),
  },
});

// A registry that stays down is retried for about ten minutes, then the run ends with the step
// marked failed: a run left waiting would make the schedule skip the next day's penalties.
const reconciliation = proxyActivities<ReconciliationActivities>({
  startToCloseTimeout: '10m',
  retry: {
    initialInterval: '5s',
    backoffCoefficient: 2,
    maximumInterval: '2m',
    maximumAttempts: 8,
    nonRetryableErrorTypes: nonRetryable(BILLING_FAILURES),
  },
});

/** Marks the histories that have the reconciliation step; those before it replay without. */
export const RECONCILIATION_PATCH = 'billing-daily-reconciliation';

/** Batches one run does before it continues as new, whatever the server suggests. */
const BATCHES_PER_RUN = 500;

export const NO_DAILY_TOTALS: BillingDailyTotals = {
  batches: 0,
  accounts: 0,
  penaltyTransfers: 0,
  penaltyAmount: 0,
  owners: 0,
  blocked: 0,
  lifted: 0,
};

export async function billingDaily(input: BillingDailyInput): Promise<BillingDailySummary> {
  const date = input.date ?? tashkentDate(workflowInfo().runStartTime.getTime());
  if (!isDate(date))
    throw ApplicationFailure.nonRetryable(
      `date must be 'YYYY-MM-DD', got '${date}'`,
      BILLING_FAILURES.invalid,
    );
  const limit = input.batchSize;
  if (!Number.isInteger(limit) || limit < 1)
    throw ApplicationFailure.nonRetryable('batchSize must be a positive integer', BILLING_FAILURES.invalid);
  let phase = input.carried?.phase ?? 'penalties';
  let cursor = input.carried?.cursor ?? null;
  let t = input.carried?.totals ?? NO_DAILY_TOTALS;
  for (let run = 0; ; run++) {
    let next: string | null;
    if (phase === 'penalties') {
      const b = await batches.postPenaltyBatch({ asOf: date, after: cursor, limit });
      t = {
        ...t,
        batches: t.batches + 1,
        accounts: t.accounts + b.accounts,
        penaltyTransfers: t.penaltyTransfers + b.recorded,
        penaltyAmount: t.penaltyAmount + b.amount,
      };
      next = b.next;
    } else {
      const b = await batches.electricityBatch({ date, after: cursor, limit });
      t = {
        ...t,
        batches: t.batches + 1,
        owners: t.owners + b.owners,
        blocked: t.blocked + b.blocked,
        lifted: t.lifted + b.lifted,
      };
      next = b.next;
    }
    if (next === null) {
      if (phase === 'electricity') break;
      phase = 'electricity';
    }
    cursor = next;
    if (workflowInfo().continueAsNewSuggested || run + 1 >= BATCHES_PER_RUN)
      await continueAsNew<typeof billingDaily>({ ...input, date, carried: { phase, cursor, totals: t } });
  }
  if (!patched(RECONCILIATION_PATCH)) return { date, totals: t };
  const day = addDays(date, -1);
  try {
    return { date, totals: t, reconciliation: await reconciliation.reconcileBillingDay({ day }) };
  } catch (err) {
    const failed =
      err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    return { date, totals: t, reconciliation: { day, failed } };
  }
}
