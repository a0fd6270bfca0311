// A lot version's approval as its callers address it (the API, its activities, tests): one
// workflow per lot version holds the council's deadline, the reminders and the escalation, and
// takes the officer's submissions and the council's decisions as updates. Workflow-safe: no
// activity or ORM imports.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { LotRuleCode } from '../../domain/lots/errors.ts';
import type { LotPolicy } from '../../domain/lots/policy.ts';
import type { ApprovalStatus } from '../../domain/lots/status.ts';
import { defineWorkflow } from '../common/contract.ts';

/** A version goes through approval once: a change of an approved lot is a new version, a new run. */
export const lotApprovalWorkflowId = (lotId: string, version: number): string =>
  `lot-approval:${lotId}:${version}`;

export interface LotApprovalInput {
  lotId: string;
  version: number;
  /** The deployment's review terms when the version was first submitted. */
  policy: Pick<LotPolicy, 'reviewDays' | 'reviewRemindersDays'>;
}

export interface LotApprovalState {
  approval: ApprovalStatus;
  /** Submissions so far (1 for the first, 2 after one return, …). */
  round: number;
  /** When the current submission was made, epoch ms; null before the first. */
  submittedAt: number | null;
  /** When the council's decision on it is due, epoch ms. */
  dueAt: number | null;
  remindersSent: number;
  /** The current submission passed its deadline undecided and was escalated. */
  escalated: boolean;
  remarks: string | null;
  /** `sha256:<hex>` of the decision act, once approved. */
  decisionDocument: string | null;
}

export interface SubmitLotInput {
  actorUserId: string;
}

export type DecideLotInput =
  | { actorUserId: string; decision: 'approve' }
  | { actorUserId: string; decision: 'return'; remarks: string };

/** The failure type of each rule code; a refusal's fields travel as `details[0]`, its reason as `details[1]`. */
export const LOT_FAILURES = {
  not_found: 'LotNotFound',
  wrong_state: 'LotWrongState',
  forbidden: 'LotForbidden',
  invalid: 'LotInvalidInput',
  violations: 'LotViolations',
  window_closed: 'LotWindowClosed',
  idempotency_conflict: 'LotIdempotencyConflict',
} as const satisfies Record<LotRuleCode, string>;

export const lotApprovalWorkflow = defineWorkflow<(input: LotApprovalInput) => Promise<LotApprovalState>>()(
  'lotApproval',
  { queue: 'lots', failures: LOT_FAILURES },
);

export const submitLotUpdate = defineUpdate<LotApprovalState, [SubmitLotInput]>('submit');
export const decideLotUpdate = defineUpdate<LotApprovalState, [DecideLotInput]>('decide');
export const lotApprovalStateQuery = defineQuery<LotApprovalState>('state');
