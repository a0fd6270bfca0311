// What every router needs from a request: its own EntityManager, the person behind the token, the
// Temporal client, and a workflow started once per resource, so a retried POST neither starts
// twice nor fails.
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Context } from 'hono';
import { TASK_QUEUES } from '../platform/config.ts';
import { forbidden, HttpProblem } from './problem.ts';
import type { AppEnv } from './types.ts';

export type Ctx = Context<AppEnv>;

export const emOf = (c: Ctx): EntityManager => c.var.deps.orm.em.fork() as EntityManager;

/** The natural person behind the token, for routes where only a person may act (voting, own notices). */
export function personOf(c: Ctx): string {
  const personId = c.var.principal.personId;
  if (!personId) throw forbidden('the token names no person (claim pid)');
  return personId;
}

export function temporalOf(c: Ctx) {
  const client = c.var.deps.temporal;
  if (!client) throw new HttpProblem(503, 'workflows are unavailable: Temporal is not configured');
  return client;
}

export interface StartOnce {
  workflowType: string;
  queue: keyof typeof TASK_QUEUES;
  workflowId: string;
  args: unknown[];
  /** Names the stored resource in the 503 answer, e.g. 'appeal'. */
  what: string;
  memo?: Record<string, unknown>;
}

/**
 * Starts the resource's workflow; one already running under its id is the answer to a retry.
 * The resource is stored before this runs, so a failure asks the caller to retry with the same key.
 */
export async function startOnce(c: Ctx, o: StartOnce): Promise<void> {
  try {
    await temporalOf(c).workflow.start(o.workflowType, {
      taskQueue: c.var.deps.taskQueues?.[o.queue] ?? TASK_QUEUES[o.queue],
      workflowId: o.workflowId,
      args: o.args,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      ...(o.memo ? { memo: o.memo } : {}),
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    c.var.deps.logger.error({ err, workflowId: o.workflowId }, `${o.what} workflow did not start`);
    throw new HttpProblem(
      503,
      `the ${o.what} is recorded but its workflow could not start; retry with the same Idempotency-Key`,
    );
  }
}
