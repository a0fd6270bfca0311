// A contract's workflow as its callers address it (the API, its activities, scripts): its name,
// queue and signature, its id, its updates and query, and the failure type each rule code raises.
// Workflow-safe: no activity or ORM imports.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Principal } from '../../domain/access/roles.ts';
import type { ContractParameters } from '../../domain/contracts/document.ts';
import type { ContractRuleCode } from '../../domain/contracts/errors.ts';
import type { Change, ContractState } from '../../domain/contracts/lifecycle.ts';
import type { ContractKind } from '../../domain/contracts/tax-registration.ts';
import type { TaxStatus } from '../../domain/contracts/view.ts';
import type { SignatureEnvelope } from '../../domain/signatures/types.ts';
import { defineWorkflow } from '../common/contract.ts';

/** One workflow per contract, from its first signature to its termination. */
export const contractWorkflowId = (contractId: string): string => `contract:${contractId}`;

export interface ContractWorkflowInput {
  contractId: string;
}

/** The workflow's copy of what it waits on; the row in PostgreSQL is the truth. */
export interface ContractFlowState {
  contractId: string;
  kind: ContractKind;
  state: ContractState;
  pending: { change: Change; documentSha256: string } | null;
  organizationId: string;
  taxStatus: TaxStatus | null;
  taxDeadlineEndsAt: number | null;
}

export interface SignUpdateInput {
  principal: Principal;
  documentSha256: string;
  signature: SignatureEnvelope;
  idempotencyKey: string;
  requestSha256: string;
}
export interface ProposeUpdateInput {
  principal: Principal;
  change: 'amendment' | 'termination';
  parameters?: ContractParameters;
  reason?: string;
  lang: 'uz' | 'ru' | 'en';
}
export interface WithdrawUpdateInput {
  principal: Principal;
}

/**
 * The failure type of each rule code; a refusal's fields travel as `details[0]`, a rejected
 * signature's reason as `details[1]`.
 */
export const CONTRACT_FAILURES = {
  not_found: 'ContractNotFound',
  wrong_state: 'WrongState',
  forbidden: 'Forbidden',
  invalid: 'InvalidInput',
  idempotency_conflict: 'IdempotencyConflict',
  signature_rejected: 'SignatureRejected',
  not_selectable: 'WrongState',
} as const satisfies Record<ContractRuleCode, string>;

/** The tax authority refused the registration: final until the organization asks to retry. */
export const TAX_REJECTED = 'TaxAuthorityRejectedError';

export const contractWorkflow = defineWorkflow<
  (input: ContractWorkflowInput) => Promise<ContractFlowState>
>()('contractLifecycle', { queue: 'contracts', failures: CONTRACT_FAILURES });

export const signUpdate = defineUpdate<ContractFlowState, [SignUpdateInput]>('sign');
export const proposeUpdate = defineUpdate<ContractFlowState, [ProposeUpdateInput]>('propose');
export const withdrawUpdate = defineUpdate<ContractFlowState, [WithdrawUpdateInput]>('withdraw');
/** The organization asks to try the registration again now, e.g. after correcting a refusal. */
export const retryTaxRegistrationUpdate = defineUpdate<ContractFlowState, []>('retryTaxRegistration');
export const contractStateQuery = defineQuery<ContractFlowState | null>('state');
