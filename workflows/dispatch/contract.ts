// The dispatch workflows as their callers address them (the API, activities, scripts): names,
// queue, signatures, ids, signals and queries, and the failure type each rule code raises.
// Workflow-safe: no activity or ORM imports.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { DispatchRuleCode } from '../../domain/dispatch/errors.ts';
import type { DispatchPolicy } from '../../domain/dispatch/policy.ts';
import type { DispatchRequest } from '../../domain/dispatch/types.ts';
import { defineWorkflow } from '../common/contract.ts';

/** One workflow per request: it holds the clocks, the reminders, the escalations and the auto-close. */
export const dispatchWorkflowId = (requestId: string): string => `dispatch:${requestId}`;
/** One workflow per mass incident: it waits for the resolution and tells every resident. */
export const massIncidentWorkflowId = (incidentId: string): string => `dispatch-mass:${incidentId}`;

export interface DispatchFlowState {
  request: DispatchRequest;
  policy: DispatchPolicy;
}

/** The failure type of each rule code; a refusal's fields travel as `details[0]`. */
export const DISPATCH_FAILURES = {
  not_found: 'DispatchNotFound',
  wrong_state: 'WrongState',
  forbidden: 'Forbidden',
  invalid: 'InvalidInput',
  idempotency_conflict: 'IdempotencyConflict',
} as const satisfies Record<DispatchRuleCode, string>;

export const dispatchRequestWorkflow = defineWorkflow<
  (input: { requestId: string }) => Promise<DispatchFlowState>
>()('dispatchRequestLifecycle', { queue: 'dispatch', failures: DISPATCH_FAILURES });

export const massIncidentWorkflow = defineWorkflow<
  (input: { incidentId: string }) => Promise<{ resolved: string[] }>
>()('dispatchMassIncident', { queue: 'dispatch', failures: DISPATCH_FAILURES });

/**
 * The request changed in PostgreSQL (a person's step through the API): the workflow reads it
 * again and sets its clocks by what is stored. The database is the record; the signal only wakes.
 */
export const requestChangedSignal = defineSignal('changed');
/** A dispatcher resolved the incident: what was done, who, and the request's name (from its Idempotency-Key). */
export const resolveMassSignal = defineSignal<[{ note: string; byUserId: string; key?: string }]>('resolve');
export const dispatchStateQuery = defineQuery<DispatchFlowState | null>('state');
