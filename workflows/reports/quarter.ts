// One building's quarter: reminders before the deadline, and at the deadline, if the report is
// not in, the stop on the building's accrual (an activity records it in billing under the
// report's row lock), extended a horizon at a time while the report is still missing. The report's
// entry lifts the stop in its own transaction (db/reports/repository.ts); the signal only ends the
// waiting, and every activity reads the stored report, so a lost signal changes nothing. History:
// a few events per reminder and per horizon (a year by default), never per month or per person.
import {
  ApplicationFailure,
  continueAsNew,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  startChild,
  WorkflowIdReusePolicy,
  workflowInfo,
} from '@temporalio/workflow';
import type { ReportActivities } from '../../activities/reports/index.ts';
import { TASHKENT_OFFSET_MS, tashkentDate } from '../../domain/calendar/working-days.ts';
import { deadlineAt, isQuarter, quarterOf, reminderTimes } from '../../domain/reports/quarters.ts';
import { databaseWork } from '../common/activity-options.ts';
import { nonRetryable } from '../common/contract.ts';
import { waitUntil } from '../common/wait.ts';
import {
  REPORT_FAILURES,
  type ReportQuarterInput,
  type ReportQuarterOutcome,
  type ReportQuarterState,
  type ReportsQuarterStartInput,
  type ReportsQuarterStartSummary,
  reportEnteredSignal,
  reportQuarterStateQuery,
  reportQuarterWorkflow,
  reportQuarterWorkflowId,
} from './contract.ts';

const acts = proxyActivities<ReportActivities>(databaseWork(nonRetryable(REPORT_FAILURES)));

const invalid = (message: string) => ApplicationFailure.nonRetryable(message, REPORT_FAILURES.invalid);
const monthStart = (period: string) => Date.parse(`${period}-01T00:00:00Z`) - TASHKENT_OFFSET_MS;

export async function reportQuarter(input: ReportQuarterInput): Promise<ReportQuarterOutcome> {
  const { buildingId, quarter, policy } = input;
  if (!isQuarter(quarter)) throw invalid(`quarter must be 'YYYY-Qn', got '${quarter}'`);
  const state: ReportQuarterState = { entered: false, remindersSent: 0, suspendedThrough: null };
  setHandler(reportEnteredSignal, () => {
    state.entered = true;
  });
  setHandler(reportQuarterStateQuery, () => state);
  const entered = () => state.entered;

  for (const at of reminderTimes(quarter, policy)) {
    if (await waitUntil(at, entered)) break;
    // A reminder whose time passed long ago (a late start) is not worth sending.
    if (Date.now() >= deadlineAt(quarter, policy)) break;
    const r = await acts.remindAboutReport({ buildingId, quarter, at });
    if (r.entered) state.entered = true;
    else state.remindersSent++;
  }
  if (state.entered || (await waitUntil(deadlineAt(quarter, policy), entered))) return { outcome: 'on_time' };

  let stop = await acts.stopForMissingReport({ buildingId, quarter, policy, requestId: 'deadline' });
  while (!stop.entered && stop.through !== null) {
    state.suspendedThrough = stop.through;
    // Extend once the last recorded month has begun, a month before the next one's accrual.
    if (await waitUntil(monthStart(stop.through), entered)) break;
    stop = await acts.stopForMissingReport({
      buildingId,
      quarter,
      policy,
      requestId: `extend:${stop.through}`,
    });
  }
  return { outcome: 'entered_late', suspendedThrough: state.suspendedThrough };
}

/** Children started per run before it continues as new: the history stays small however many buildings. */
const BATCHES_PER_RUN = 2;

/**
 * Starts every managed building's reportQuarter for the quarter, a batch at a time (an activity
 * lists the batch), abandoned to run on their own; a second start of the same quarter finds them
 * running or done.
 */
export async function reportsQuarterStart(
  input: ReportsQuarterStartInput,
): Promise<ReportsQuarterStartSummary> {
  const quarter = input.quarter ?? quarterOf(tashkentDate(Date.now()));
  if (!isQuarter(quarter)) throw invalid(`quarter must be 'YYYY-Qn', got '${quarter}'`);
  if (!Number.isInteger(input.batchSize) || input.batchSize < 1)
    throw invalid('batchSize must be a positive integer');
  let after = input.after ?? null;
  let started = input.started ?? 0;
  for (let run = 0; ; run++) {
    const page = await acts.listReportingBuildings({ after, limit: input.batchSize });
    for (const buildingId of page.buildingIds) {
      try {
        await startChild(reportQuarterWorkflow.name, {
          workflowId: reportQuarterWorkflowId(buildingId, quarter),
          args: [{ buildingId, quarter, policy: input.policy }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
        started++;
      } catch (err) {
        if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
      }
    }
    if (page.next === null) return { quarter, started };
    after = page.next;
    if (workflowInfo().continueAsNewSuggested || run + 1 >= BATCHES_PER_RUN)
      await continueAsNew<typeof reportsQuarterStart>({ ...input, quarter, after, started });
  }
}
