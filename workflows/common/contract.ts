// What a workflow's callers need to address it without loading its code: the type name the worker
// registers, its task queue, its signature, and the failure type each of its rule codes raises.
// Plain data, so workflow code, activities, the API and scripts all import contracts; the check in
// workflows/index.ts proves each name is an exported workflow function of the declared type, so
// renaming a workflow, or changing its signature alone, breaks the build.
import type { Workflow } from '@temporalio/common';
import type { TASK_QUEUES } from '../../platform/config.ts';

export type TaskQueueName = keyof typeof TASK_QUEUES;

export interface WorkflowContract<
  F extends Workflow = Workflow,
  N extends string = string,
  C extends string = string,
> {
  readonly name: N;
  readonly queue: TaskQueueName;
  /** The ApplicationFailure type each rule code raises. Histories record them: never rename one. */
  readonly failures: Readonly<Record<C, string>>;
  /** Never set: carries the workflow function's type to start options, handles and results. */
  readonly signature?: F;
}

/** The workflow function's type a contract declares, e.g. for a handle's type. */
export type WorkflowOf<C> = C extends WorkflowContract<infer F> ? F : never;

/**
 * `defineWorkflow<(input: X) => Promise<Y>>()('name', { queue, failures })`. Curried so that the
 * signature is given and the name is still inferred as a literal type for the check.
 */
export const defineWorkflow =
  <F extends Workflow>() =>
  <N extends string, C extends string = never>(
    name: N,
    options: { queue: TaskQueueName; failures?: Record<C, string> },
  ): WorkflowContract<F, N, C> => ({
    name,
    queue: options.queue,
    failures: options.failures ?? ({} as Record<C, string>),
  });

/** Every failure type named, once each: what an activity's retry policy gives up on at once. */
export const nonRetryable = (...types: (string | Readonly<Record<string, string>>)[]): string[] => [
  ...new Set(types.flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)))),
];

/** Mail a server refused for good (5xx): every workflow that mails stops retrying on it. */
export const MAIL_REJECTED = 'MailRejected';
