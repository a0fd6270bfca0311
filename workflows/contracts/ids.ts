// What the API needs to address a contract workflow without loading workflow code: the id, the
// shapes of its updates and the failure types it maps to HTTP. No @temporalio/workflow imports.
import type { Principal } from '../../domain/access/roles.ts';
import type { ContractParameters } from '../../domain/contracts/document.ts';
import type { Change, ContractState } from '../../domain/contracts/lifecycle.ts';
import type { ContractKind } from '../../domain/contracts/tax-registration.ts';
import type { TaxStatus } from '../../domain/contracts/view.ts';
import type { SignatureEnvelope } from '../../domain/signatures/types.ts';

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
 * ApplicationFailure types. WrongState → 409, Forbidden → 403, InvalidInput → 400,
 * SignatureRejected → 422 with `details[0].reason`, NotFound → 404.
 */
export const CONTRACT_FAILURES = {
  notFound: 'ContractNotFound',
  wrongState: 'WrongState',
  forbidden: 'Forbidden',
  invalidInput: 'InvalidInput',
  idempotencyConflict: 'IdempotencyConflict',
  signatureRejected: 'SignatureRejected',
  taxRejected: 'TaxAuthorityRejectedError',
} as const;
