// The commissioning application's state machine: applied → checking → commissioned | rejected,
// through waiting while conditions are missing. Each change is a pure function of the
// application, the command, who asks, the facts observed and the time, as the register's is.
// Who may act is decided in authority.ts.
import { isTin } from '../common/identifiers.ts';
import { authorize, COMMISSIONING_TRANSITIONS } from './authority.ts';
import { type CommissioningFacts, checkEvidence, evaluate } from './conditions.ts';
import { missingConditionsDueAt } from './deadlines.ts';
import { COMMISSIONING_CONDITIONS, type CommissioningPolicy } from './policy.ts';
import type {
  CommissioningActor,
  CommissioningApplication,
  CommissioningCommand,
  CommissioningRefusal,
  CommissioningResult,
  CommissioningState,
} from './types.ts';

export { actingAs, COMMISSIONING_TRANSITIONS } from './authority.ts';
// The state machine's vocabulary lives in types.ts (a leaf); callers keep importing it from here.
export {
  COMMISSIONING_STATES,
  type CommissioningAction,
  type CommissioningActor,
  type CommissioningApplication,
  type CommissioningCommand,
  type CommissioningRefusal,
  type CommissioningResult,
  type CommissioningState,
} from './types.ts';

const refuse = (refusal: CommissioningRefusal): CommissioningResult => ({ ok: false, refusal });

export function applyForCommissioning(
  input: { id: string; buildingId: string; districtId: string; developerTin: string },
  actor: CommissioningActor,
  now: number,
): CommissioningResult {
  if (!isTin(input.developerTin)) return refuse({ code: 'invalid_tin', tin: input.developerTin });
  if (actor.kind !== 'user' || actor.actingForTin !== input.developerTin)
    return refuse({ code: 'forbidden', action: 'apply' });
  return {
    ok: true,
    application: {
      ...input,
      state: 'applied',
      since: now,
      appliedAt: now,
      dueAt: null,
      conditions: {},
      rejection: null,
    },
  };
}

export function applyCommissioningCommand(
  policy: CommissioningPolicy,
  application: CommissioningApplication,
  command: CommissioningCommand,
  actor: CommissioningActor,
  facts: CommissioningFacts,
  now: number,
): CommissioningResult {
  const action = command.type;
  if (command.type === 'record_condition' && !COMMISSIONING_CONDITIONS.includes(command.condition)) {
    return refuse({ code: 'unknown_condition', condition: command.condition });
  }
  // Who may act before what state the application is in: the state is not the stranger's to learn.
  const denied = authorize(policy, application, command, actor);
  if (denied) return refuse(denied);
  if (!COMMISSIONING_TRANSITIONS[action].from.includes(application.state)) {
    return refuse({ code: 'not_allowed_from_state', action, state: application.state });
  }

  const to = (
    state: CommissioningState,
    extra: Partial<CommissioningApplication> = {},
  ): CommissioningResult => ({
    ok: true,
    application: {
      ...application,
      ...extra,
      state,
      since: state === application.state ? application.since : now,
    },
  });
  /** Checking when nothing is missing, else waiting with the deadline running from its first start. */
  const settle = (app: CommissioningApplication): CommissioningResult => {
    if (evaluate(app, facts, policy).canCommission) return to('checking', { conditions: app.conditions });
    return to('waiting', {
      conditions: app.conditions,
      dueAt: app.dueAt ?? missingConditionsDueAt(policy, now),
    });
  };
  const passed = application.state === 'waiting' && application.dueAt !== null && now >= application.dueAt;

  switch (command.type) {
    case 'begin_check':
      return settle(application);
    case 'record_condition': {
      if (passed) return refuse({ code: 'deadline_passed', dueAt: application.dueAt! });
      const problems = checkEvidence(policy, application, command.condition, command.evidence);
      if (problems.length > 0) return refuse({ code: 'invalid_evidence', problems });
      const recordedBy = actor.kind === 'system' ? 'system' : actor.principal.userId;
      const conditions = {
        ...application.conditions,
        [command.condition]: { evidence: command.evidence, recordedAt: now, recordedBy },
      };
      // Before the check begins a record only accumulates; the check decides checking or waiting.
      if (application.state === 'applied') return to('applied', { conditions });
      return settle({ ...application, conditions });
    }
    case 'recheck':
      return settle(application);
    case 'reject': {
      const reasons = command.reasons.map((r) => r.trim()).filter((r) => r !== '');
      if (reasons.length === 0) return refuse({ code: 'reasons_required' });
      const missing = evaluate(application, facts, policy).missing;
      return to('rejected', { rejection: { by: 'inspector', reasons, missing } });
    }
    case 'commission': {
      const { missing } = evaluate(application, facts, policy);
      if (missing.length > 0) return refuse({ code: 'conditions_missing', missing });
      return to('commissioned');
    }
    case 'expire': {
      const dueAt = application.dueAt ?? now;
      if (!passed) return refuse({ code: 'deadline_not_reached', dueAt });
      // Met by the deadline through an observation alone: the inspector commissions, nothing lapses.
      const { missing } = evaluate(application, facts, policy);
      if (missing.length === 0) return refuse({ code: 'conditions_met' });
      return to('rejected', { rejection: { by: 'system', reasons: ['deadline_passed'], missing } });
    }
  }
}
