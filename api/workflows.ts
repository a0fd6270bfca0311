// A resource's workflow as the API drives it, by the workflow's contract: started once per
// resource, and handed a step as an update whose refusal becomes problem+json. Each capability
// says only how its refusals read (its status table and a few options); the checks it makes
// before asking the workflow stay in the capability.
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition, Workflow } from '@temporalio/common';
import { TASK_QUEUES } from '../platform/config.ts';
import { type StartOptions, startWorkflowOnce } from '../platform/workflow-client.ts';
import type { WorkflowContract } from '../workflows/common/contract.ts';
import { type Ctx, temporalOf } from './context.ts';
import { type FieldError, HttpProblem, unavailable } from './problem.ts';
import { bodyField } from './rule-problem.ts';

/** The contract's queue, or the one the test that built the app named for it. */
export const queueOf = (c: Ctx, workflow: WorkflowContract): string =>
  c.var.deps.taskQueues?.[workflow.queue] ?? TASK_QUEUES[workflow.queue];

export interface StartOnce<F extends Workflow> {
  workflowId: string;
  args: Parameters<F>;
  /** Names the stored resource in the 503 answer, e.g. 'appeal'. */
  what: string;
  memo?: Record<string, unknown>;
}

/**
 * Starts the resource's workflow; one already running under its id is the answer to a retry.
 * The resource is stored before this runs, so a failure asks the caller to retry with the same key.
 */
export async function startOnce<F extends Workflow>(
  c: Ctx,
  workflow: WorkflowContract<F>,
  o: StartOnce<F>,
): Promise<void> {
  try {
    await startWorkflowOnce(temporalOf(c), workflow, {
      taskQueue: queueOf(c, workflow),
      workflowId: o.workflowId,
      args: o.args,
      ...(o.memo ? { memo: o.memo } : {}),
    } as StartOptions<F>);
  } catch (err) {
    c.var.deps.logger.error({ err, workflowId: o.workflowId }, `${o.what} workflow did not start`);
    throw unavailable(
      `the ${o.what} is recorded but its workflow could not start; retry with the same Idempotency-Key`,
    );
  }
}

/** How a capability's refusals read: its statuses by rule code and what differs from the usual. */
export interface Refusals<C extends string> {
  /** The capability whose rule codes these are: a refusal's `code` is `<capability>.<rule code>`. */
  capability: string;
  /** The status of each rule code; a failure of no known code is 409. 403 and 404 name no fields. */
  status: Record<C, 400 | 403 | 404 | 409 | 422>;
  /** The 503 detail when the workflow does not answer in time. */
  noAnswer: string;
  /** The detail from the failure's message, e.g. prefixed with who refused. */
  detail?: (message: string) => string;
  /** Codes whose fields name the stored record, not the request body: the path they are under. */
  fieldsUnder?: Partial<Record<C, string>>;
  /** The field a refusal of this code names when the failure named none (a 400 names `body`). */
  defaultField?: Partial<Record<C, string>>;
  /** The `reason` a refusal of this code carries when the failure gave none. */
  defaultReason?: Partial<Record<C, string>>;
  /** Each field keeps the failure's message for it instead of repeating the detail. */
  ownMessages?: boolean;
}

/**
 * The workflow's refusal as problem+json. Activities' failures carry their fields in `details[0]`
 * and any reason in `details[1]` (activities/rule-failure.ts); a workflow's validators only fields.
 */
export function refusalProblem<C extends string>(
  err: WorkflowUpdateFailedError,
  failures: Readonly<Record<C, string>>,
  r: Refusals<C>,
): HttpProblem {
  const cause = err.cause;
  const message = (cause as Error | undefined)?.message ?? err.message;
  const detail = r.detail ? r.detail(message) : message;
  if (!(cause instanceof ApplicationFailure)) return new HttpProblem(409, detail);
  const code = (Object.keys(failures) as C[]).find((k) => failures[k] === cause.type);
  // No rule refused it, and the failure is not final: an activity ran out of attempts against a
  // dependency that was down (the database, mail). The same request may succeed later.
  if (!code && !cause.nonRetryable)
    return unavailable('the change could not be applied now; retry shortly with the same Idempotency-Key');
  const status = code ? r.status[code] : 409;
  const [fields, extra] = (cause.details ?? []) as [FieldError[]?, { reason?: string }?];
  const reason = extra?.reason ?? (code && r.defaultReason?.[code]);
  const extensions = {
    ...(code ? { code: `${r.capability}.${code}` } : {}),
    ...(reason ? { reason } : {}),
  };
  if (status === 403 || status === 404) return new HttpProblem(status, detail, { extensions });
  const under = code && r.fieldsUnder?.[code];
  const errors = (fields ?? []).map((f) => ({
    field: under ? `${under}.${f.field}` : bodyField(f.field),
    message: r.ownMessages ? f.message : detail,
  }));
  const fallback = status === 400 ? 'body' : code && r.defaultField?.[code];
  if (!errors.length && fallback) errors.push({ field: fallback, message: detail });
  return new HttpProblem(status, detail, { errors: errors.length ? errors : undefined, extensions });
}

export interface Update<F extends Workflow, C extends string, Ret, Args extends unknown[]> {
  workflow: WorkflowContract<F, string, C>;
  workflowId: string;
  update: UpdateDefinition<Ret, Args>;
  args: Args;
}

/** Whether the workflow ran and closed (completed, failed, …), not merely missing or unreachable. */
async function hasEnded(handle: { describe(): Promise<{ status: { name: string } }> }): Promise<boolean> {
  try {
    return (await handle.describe()).status.name !== 'RUNNING';
  } catch {
    return false;
  }
}

/** Runs the update within 30 s; a refusal becomes its problem, an ended workflow a 409, no answer a 503. */
export async function runUpdate<F extends Workflow, C extends string, Ret, Args extends unknown[]>(
  c: Ctx,
  u: Update<F, C, Ret, Args>,
  refusals: Refusals<C>,
): Promise<Ret> {
  const client = temporalOf(c);
  const handle = client.workflow.getHandle<F>(u.workflowId);
  try {
    return await client.withDeadline(Date.now() + 30_000, () =>
      // The overloads split on whether there are arguments; the definition carries the types.
      handle.executeUpdate(u.update as unknown as UpdateDefinition<Ret, [unknown]>, {
        args: u.args as unknown as [unknown],
      }),
    );
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) throw refusalProblem(err, u.workflow.failures, refusals);
    // A finished record's workflow has ended and takes no more steps: retrying would not help.
    if (err instanceof WorkflowNotFoundError && (await hasEnded(handle)))
      throw new HttpProblem(409, 'this record is finished: its process has ended and takes no more steps');
    c.var.deps.logger.error(
      { err, workflowId: u.workflowId, update: u.update.name },
      'workflow update failed',
    );
    throw unavailable(refusals.noAnswer);
  }
}
