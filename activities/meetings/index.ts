// Activities of the general-meeting workflow (workflows/meetings/meeting.ts). All I/O of a meeting
// happens here; each activity is idempotent under retry (see each file for how).

import { createCloseActivities } from './close.ts';
import type { MeetingActivityDeps } from './common.ts';
import { ruled } from './common.ts';
import { createLifecycleActivities } from './lifecycle.ts';
import { createNoticeActivities } from './notices.ts';
import { createProtocolActivities } from './protocol.ts';

export type { CloseResult } from './close.ts';
export type { MeetingActivityDeps, MeetingState } from './common.ts';
export type { PostponeResult } from './lifecycle.ts';
export type { NoticeSummary, SendNoticesInput } from './notices.ts';

// biome-ignore lint/suspicious/noExplicitAny: any activity signature
type AnyActivity = (...args: any[]) => Promise<unknown>;

/** A rule the database refuses stays refused: every activity reports it as non-retryable. */
function ruledAll<T extends Record<string, AnyActivity>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [name, (...args: unknown[]) => ruled(fn(...args))]),
  ) as T;
}

export function createMeetingActivities(deps: MeetingActivityDeps) {
  return ruledAll({
    ...createLifecycleActivities(deps),
    ...createNoticeActivities(deps),
    ...createCloseActivities(deps),
    ...createProtocolActivities(deps),
  });
}

export type MeetingActivities = ReturnType<typeof createMeetingActivities>;
