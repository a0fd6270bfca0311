// An appeal's workflow as its callers address it (the API, its activities, scripts): its name,
// queue and signature, its id, its update and query, and the failure type each rule code raises.
// Workflow-safe: no activity or ORM imports.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Principal } from '../../domain/access/roles.ts';
import type { Appeal } from '../../domain/appeals/appeal.ts';
import type { AppealRuleCode } from '../../domain/appeals/errors.ts';
import type { AppealPolicy } from '../../domain/appeals/policy.ts';
import type { AppealCommand } from '../../domain/appeals/status.ts';
import { defineWorkflow } from '../common/contract.ts';

/** One workflow per appeal: it holds the deadline, the reminders and the dispute period. */
export const appealWorkflowId = (appealId: string): string => `appeal:${appealId}`;

export interface AppealWorkflowInput {
  appealId: string;
}

export interface AppealFlowState {
  appeal: Appeal;
  policy: AppealPolicy;
}

/** A user's step: the workflow checks the same rule the API did, then applies it under the row lock. */
export interface ActInput {
  principal: Principal;
  command: AppealCommand;
  attachmentIds?: string[];
}

/** The failure type of each rule code; a refusal's fields travel as `details[0]`. */
export const APPEAL_FAILURES = {
  not_found: 'AppealNotFound',
  wrong_state: 'WrongState',
  forbidden: 'Forbidden',
  invalid: 'InvalidInput',
  idempotency_conflict: 'IdempotencyConflict',
} as const satisfies Record<AppealRuleCode, string>;

export const appealWorkflow = defineWorkflow<(input: AppealWorkflowInput) => Promise<AppealFlowState>>()(
  'appealLifecycle',
  { queue: 'appeals', failures: APPEAL_FAILURES },
);

export const actUpdate = defineUpdate<AppealFlowState, [ActInput]>('act');
export const appealStateQuery = defineQuery<AppealFlowState | null>('state');
