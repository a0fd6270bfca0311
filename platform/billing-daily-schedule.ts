// The schedule that starts the daily billing run (workflows/billing/daily.ts) every day at 00:30
// Asia/Tashkent: penalties through the day, and on the handover day the debtors' electricity
// block. Created at start-up by every process that runs workers and brought up to date when it
// exists, as the monthly accrual's schedule is.
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { BILLING_DAILY_SCHEDULE_ID, billingDailyWorkflow } from '../workflows/billing/contract.ts';
import { type Config, TASK_QUEUES } from './config.ts';

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

export async function ensureBillingDailySchedule(
  client: Client,
  config: Pick<Config, 'billing'>,
  options: { scheduleId?: string; taskQueue?: string } = {},
): Promise<'created' | 'updated'> {
  const scheduleId = options.scheduleId ?? BILLING_DAILY_SCHEDULE_ID;
  const wanted = billingDailyScheduleOptions(config, options.taskQueue);
  try {
    await client.schedule.create({ scheduleId, ...wanted });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, ...wanted }));
    return 'updated';
  }
}
