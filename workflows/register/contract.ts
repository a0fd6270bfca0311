// A register review as its callers address it (the API, its activities, the contracts' workflow,
// scripts): its name, queue and signature, its id, its updates, signal and query, and the failure
// type each rule code raises. Workflow-safe: no activity or ORM imports.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Principal } from '../../domain/access/roles.ts';
import type { RegisterRuleCode } from '../../domain/register/errors.ts';
import type { RegisterPolicy } from '../../domain/register/policy.ts';
import type { RegisterApplication } from '../../domain/register/requirements.ts';
import type { RegisterState, RejectionReason, RemovalReason } from '../../domain/register/status.ts';
import type { ApplicationView } from '../../domain/register/view.ts';
import { defineWorkflow } from '../common/contract.ts';

/** One workflow per application: it follows the organization from review to removal. */
export const registerWorkflowId = (applicationId: string): string => `register:${applicationId}`;

export interface RegisterReviewInput {
  applicationId: string;
}

/** The workflow's copy of the application, with the policy it was submitted under. */
export interface RegisterReviewState extends ApplicationView {
  policy: RegisterPolicy;
}

/** Every update names who asks: the workflow checks the same rule the API did, under its lock. */
export interface ActorInput {
  principal: Principal;
}
export interface RequestCorrectionsInput extends ActorInput {
  fields: string[];
  note: string;
}
export interface RejectInput extends ActorInput {
  reason: RejectionReason;
}
export interface ResubmitInput extends ActorInput {
  patch: Partial<Omit<RegisterApplication, 'tin'>>;
}
export interface RemoveInput extends ActorInput {
  reason: RemovalReason;
}
export interface SystemRemoveInput {
  reason: RemovalReason;
  /** Names the removal once, so a repeated signal does not remove twice. */
  requestId: string;
}

/** The failure type of each rule code; a refusal's fields travel as `details[0]`. */
export const REGISTER_FAILURES = {
  not_found: 'ApplicationNotFound',
  wrong_state: 'WrongState',
  forbidden: 'Forbidden',
  invalid: 'InvalidInput',
  requirements_not_met: 'RequirementsNotMet',
  idempotency_conflict: 'IdempotencyConflict',
} as const satisfies Record<RegisterRuleCode, string>;

export const registerWorkflow = defineWorkflow<
  (input: RegisterReviewInput) => Promise<RegisterReviewState>
>()('registerReview', { queue: 'register', failures: REGISTER_FAILURES });

export const requestCorrectionsUpdate = defineUpdate<RegisterReviewState, [RequestCorrectionsInput]>(
  'requestCorrections',
);
export const registerUpdate = defineUpdate<RegisterReviewState, [ActorInput]>('register');
export const rejectUpdate = defineUpdate<RegisterReviewState, [RejectInput]>('reject');
export const resubmitUpdate = defineUpdate<RegisterReviewState, [ResubmitInput]>('resubmit');
export const removeUpdate = defineUpdate<RegisterReviewState, [RemoveInput]>('remove');
/** The applicant takes its application back before a decision; the run then ends. */
export const withdrawUpdate = defineUpdate<RegisterReviewState, [ActorInput]>('withdraw');
/**
 * The system removes an organization on another workflow's word (a missed tax registration). A
 * signal, not an update: the sender is a workflow, and its word stands whether or not the
 * removal is still possible; if it is not (already removed), the request is dropped.
 */
export const systemRemoveSignal = defineSignal<[SystemRemoveInput]>('systemRemove');
export const registerStateQuery = defineQuery<{ applicationId: string; state: RegisterState }>('state');
