// The monthly accrual as its callers address it: the schedule, the API, scripts and tests. One
// billingMonth per month (started by the schedule on the 1st) runs one billingAccrual per
// district; the accrual pages through the district's apartments in batches, each one activity and
// one ledger statement, so its history grows with batches, never with apartments.
import { defineWorkflow } from '../common/contract.ts';

export interface AccrualTotals {
  batches: number;
  apartments: number;
  /** Owner lines computed (one per owner and tariff segment). */
  lines: number;
  /** Of them, newly recorded on the ledger; the rest were already there (a re-run). */
  recorded: number;
  duplicates: number;
  /** Tiyin accrued by the lines computed. */
  amount: number;
  /** Apartments not charged because their data is wrong (no owner, shares not summing to 1). */
  skipped: number;
}

export interface MonthGateSummary {
  open: number;
  suspended: number;
  /** Buildings of the district not registered for billing. */
  unregistered: number;
}

export interface BillingAccrualInput {
  districtId: string;
  /** 'YYYY-MM'. */
  period: string;
  /** Apartments per activity (BILLING_ACCRUAL_BATCH). */
  batchSize: number;
  /** false: accrue only, make no receipts (the benchmark measures the accrual alone). */
  receipts?: boolean;
  /** Carried over continue-as-new: where the last run stopped and what it did. */
  carried?: { gate: MonthGateSummary; cursor: string; totals: AccrualTotals; problems: string[] };
}

export interface BillingAccrualSummary {
  districtId: string;
  period: string;
  gate: MonthGateSummary;
  totals: AccrualTotals;
  /** The first few apartments skipped and why. */
  problems: string[];
  /** Income of the month posted to the buildings' accounts: leases, service centres, structures. */
  revenuePosted: number;
  /** The month's receipts, made after the accrual and queued for mail. */
  receipts: { buildings: number; made: number; existing: number; mailed: number };
}

export interface BillingMonthInput {
  /** Absent when the schedule starts it: the Tashkent month the run started in. */
  period?: string;
  batchSize: number;
  /** false: accrue only, make no receipts (the benchmark measures the accrual alone). */
  receipts?: boolean;
}

export interface BillingMonthSummary {
  period: string;
  districts: number;
  totals: AccrualTotals;
}

export const billingAccrualWorkflowId = (districtId: string, period: string): string =>
  `billing-accrual:${districtId}:${period}`;
export const billingMonthWorkflowId = (period: string): string => `billing-month:${period}`;
/** The one schedule that starts billingMonth on the 1st of every month. */
export const BILLING_SCHEDULE_ID = 'billing-monthly-accrual';

export const BILLING_FAILURES = {
  invalid: 'BillingInvalidInput',
  /**
   * A line's id is on the ledger with another amount (the terms changed after the month was
   * accrued): a re-run never rewrites a posted line; the difference needs a correction.
   */
  transfer_conflict: 'BillingTransferConflict',
} as const;

export const billingAccrualWorkflow = defineWorkflow<
  (input: BillingAccrualInput) => Promise<BillingAccrualSummary>
>()('billingAccrual', { queue: 'billing', failures: BILLING_FAILURES });

export const billingMonthWorkflow = defineWorkflow<
  (input: BillingMonthInput) => Promise<BillingMonthSummary>
>()('billingMonth', { queue: 'billing', failures: BILLING_FAILURES });

export interface BillingDailyInput {
  /** Absent when the schedule starts it: the Tashkent day the run started in. */
  date?: string;
  batchSize: number;
  /** Carried over continue-as-new. */
  carried?: { phase: 'penalties' | 'electricity'; cursor: string | null; totals: BillingDailyTotals };
}

export interface BillingDailyTotals {
  batches: number;
  accounts: number;
  /** Penalty transfers newly recorded and their tiyin. */
  penaltyTransfers: number;
  penaltyAmount: number;
  owners: number;
  blocked: number;
  lifted: number;
}

/** The daily reconciliation of the day before the run's (activities/billing/reconciliation.ts). */
export interface ReconciliationSummary {
  /** The Tashkent day reconciled. */
  day: string;
  /** Each side compared with the ledger, or not (a provider's registry URL is not configured). */
  sources: Record<'payme' | 'click' | 'bank', 'reconciled' | 'not_configured'>;
  /** Discrepancies found, and of them cases newly opened (the rest were open already). */
  discrepancies: number;
  opened: number;
}

export interface BillingDailySummary {
  date: string;
  totals: BillingDailyTotals;
  /**
   * Absent in runs that started before the reconciliation was added; `failed` when a registry
   * stayed unreachable through the step's retries (the day's other work is done; a re-run of the
   * day reconciles it).
   */
  reconciliation?: ReconciliationSummary | { day: string; failed: string };
}

export const billingDailyWorkflowId = (date: string): string => `billing-daily:${date}`;
/** The one schedule that starts billingDaily every day. */
export const BILLING_DAILY_SCHEDULE_ID = 'billing-daily';

/**
 * Every day: each owner account's penalties through the day posted to the ledger; every day,
 * blocks whose debt is gone are lifted; on the handover day, debtors are blocked at the
 * electricity supplier; then the day before is reconciled with the providers and the bank.
 */
export const billingDailyWorkflow = defineWorkflow<
  (input: BillingDailyInput) => Promise<BillingDailySummary>
>()('billingDaily', { queue: 'billing', failures: BILLING_FAILURES });
