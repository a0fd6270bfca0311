// The quarterly reports' workflows as their callers address them (the schedule, the API, the
// activities, tests): one reportQuarter per building and quarter holds the reminders and the
// deadline; one reportsQuarterStart per quarter (started by the schedule on the quarter's first
// day, Asia/Tashkent) starts them in batches. Workflow-safe: no activity or ORM imports.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { ReportRuleCode } from '../../domain/reports/errors.ts';
import type { ReportPolicy } from '../../domain/reports/policy.ts';
import { defineWorkflow } from '../common/contract.ts';

export const reportQuarterWorkflowId = (buildingId: string, quarter: string): string =>
  `report:${buildingId}:${quarter}`;
export const reportsQuarterStartWorkflowId = (quarter: string): string => `reports-quarter:${quarter}`;
/** The one schedule that starts reportsQuarterStart on the first day of every quarter. */
export const REPORTS_SCHEDULE_ID = 'reports-quarterly';

export interface ReportQuarterInput {
  buildingId: string;
  /** 'YYYY-Qn'. */
  quarter: string;
  /** The deployment's policy when the quarter's workflows were started. */
  policy: ReportPolicy;
}

export type ReportQuarterOutcome =
  /** The report was entered before the deadline: nothing stopped. */
  | { outcome: 'on_time' }
  /** Entered after the deadline: the months recorded were stopped, the rest lifted by the entry. */
  | { outcome: 'entered_late'; suspendedThrough: string | null };

export interface ReportQuarterState {
  entered: boolean;
  remindersSent: number;
  /** The last month recorded as suspended so far, null while nothing is stopped. */
  suspendedThrough: string | null;
}

export interface ReportsQuarterStartInput {
  /** Absent when the schedule starts it: the Tashkent quarter the run started in. */
  quarter?: string;
  batchSize: number;
  policy: ReportPolicy;
  /** Carried over continue-as-new: the last building started. */
  after?: string | null;
  started?: number;
}

export interface ReportsQuarterStartSummary {
  quarter: string;
  /** Buildings whose workflow this run started (a re-run finds them started). */
  started: number;
}

/** The failure type of each rule code; a refusal's fields travel as `details[0]`. */
export const REPORT_FAILURES = {
  not_found: 'ReportNotFound',
  forbidden: 'ReportForbidden',
  invalid: 'ReportInvalidInput',
  wrong_state: 'ReportWrongState',
  quarter_not_begun: 'ReportQuarterNotBegun',
  not_managed: 'ReportNotManaged',
  idempotency_conflict: 'ReportIdempotencyConflict',
} as const satisfies Record<ReportRuleCode, string>;

export const reportQuarterWorkflow = defineWorkflow<
  (input: ReportQuarterInput) => Promise<ReportQuarterOutcome>
>()('reportQuarter', { queue: 'reports', failures: REPORT_FAILURES });

export const reportsQuarterStartWorkflow = defineWorkflow<
  (input: ReportsQuarterStartInput) => Promise<ReportsQuarterStartSummary>
>()('reportsQuarterStart', { queue: 'reports', failures: REPORT_FAILURES });

/** The report was entered (its first submission is committed): stop waiting, stop nothing more. */
export const reportEnteredSignal = defineSignal('reportEntered');
export const reportQuarterStateQuery = defineQuery<ReportQuarterState>('state');
