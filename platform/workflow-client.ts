// Starting and addressing workflows by their contracts (workflows/<capability>/contract.ts) from
// any Temporal client: the API, scripts, benchmarks and tests. The contract gives the type name,
// the task queue and the argument types, so no caller spells a workflow's name.
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  type WorkflowHandle,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { WorkflowContract } from '../workflows/common/contract.ts';
import { TASK_QUEUES } from './config.ts';

/** The start options, with the contract's task queue unless another is named (tests use their own). */
export type StartOptions<F extends Workflow> = Omit<WorkflowStartOptions<F>, 'taskQueue'> & {
  taskQueue?: string;
};

export function startWorkflow<F extends Workflow>(
  client: Client,
  workflow: WorkflowContract<F>,
  options: StartOptions<F>,
) {
  const taskQueue = options.taskQueue ?? TASK_QUEUES[workflow.queue];
  return client.workflow.start<F>(workflow.name, { ...options, taskQueue } as WorkflowStartOptions<F>);
}

/**
 * Starts the workflow unless one runs, or ran, under the same id: the id names the resource, so a
 * repeated start is the same request. True when this call started it.
 */
export async function startWorkflowOnce<F extends Workflow>(
  client: Client,
  workflow: WorkflowContract<F>,
  options: StartOptions<F>,
): Promise<boolean> {
  try {
    await startWorkflow(client, workflow, { ...options, workflowIdReusePolicy: 'REJECT_DUPLICATE' });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/** A handle typed by the contract: its result and queries carry the workflow's types. */
export const workflowHandle = <F extends Workflow>(
  client: Client,
  _workflow: WorkflowContract<F>,
  workflowId: string,
  runId?: string,
): WorkflowHandle<F> => client.workflow.getHandle<F>(workflowId, runId);
