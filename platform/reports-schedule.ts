// The quarterly reports' schedule, Asia/Tashkent: on the first day of every quarter it starts
// reportsQuarterStart (workflows/reports/contract.ts), which starts each managed building's
// workflow for the quarter in batches. Kept up to date by ensureSchedule (platform/schedules.ts).
import { type Client, ScheduleOverlapPolicy } from '@temporalio/client';
import { REPORTS_SCHEDULE_ID, reportsQuarterStartWorkflow } from '../workflows/reports/contract.ts';
import { type Config, TASK_QUEUES } from './config.ts';
import { ensureSchedule } from './schedules.ts';

/** The first month of each quarter. */
const QUARTER_MONTHS: ('JANUARY' | 'APRIL' | 'JULY' | 'OCTOBER')[] = ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'];

export function reportsScheduleOptions(
  config: Pick<Config, 'reports'>,
  taskQueue: string = TASK_QUEUES.reports,
) {
  return {
    spec: {
      // After the month's accrual (00:05 on the 1st), so the two never compete for the start.
      calendars: [{ month: QUARTER_MONTHS, dayOfMonth: 1, hour: 0, minute: 20 }],
      timezone: 'Asia/Tashkent',
    },
    action: {
      type: 'startWorkflow' as const,
      workflowType: reportsQuarterStartWorkflow.name,
      // The server appends the scheduled time, so each quarter's run has its own id.
      workflowId: 'reports-quarter',
      taskQueue,
      args: [{ batchSize: config.reports.batchSize, policy: config.reports.policy }],
    },
    policies: {
      // Set on purpose: the default (one year) would start a year of missed quarters at once.
      catchupWindow: config.reports.catchupWindowMs,
      overlap: ScheduleOverlapPolicy.SKIP,
    },
  };
}

export const ensureReportsSchedule = (
  client: Client,
  config: Pick<Config, 'reports'>,
  o: { scheduleId?: string; taskQueue?: string } = {},
) => ensureSchedule(client, o.scheduleId ?? REPORTS_SCHEDULE_ID, reportsScheduleOptions(config, o.taskQueue));
