// What the API needs to address a register review without loading workflow code: the id, the
// shapes of the updates, and the failure types it maps to HTTP. No @temporalio/workflow imports.
import type { Principal } from '../../domain/access/roles.ts';
import type { RegisterPolicy } from '../../domain/register/policy.ts';
import type { RegisterApplication } from '../../domain/register/requirements.ts';
import type { RejectionReason, RemovalReason } from '../../domain/register/status.ts';

/** One workflow per application: it follows the organization from review to removal. */
export const registerWorkflowId = (applicationId: string): string => `register:${applicationId}`;

export interface RegisterReviewInput {
  applicationId: string;
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

/**
 * ApplicationFailure types an update is rejected or failed with. WrongState → 409, Forbidden → 403,
 * RequirementsNotMet → 409 and InvalidInput → 400, both with `details[0]` as `{ field, message }[]`.
 */
export const REGISTER_FAILURES = {
  notFound: 'ApplicationNotFound',
  wrongState: 'WrongState',
  forbidden: 'Forbidden',
  invalidInput: 'InvalidInput',
  requirementsNotMet: 'RequirementsNotMet',
  idempotencyConflict: 'IdempotencyConflict',
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The next periodic re-check. Whole months follow the calendar (recheckDueAt); a fraction of a
 * month, which only a test or a pilot configures, counts 30 days per month.
 */
export function nextRecheckAt(
  policy: RegisterPolicy,
  lastCheckedAt: number,
  calendar: (months: number) => number | null,
): number {
  const months = policy.recheckIntervalMonths;
  if (Number.isInteger(months)) return calendar(months) ?? lastCheckedAt + months * 30 * DAY_MS;
  return lastCheckedAt + months * 30 * DAY_MS;
}
