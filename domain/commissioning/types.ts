// The commissioning vocabulary the state machine, its authority, its conditions and its deadlines
// all speak: the application, who acts, the commands and the refusals. A leaf, so those modules
// share it without importing one another in a circle.
import type { Principal } from '../access/roles.ts';
import type { CommissioningCondition } from './policy.ts';

export interface ConditionEvidence {
  /** The stored document (passport, registry extract, transfer act, contract) or sync record. */
  documentId: string;
  /** TINs of the organizations whose verified signatures the document carries. */
  signedByTins: string[];
  /** The management organization a transfer act or contract names. */
  managementOrganizationTin?: string | null;
}

export interface RecordedCondition {
  evidence: ConditionEvidence;
  recordedAt: number;
  /** User id, or 'system' for an integration. */
  recordedBy: string;
}

export interface EvidenceProblem {
  field: string;
  message: string;
}

export const COMMISSIONING_STATES = ['applied', 'checking', 'waiting', 'commissioned', 'rejected'] as const;
export type CommissioningState = (typeof COMMISSIONING_STATES)[number];

export interface CommissioningApplication {
  id: string;
  buildingId: string;
  districtId: string;
  developerTin: string;
  state: CommissioningState;
  /** When the application entered its current state. */
  since: number;
  appliedAt: number;
  /** Set when the check first finds conditions missing; a later finding does not extend it. */
  dueAt: number | null;
  conditions: Partial<Record<CommissioningCondition, RecordedCondition>>;
  rejection: { by: 'inspector' | 'system'; reasons: string[]; missing: CommissioningCondition[] } | null;
}

export type CommissioningActor =
  | { kind: 'system' }
  | { kind: 'user'; principal: Principal; actingForTin: string | null };

export type CommissioningCommand =
  | { type: 'begin_check' }
  | { type: 'record_condition'; condition: CommissioningCondition; evidence: ConditionEvidence }
  | { type: 'recheck' }
  | { type: 'reject'; reasons: string[] }
  | { type: 'commission' }
  | { type: 'expire' };
export type CommissioningAction = CommissioningCommand['type'] | 'apply';

export type CommissioningRefusal =
  | { code: 'not_allowed_from_state'; action: CommissioningAction; state: CommissioningState }
  | { code: 'forbidden'; action: CommissioningAction }
  | { code: 'out_of_scope'; action: CommissioningAction }
  | { code: 'invalid_tin'; tin: string }
  | { code: 'unknown_condition'; condition: string }
  | { code: 'invalid_evidence'; problems: EvidenceProblem[] }
  | { code: 'reasons_required' }
  | { code: 'conditions_missing'; missing: CommissioningCondition[] }
  | { code: 'deadline_passed'; dueAt: number }
  | { code: 'deadline_not_reached'; dueAt: number }
  | { code: 'conditions_met' };

export type CommissioningResult =
  | { ok: true; application: CommissioningApplication }
  | { ok: false; refusal: CommissioningRefusal };
