// What the API needs to address a commissioning workflow without loading workflow code: the id,
// the shapes of its updates and the failure types it maps to HTTP. No @temporalio/workflow imports.
import type { Principal } from '../../domain/access/roles.ts';
import type { CommissioningApplication } from '../../domain/commissioning/application.ts';
import type { CommissioningCondition, CommissioningPolicy } from '../../domain/commissioning/policy.ts';
import type { SignatureEnvelope } from '../../domain/signatures/types.ts';

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
 * ApplicationFailure types. WrongState → 409, Forbidden → 403, InvalidInput → 400,
 * ConditionsMissing → 409 naming them, SignatureRejected → 422, NotFound → 404.
 */
export const COMMISSIONING_FAILURES = {
  notFound: 'CommissioningNotFound',
  wrongState: 'WrongState',
  forbidden: 'Forbidden',
  invalidInput: 'InvalidInput',
  conditionsMissing: 'ConditionsMissing',
  idempotencyConflict: 'IdempotencyConflict',
  signatureRejected: 'SignatureRejected',
  cadastreRejected: 'CadastreRejectedError',
} as const;
