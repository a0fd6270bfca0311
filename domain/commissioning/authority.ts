// Who may take each step of a commissioning. The developer is whoever acts for the developer's
// TIN (ROLES has no developer role: the API resolves the TIN from the user's organization or
// company certificate); the inspector is an inspector of the building's district (the admin is
// not: commissioning is the inspectorate's act); the system runs integrations and the deadline.

import type { CommissioningPolicy, Recorder } from './policy.ts';
import type {
  CommissioningAction,
  CommissioningActor,
  CommissioningApplication,
  CommissioningCommand,
  CommissioningRefusal,
  CommissioningState,
} from './types.ts';

/** The states in which an application is still being decided. */
export const OPEN_STATES: readonly CommissioningState[] = ['applied', 'checking', 'waiting'];

/** From which states each action is allowed, and who may take it (record_condition: per policy). */
export const COMMISSIONING_TRANSITIONS: Record<
  Exclude<CommissioningAction, 'apply'>,
  { from: readonly CommissioningState[]; by: readonly Recorder[] | 'policy' }
> = {
  begin_check: { from: ['applied'], by: ['inspector'] },
  record_condition: { from: OPEN_STATES, by: 'policy' },
  // Integrations push changes in Turar-Joy; the inspector may look again by hand.
  recheck: { from: ['checking', 'waiting'], by: ['inspector', 'system'] },
  reject: { from: OPEN_STATES, by: ['inspector'] },
  commission: { from: ['checking', 'waiting'], by: ['inspector'] },
  expire: { from: ['waiting'], by: ['system'] },
};

/** Which of the parties the actor is for this application: none, one, or in odd cases both. */
export function actingAs(
  application: Pick<CommissioningApplication, 'developerTin' | 'districtId'>,
  actor: CommissioningActor,
): Recorder[] {
  if (actor.kind === 'system') return ['system'];
  const as: Recorder[] = [];
  if (actor.actingForTin !== null && actor.actingForTin === application.developerTin) as.push('developer');
  const p = actor.principal;
  if (p.roles.includes('inspector') && p.districtId === application.districtId) as.push('inspector');
  return as;
}

/** A step as far as who may take it depends on it: the action, and for a record its condition. */
export type AskedStep =
  | { type: Exclude<CommissioningCommand['type'], 'record_condition'> }
  | Pick<Extract<CommissioningCommand, { type: 'record_condition' }>, 'type' | 'condition'>;

/**
 * Whether this actor may take the step on this application, whatever its state: callers ask this
 * first, so a caller without responsibility learns nothing about the application's state.
 */
export function authorize(
  policy: CommissioningPolicy,
  application: Pick<CommissioningApplication, 'developerTin' | 'districtId'>,
  command: AskedStep,
  actor: CommissioningActor,
): CommissioningRefusal | null {
  const action = command.type;
  const rule = COMMISSIONING_TRANSITIONS[action].by;
  let allowed: readonly Recorder[] = [];
  if (rule !== 'policy') allowed = rule;
  else if (command.type === 'record_condition') allowed = policy.recorders[command.condition];
  if (actingAs(application, actor).some((r) => allowed.includes(r))) return null;
  // An inspector of another district is in the right role but the wrong place.
  const inRole =
    actor.kind === 'user' && allowed.includes('inspector') && actor.principal.roles.includes('inspector');
  return { code: inRole ? 'out_of_scope' : 'forbidden', action };
}
