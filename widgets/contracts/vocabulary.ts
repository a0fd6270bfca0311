// The tables that turn the API's enum values into message keys. Values the API adds later fall back
// to the raw value on screen rather than breaking the card.
import type { ContractState, Party } from '../../domain/contracts/lifecycle.ts';
import type { ContractKind } from '../../domain/contracts/tax-registration.ts';
import type { Change } from './client.ts';
import type { ContractMessageKey } from './messages.ts';

export const KIND_TEXT: Record<ContractKind, ContractMessageKey> = {
  management: 'kindManagement',
  common_property_lease: 'kindLease',
  common_property_gratuitous_use: 'kindGratuitous',
};

export const STATE_TEXT: Record<ContractState, ContractMessageKey> = {
  draft: 'stateDraft',
  awaiting_signatures: 'stateAwaiting',
  active: 'stateActive',
  amendment_awaiting_signatures: 'stateAmendmentAwaiting',
  termination_awaiting_signatures: 'stateTerminationAwaiting',
  terminated: 'stateTerminated',
};

/** A timeline entry's detail when it is the role that started the contract (a code, not words). */
export const DETAIL_TEXT: Readonly<Record<string, ContractMessageKey>> = {
  council: 'byCouncil',
  management_company: 'byManagementCompany',
  admin: 'byAdmin',
};

export const PARTY_TEXT: Record<Party, ContractMessageKey> = {
  owners: 'owners',
  counterparty: 'counterparty',
};

export const CHANGE_TEXT: Record<Change, ContractMessageKey> = {
  conclusion: 'changeConclusion',
  amendment: 'changeAmendment',
  termination: 'changeTermination',
};

export const SIGNATURE_STATUS_TEXT: Record<'verified' | 'unverified', ContractMessageKey> = {
  verified: 'statusVerified',
  unverified: 'statusUnverified',
};

export const TAX_STATUS_TEXT: Record<'pending' | 'registered' | 'overdue', ContractMessageKey> = {
  pending: 'taxPending',
  registered: 'taxRegistered',
  overdue: 'taxOverdue',
};

export const REASON_TEXT: Readonly<Record<string, ContractMessageKey>> = {
  bad_signature: 'reasonBadSignature',
  wrong_signer: 'reasonWrongSigner',
  document_changed: 'reasonDocumentChanged',
  malformed: 'reasonMalformed',
  certificate_revoked: 'reasonCertificateRevoked',
  certificate_expired: 'reasonCertificateExpired',
};

/** The actions db/contracts writes to contract_event; an unknown one is shown as it is. */
export const ACTION_TEXT: Readonly<Record<string, ContractMessageKey>> = {
  created: 'actionCreate',
  send_for_signature: 'actionSendForSignature',
  signed: 'actionSign',
  withdraw: 'actionWithdraw',
  propose_amendment: 'actionProposeAmendment',
  propose_termination: 'actionProposeTermination',
  conclusion_completed: 'actionConclude',
  amendment_completed: 'actionAmend',
  termination_completed: 'actionTerminate',
  signature_rejected: 'actionSignatureRejected',
  tax_registered: 'actionTaxRegister',
  tax_registration_failed: 'actionTaxFailed',
  tax_registration_overdue: 'actionTaxOverdue',
  flagged: 'actionFlag',
};

export const PREMISES_TEXT: Readonly<Record<string, ContractMessageKey>> = {
  basement: 'premisesBasement',
  roof: 'premisesRoof',
  yard: 'premisesYard',
  other: 'premisesOther',
};

export const SERVICE_TEXT: Readonly<Record<string, ContractMessageKey>> = {
  cleaning: 'serviceCleaning',
  maintenance: 'serviceMaintenance',
  dispatch: 'serviceDispatch',
};
