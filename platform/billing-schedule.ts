// The schedule that starts the monthly accrual (workflows/billing/contract.ts) on the 1st of every
// month, Asia/Tashkent. Created at start-up by every process that runs workers, and brought up to
// date when it exists, so a change of BILLING_ACCRUAL_BATCH or of the catch-up window reaches it
// with the next deployment; a second process starting at once finds it created and updates it.
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { BILLING_SCHEDULE_ID, billingMonthWorkflow } from '../workflows/billing/contract.ts';
import { type Config, TASK_QUEUES } from './config.ts';

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

export async function ensureBillingSchedule(
  client: Client,
  config: Pick<Config, 'billing'>,
  options: { scheduleId?: string; taskQueue?: string } = {},
): Promise<'created' | 'updated'> {
  const scheduleId = options.scheduleId ?? BILLING_SCHEDULE_ID;
  const wanted = billingScheduleOptions(config, options.taskQueue);
  try {
    await client.schedule.create({ scheduleId, ...wanted });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, ...wanted }));
    return 'updated';
  }
}
