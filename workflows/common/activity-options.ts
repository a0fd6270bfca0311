// Activity options shared by the long-running workflows, by the kind of work an activity does.
// Plain data (no SDK calls), so any workflow may import it.
import type { ActivityOptions } from '@temporalio/workflow';

/** Row reads and writes. Meetings and reviews last weeks: a database outage is waited out. */
export const databaseWork = (nonRetryable: string[]): ActivityOptions => ({
  startToCloseTimeout: '1m',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1m',
    nonRetryableErrorTypes: nonRetryable,
  },
});

/** A change a person waits on through the API: a few quick attempts, then the caller hears of it. */
export const interactiveChange = (nonRetryable: string[]): ActivityOptions => ({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '500ms', maximumAttempts: 3, nonRetryableErrorTypes: nonRetryable },
});

/**
 * Paging through thousands of recipients against an SMTP server that may greylist: long,
 * heartbeating, resumable from the last heartbeat; the outbox makes every retry safe.
 */
export const bulkMail = (nonRetryable: string[]): ActivityOptions => ({
  startToCloseTimeout: '2h',
  heartbeatTimeout: '2m',
  retry: {
    initialInterval: '10s',
    backoffCoefficient: 2,
    maximumInterval: '10m',
    nonRetryableErrorTypes: nonRetryable,
  },
});

/**
 * Advice nobody waits for (a model's second opinion): one attempt, bounded; the activity keeps its
 * own shorter timeout from configuration, and the workflow goes on whatever happens.
 */
export const advisoryWork: ActivityOptions = {
  startToCloseTimeout: '3m',
  retry: { maximumAttempts: 1 },
};
