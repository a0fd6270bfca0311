// What the API needs to address an appeal workflow without loading workflow code.
import type { Principal } from '../../domain/access/roles.ts';
import type { Appeal } from '../../domain/appeals/appeal.ts';
import type { AppealPolicy } from '../../domain/appeals/policy.ts';
import type { AppealCommand } from '../../domain/appeals/status.ts';

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

/** WrongState → 409, Forbidden → 403, InvalidInput → 400 with `details[0]` as `{ field, message }[]`. */
export const APPEAL_FAILURES = {
  notFound: 'AppealNotFound',
  wrongState: 'WrongState',
  forbidden: 'Forbidden',
  invalidInput: 'InvalidInput',
  idempotencyConflict: 'IdempotencyConflict',
} as const;
