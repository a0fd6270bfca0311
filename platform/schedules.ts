// Temporal Schedules the platform owns are created at start-up by every process that runs workers
// and brought up to date when they exist, so a change of configuration reaches them with the next
// deployment; a second process starting at once finds the schedule created and updates it.
import { type Client, ScheduleAlreadyRunning, type ScheduleOptions } from '@temporalio/client';

export async function ensureSchedule(
  client: Client,
  scheduleId: string,
  wanted: Omit<ScheduleOptions, 'scheduleId'>,
): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create({ scheduleId, ...wanted });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, ...wanted }));
    return 'updated';
  }
}
