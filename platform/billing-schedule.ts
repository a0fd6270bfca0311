// The billing schedules, Asia/Tashkent: the monthly accrual (workflows/billing/contract.ts) on the
// 1st of every month, and the daily run (workflows/billing/daily.ts) every day at 00:30: penalties
// through the day, and on the handover day the debtors' electricity block. Both are kept up to
// date by ensureSchedule (platform/schedules.ts).
import { type Client, ScheduleOverlapPolicy } from '@temporalio/client';
import {
  BILLING_DAILY_SCHEDULE_ID,
  BILLING_SCHEDULE_ID,
  billingDailyWorkflow,
  billingMonthWorkflow,
} from '../workflows/billing/contract.ts';
import { type Config, TASK_QUEUES } from './config.ts';
import { ensureSchedule } from './schedules.ts';

interface Placement {
  scheduleId?: string;
  taskQueue?: string;
}

export function billingScheduleOptions(
  config: Pick<Config, 'billing'>,
  taskQueue: string = TASK_QUEUES.billing,
) {
  return {
    spec: {
      // A few minutes past midnight, so the run's start is unambiguously in the new month.
      calendars: [{ dayOfMonth: 1, hour: 0, minute: 5 }],
      timezone: 'Asia/Tashkent',
    },
    action: {
      type: 'startWorkflow' as const,
      workflowType: billingMonthWorkflow.name,
      // The server appends the scheduled time, so each month's run has its own id.
      workflowId: 'billing-month',
      taskQueue,
      args: [{ batchSize: config.billing.accrual.batchSize }],
    },
    policies: {
      // Set on purpose: the default (one year) would start a whole year of missed months at once.
      catchupWindow: config.billing.accrual.catchupWindowMs,
      overlap: ScheduleOverlapPolicy.SKIP,
    },
  };
}

export function billingDailyScheduleOptions(
  config: Pick<Config, 'billing'>,
  taskQueue: string = TASK_QUEUES.billing,
) {
  return {
    spec: {
      // After the monthly accrual's 00:05 on the 1st, so the day's run sees the month's charges.
      calendars: [{ hour: 0, minute: 30 }],
      timezone: 'Asia/Tashkent',
    },
    action: {
      type: 'startWorkflow' as const,
      workflowType: billingDailyWorkflow.name,
      workflowId: 'billing-daily',
      taskQueue,
      args: [{ batchSize: config.billing.daily.batchSize }],
    },
    policies: {
      // Set on purpose, under a day: a missed day's penalty is posted by the next day's run, and
      // a late handover is still made on the day it is due or not at all by this run.
      catchupWindow: config.billing.daily.catchupWindowMs,
      overlap: ScheduleOverlapPolicy.SKIP,
    },
  };
}

export const ensureBillingSchedule = (client: Client, config: Pick<Config, 'billing'>, o: Placement = {}) =>
  ensureSchedule(client, o.scheduleId ?? BILLING_SCHEDULE_ID, billingScheduleOptions(config, o.taskQueue));

export const ensureBillingDailySchedule = (
  client: Client,
  config: Pick<Config, 'billing'>,
  o: Placement = {},
) =>
  ensureSchedule(
    client,
    o.scheduleId ?? BILLING_DAILY_SCHEDULE_ID,
    billingDailyScheduleOptions(config, o.taskQueue),
  );
