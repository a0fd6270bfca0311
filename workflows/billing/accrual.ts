// The monthly accrual. billingMonth (started by the schedule on the 1st, Asia/Tashkent) lists the
// districts with buildings registered for billing and runs one billingAccrual child per district,
// a few at a time. billingAccrual opens the month through the gate (one activity over the
// district's buildings), then pages through the apartments of open buildings in batches, one
// activity and one ledger statement each, and continues as new before its history grows large;
// last it posts the month's scheduled income. Transfer ids derive from period, apartment, owner
// and tariff segment, so a re-run of the same month posts nothing twice.
import {
  ApplicationFailure,
  continueAsNew,
  executeChild,
  patched,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { BillingActivities } from '../../activities/billing/index.ts';
import type { ReceiptActivities } from '../../activities/billing/receipts.ts';
import { isPeriod, periodOf } from '../../domain/billing/period.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { nonRetryable } from '../common/contract.ts';
import {
  type AccrualTotals,
  BILLING_FAILURES,
  type BillingAccrualInput,
  type BillingAccrualSummary,
  type BillingMonthInput,
  type BillingMonthSummary,
  billingAccrualWorkflow,
  billingAccrualWorkflowId,
} from './contract.ts';

const retry = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '1m',
  nonRetryableErrorTypes: nonRetryable(BILLING_FAILURES),
};
const db = proxyActivities<BillingActivities>({ startToCloseTimeout: '2m', retry });
// A batch is thousands of lines in one statement: minutes on a loaded machine, heartbeating.
const batches = proxyActivities<BillingActivities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '5m',
  retry,
});

// A district's receipts: PDFs and mail for every owner, one building at a time, heartbeating.
const receipts = proxyActivities<ReceiptActivities>({
  startToCloseTimeout: '1h',
  heartbeatTimeout: '5m',
  retry,
});

/** Batches one run does before it continues as new, whatever the server suggests. */
const BATCHES_PER_RUN = 500;
/** Districts accrued at once: each batch already keeps a database connection busy. */
const DISTRICTS_AT_ONCE = 2;
const PROBLEMS_KEPT = 10;

export const NO_TOTALS: AccrualTotals = {
  batches: 0,
  apartments: 0,
  lines: 0,
  recorded: 0,
  duplicates: 0,
  amount: 0,
  skipped: 0,
};

const add = (a: AccrualTotals, b: Omit<AccrualTotals, 'batches'>): AccrualTotals => ({
  batches: a.batches + 1,
  apartments: a.apartments + b.apartments,
  lines: a.lines + b.lines,
  recorded: a.recorded + b.recorded,
  duplicates: a.duplicates + b.duplicates,
  amount: a.amount + b.amount,
  skipped: a.skipped + b.skipped,
});

const invalid = (message: string) => ApplicationFailure.nonRetryable(message, BILLING_FAILURES.invalid);

export async function billingAccrual(input: BillingAccrualInput): Promise<BillingAccrualSummary> {
  const { districtId, period, batchSize } = input;
  if (!districtId) throw invalid('districtId is required');
  if (!isPeriod(period)) throw invalid(`period must be 'YYYY-MM', got '${period}'`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw invalid('batchSize must be a positive integer');
  const gate = input.carried?.gate ?? (await db.openBillingMonth({ districtId, period }));
  let cursor: string | null = input.carried?.cursor ?? null;
  let totals = input.carried?.totals ?? NO_TOTALS;
  let problems = input.carried?.problems ?? [];
  for (let run = 0; ; run++) {
    const batch = await batches.accrueBillingBatch({ districtId, period, after: cursor, limit: batchSize });
    totals = add(totals, batch);
    problems = [...problems, ...batch.problems].slice(0, PROBLEMS_KEPT);
    if (batch.next === null) break;
    cursor = batch.next;
    if (workflowInfo().continueAsNewSuggested || run + 1 >= BATCHES_PER_RUN)
      await continueAsNew<typeof billingAccrual>({ ...input, carried: { gate, cursor, totals, problems } });
  }
  const revenuePosted = await db.postBillingRevenue({ districtId, period });
  // Runs recorded before the month's receipts were made here replay without these two steps.
  const afterAccrual = patched('billing-receipts-after-accrual');
  const sources = afterAccrual
    ? await receipts.postBillingRevenueSources({ districtId, period })
    : { recorded: 0 };
  const made =
    afterAccrual && input.receipts !== false
      ? await receipts.makeBillingReceipts({ districtId, period })
      : { buildings: 0, made: 0, existing: 0, mailed: 0 };
  return {
    districtId,
    period,
    gate,
    totals,
    problems,
    revenuePosted: revenuePosted + sources.recorded,
    receipts: made,
  };
}

export async function billingMonth(input: BillingMonthInput): Promise<BillingMonthSummary> {
  // The schedule gives no arguments that change: the month is the one the run started in, in
  // Tashkent; the catch-up window is shorter than a month, so a late start still names it.
  const period = input.period ?? periodOf(tashkentDate(workflowInfo().runStartTime.getTime()));
  if (!isPeriod(period)) throw invalid(`period must be 'YYYY-MM', got '${period}'`);
  const districts = await db.listBillingDistricts();
  let totals = NO_TOTALS;
  for (let i = 0; i < districts.length; i += DISTRICTS_AT_ONCE) {
    const results = await Promise.all(
      districts.slice(i, i + DISTRICTS_AT_ONCE).map((districtId) =>
        executeChild<typeof billingAccrual>(billingAccrualWorkflow.name, {
          workflowId: billingAccrualWorkflowId(districtId, period),
          args: [
            {
              districtId,
              period,
              batchSize: input.batchSize,
              ...(input.receipts === false ? { receipts: false } : {}),
            },
          ],
        }),
      ),
    );
    for (const r of results)
      totals = { ...add(totals, r.totals), batches: totals.batches + r.totals.batches };
  }
  return { period, districts: districts.length, totals };
}
