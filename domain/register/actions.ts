// The steps the register's workflow and repository take, and the state-machine command each one
// is judged as (status.ts). Shared so the workflow's validators and the repository's transaction
// judge a step the same way.
import type { RegisterApplication, RequirementVerdict } from './requirements.ts';
import type { RegisterCommand, RejectionReason, RemovalReason } from './status.ts';

export interface CorrectionsRequest {
  /** Paths into the application, as the verdicts name them (e.g. `dispatch.phone`). */
  fields: string[];
  note: string;
}

export type RegisterStep =
  | { type: 'request_corrections'; corrections: CorrectionsRequest }
  | { type: 'resubmit'; patch: Partial<Omit<RegisterApplication, 'tin'>> }
  | { type: 'withdraw' }
  | { type: 'register' }
  | { type: 'reject'; reason: RejectionReason }
  | { type: 'recheck' }
  | { type: 'remove'; reason: RemovalReason };

/** `verdicts`: the application's current ones, or for a re-check those of the fresh assessment. */
export function commandOf(step: RegisterStep, verdicts: RequirementVerdict[]): RegisterCommand {
  switch (step.type) {
    case 'register':
    case 'recheck':
      return { type: step.type, verdicts };
    case 'reject':
      return { type: 'reject', reason: step.reason };
    case 'remove':
      return { type: 'remove', reason: step.reason };
    default:
      return { type: step.type };
  }
}
