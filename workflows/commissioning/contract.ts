// A commissioning application's workflow as its callers address it (the API, its activities,
// scripts): its name, queue and signature, its id, its updates and query, and the failure type
// each rule code raises. Workflow-safe: no activity or ORM imports.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Principal } from '../../domain/access/roles.ts';
import type { CommissioningApplication } from '../../domain/commissioning/application.ts';
import type { CommissioningRuleCode } from '../../domain/commissioning/errors.ts';
import type { CommissioningCondition, CommissioningPolicy } from '../../domain/commissioning/policy.ts';
import type { SignatureEnvelope } from '../../domain/signatures/types.ts';
import { defineWorkflow } from '../common/contract.ts';

/** One workflow per application, from the application to commissioned or rejected. */
export const commissioningWorkflowId = (applicationId: string): string => `commissioning:${applicationId}`;

export interface CommissioningWorkflowInput {
  applicationId: string;
}

/** The workflow's copy of what it waits on; the row in PostgreSQL is the truth. */
export interface CommissioningFlowState {
  application: CommissioningApplication;
  policy: CommissioningPolicy;
  /** Whether the cadastre still has to be asked (no passport recorded, or not yet in the registry). */
  needsCadastre: boolean;
  missing: CommissioningCondition[];
}

export interface CommissioningActorInput {
  principal: Principal;
}
export interface RecordCommissioningConditionInput extends CommissioningActorInput {
  condition: CommissioningCondition;
  documentId: string;
  managementOrganizationTin?: string | null;
}
export interface CommissioningRejectInput extends CommissioningActorInput {
  reasons: string[];
}
export interface SignCommissioningActInput extends CommissioningActorInput {
  actId: string;
  documentSha256: string;
  signature: SignatureEnvelope;
}

/**
 * The failure type of each rule code; a refusal's fields travel as `details[0]`, its reason (a
 * rejected signature's, or the domain's refusal code) as `details[1]`.
 */
export const COMMISSIONING_FAILURES = {
  not_found: 'CommissioningNotFound',
  wrong_state: 'WrongState',
  forbidden: 'Forbidden',
  invalid: 'InvalidInput',
  conditions_missing: 'ConditionsMissing',
  idempotency_conflict: 'IdempotencyConflict',
  signature_rejected: 'SignatureRejected',
} as const satisfies Record<CommissioningRuleCode, string>;

/** The cadastre refused the request: final for this attempt, asked again at the next poll. */
export const CADASTRE_REJECTED = 'CadastreRejectedError';

export const commissioningWorkflow = defineWorkflow<
  (input: CommissioningWorkflowInput) => Promise<CommissioningFlowState>
>()('commissioningApplication', { queue: 'commissioning', failures: COMMISSIONING_FAILURES });

export const beginCommissioningCheckUpdate = defineUpdate<CommissioningFlowState, [CommissioningActorInput]>(
  'beginCheck',
);
export const recordCommissioningConditionUpdate = defineUpdate<
  CommissioningFlowState,
  [RecordCommissioningConditionInput]
>('recordCondition');
export const signCommissioningActUpdate = defineUpdate<CommissioningFlowState, [SignCommissioningActInput]>(
  'signAct',
);
export const rejectCommissioningUpdate = defineUpdate<CommissioningFlowState, [CommissioningRejectInput]>(
  'reject',
);
export const commissionBuildingUpdate = defineUpdate<CommissioningFlowState, [CommissioningActorInput]>(
  'commission',
);
export const commissioningStateQuery = defineQuery<CommissioningFlowState | null>('state');
