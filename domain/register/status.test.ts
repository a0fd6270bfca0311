import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../access/roles.ts';
import type { Actor } from '../common/actor.ts';
import { DEFAULT_REGISTER_POLICY } from './policy.ts';
import type { RequirementVerdict } from './requirements.ts';
import {
  applyRegisterCommand,
  authorize,
  availableActions,
  consequencesOfRemoval,
  isSelectable,
  newRegisterEntry,
  REGISTER_STATES,
  REGISTER_TRANSITIONS,
  REMOVAL_REASONS,
  type RegisterAction,
  type RegisterCommand,
  type RegisterEntry,
  type RegisterState,
  recheckDueAt,
  registerStatusOf,
} from './status.ts';

const P = DEFAULT_REGISTER_POLICY;
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 24, 9, 0, 0);
const OK: RequirementVerdict[] = [{ requirement: 'own_funds', ok: true, reason: null, field: null }];
const BAD: RequirementVerdict[] = [
  { requirement: 'own_funds', ok: false, reason: 'low', field: 'ownFundsUzs' },
  { requirement: 'dispatch_service', ok: false, reason: 'no phone', field: 'dispatch.phone' },
];

const user = (roles: Role[], extra: Partial<Principal> = {}): Actor => ({
  kind: 'user',
  principal: {
    userId: 'u',
    personId: null,
    roles,
    organizationId: null,
    districtId: null,
    name: 'x',
    ...extra,
  },
});
const COMPANY = user(['management_company'], { organizationId: 'org-1' });
const OTHER_COMPANY = user(['management_company'], { organizationId: 'org-2' });
const COUNCIL = user(['council'], { districtId: 'd-1' });
const INSPECTOR = user(['inspector'], { districtId: 'd-1' });
const OTHER_COUNCIL = user(['council'], { districtId: 'd-2' });
const ADMIN = user(['admin']);
const RESIDENT = user(['resident'], { personId: 'p' });
const SYSTEM: Actor = { kind: 'system' };

const entry = (state: RegisterState, extra: Partial<RegisterEntry> = {}): RegisterEntry => ({
  ...newRegisterEntry('org-1', 'd-1', NOW - DAY),
  state,
  ...extra,
});
const run = (e: RegisterEntry, c: RegisterCommand, a: Actor, now = NOW) =>
  applyRegisterCommand(P, e, c, a, now);
const stateAfter = (e: RegisterEntry, c: RegisterCommand, a: Actor, now = NOW) => {
  const r = run(e, c, a, now);
  if (!r.ok) throw new Error(JSON.stringify(r.refusal));
  return r.entry;
};
const refusal = (e: RegisterEntry, c: RegisterCommand, a: Actor, now = NOW) => {
  const r = run(e, c, a, now);
  if (r.ok) throw new Error(`expected a refusal, got ${r.entry.state}`);
  return r.refusal;
};

const COMMANDS: Record<RegisterAction, RegisterCommand> = {
  submit: { type: 'submit' },
  request_corrections: { type: 'request_corrections' },
  resubmit: { type: 'resubmit' },
  withdraw: { type: 'withdraw' },
  register: { type: 'register', verdicts: OK },
  reject: { type: 'reject', reason: 'false_data' },
  recheck: { type: 'recheck', verdicts: OK },
  suspend: { type: 'suspend', reason: 'under_investigation' },
  reinstate: { type: 'reinstate', verdicts: OK },
  remove: { type: 'remove', reason: 'false_data' },
};

describe('register transitions', () => {
  it('a new entry is an applicant that cannot be selected', () => {
    const e = newRegisterEntry('org-1', 'd-1', NOW);
    expect(e).toMatchObject({ state: 'applicant', since: NOW, reason: null, lastCheckedAt: null });
    expect(isSelectable(e.state)).toBe(false);
  });

  it('withdraw: an undecided application goes back to applicant, by its own organization only', () => {
    for (const from of ['under_review', 'corrections_requested'] as const) {
      expect(stateAfter(entry(from), COMMANDS.withdraw, COMPANY)).toMatchObject({
        state: 'applicant',
        correctionsDueAt: null,
        reason: null,
      });
    }
    expect(refusal(entry('under_review'), COMMANDS.withdraw, OTHER_COMPANY)).toMatchObject({
      code: 'out_of_scope',
    });
    expect(refusal(entry('under_review'), COMMANDS.withdraw, COUNCIL)).toMatchObject({ code: 'forbidden' });
    expect(refusal(entry('registered'), COMMANDS.withdraw, COMPANY)).toMatchObject({
      code: 'not_allowed_from_state',
    });
  });

  it('submit: applicant or rejected → under_review, by the organization itself', () => {
    expect(stateAfter(entry('applicant'), COMMANDS.submit, COMPANY)).toMatchObject({
      state: 'under_review',
      since: NOW,
    });
    const again = stateAfter(entry('rejected', { reason: 'false_data' }), COMMANDS.submit, COMPANY);
    expect(again).toMatchObject({ state: 'under_review', reason: null });
  });

  it('request_corrections sets the deadline from the policy', () => {
    const e = stateAfter(entry('under_review'), COMMANDS.request_corrections, COUNCIL);
    expect(e).toMatchObject({ state: 'corrections_requested', correctionsDueAt: NOW + 15 * DAY });
  });

  it('resubmit: in time, up to the deadline itself, returns to review; later is refused', () => {
    const e = entry('corrections_requested', { correctionsDueAt: NOW });
    expect(stateAfter(e, COMMANDS.resubmit, COMPANY)).toMatchObject({
      state: 'under_review',
      correctionsDueAt: null,
    });
    expect(refusal(e, COMMANDS.resubmit, COMPANY, NOW + 1)).toEqual({
      code: 'corrections_deadline_passed',
      dueAt: NOW,
    });
  });

  it('register: only when every requirement is met, and starts the re-check clock', () => {
    expect(stateAfter(entry('under_review'), COMMANDS.register, INSPECTOR)).toMatchObject({
      state: 'registered',
      lastCheckedAt: NOW,
    });
    expect(refusal(entry('under_review'), { type: 'register', verdicts: BAD }, COUNCIL)).toEqual({
      code: 'requirements_not_met',
      fields: ['ownFundsUzs', 'dispatch.phone'],
    });
  });

  it('reject: from review for requirements or false data, with the reason kept', () => {
    for (const reason of ['requirements_not_met', 'false_data'] as const) {
      expect(stateAfter(entry('under_review'), { type: 'reject', reason }, COUNCIL)).toMatchObject({
        state: 'rejected',
        reason,
      });
    }
  });

  it('reject for corrections not made: only after the corrections deadline, e.g. by the timer', () => {
    const e = entry('corrections_requested', { correctionsDueAt: NOW });
    const cmd: RegisterCommand = { type: 'reject', reason: 'corrections_not_made' };
    expect(refusal(e, cmd, SYSTEM)).toEqual({ code: 'corrections_deadline_not_reached', dueAt: NOW });
    expect(stateAfter(e, cmd, SYSTEM, NOW + 1)).toMatchObject({
      state: 'rejected',
      reason: 'corrections_not_made',
    });
    expect(refusal(entry('under_review'), cmd, COUNCIL)).toEqual({
      code: 'invalid_reason',
      reason: 'corrections_not_made',
    });
  });

  it('recheck: passing keeps the registration and moves the clock; failing suspends', () => {
    const e = entry('registered', { lastCheckedAt: NOW - 365 * DAY, since: NOW - 365 * DAY });
    expect(stateAfter(e, COMMANDS.recheck, SYSTEM)).toEqual({ ...e, lastCheckedAt: NOW });
    expect(stateAfter(e, { type: 'recheck', verdicts: BAD }, SYSTEM)).toMatchObject({
      state: 'suspended',
      reason: 'recheck_failed',
      since: NOW,
    });
  });

  it('suspend and reinstate: a suspended organization cannot be selected until reinstated', () => {
    const s = stateAfter(entry('registered'), COMMANDS.suspend, COUNCIL);
    expect(s).toMatchObject({ state: 'suspended', reason: 'under_investigation' });
    expect(isSelectable(s.state)).toBe(false);
    const r = stateAfter(s, COMMANDS.reinstate, COUNCIL);
    expect(r).toMatchObject({ state: 'registered', reason: null, lastCheckedAt: NOW });
    expect(isSelectable(r.state)).toBe(true);
    expect(refusal(s, { type: 'reinstate', verdicts: BAD }, COUNCIL).code).toBe('requirements_not_met');
  });

  it('remove: from registered or suspended, for each reason; the tax timer removes as the system', () => {
    for (const from of ['registered', 'suspended'] as const) {
      for (const reason of REMOVAL_REASONS) {
        expect(stateAfter(entry(from), { type: 'remove', reason }, SYSTEM)).toMatchObject({
          state: 'removed',
          reason,
        });
      }
    }
  });

  it('refuses reasons outside each list', () => {
    const bad = 'because' as never;
    expect(refusal(entry('under_review'), { type: 'reject', reason: bad }, COUNCIL).code).toBe(
      'invalid_reason',
    );
    expect(refusal(entry('registered'), { type: 'suspend', reason: bad }, COUNCIL).code).toBe(
      'invalid_reason',
    );
    expect(refusal(entry('registered'), { type: 'remove', reason: bad }, COUNCIL).code).toBe(
      'invalid_reason',
    );
  });

  it('refuses every action from every state the table does not allow; removed is final', () => {
    for (const state of REGISTER_STATES) {
      for (const action of Object.keys(COMMANDS) as RegisterAction[]) {
        if (REGISTER_TRANSITIONS[action].from.includes(state)) continue;
        const actor = [ADMIN, COMPANY, SYSTEM].find((a) => !authorize(entry(state), action, a))!;
        expect(refusal(entry(state), COMMANDS[action], actor)).toEqual({
          code: 'not_allowed_from_state',
          action,
          state,
        });
      }
    }
    expect(availableActions(entry('removed'), ADMIN)).toEqual([]);
  });
});

describe('who may act', () => {
  it('is decided before the state: a caller without responsibility hears 403 in every state', () => {
    for (const state of REGISTER_STATES) {
      for (const action of Object.keys(COMMANDS) as RegisterAction[]) {
        const stranger = [OTHER_COMPANY, OTHER_COUNCIL, RESIDENT].find((a) =>
          authorize(entry(state), action, a),
        )!;
        expect(refusal(entry(state), COMMANDS[action], stranger)).toMatchObject({
          code: expect.stringMatching(/^(forbidden|out_of_scope)$/),
          action,
        });
      }
    }
  });

  it('the organization acts only for itself', () => {
    expect(refusal(entry('applicant'), COMMANDS.submit, OTHER_COMPANY)).toEqual({
      code: 'out_of_scope',
      action: 'submit',
    });
    expect(refusal(entry('applicant'), COMMANDS.submit, COUNCIL)).toEqual({
      code: 'forbidden',
      action: 'submit',
    });
    expect(refusal(entry('applicant'), COMMANDS.submit, SYSTEM)).toEqual({
      code: 'forbidden',
      action: 'submit',
    });
  });

  it('reviewers act only in their district; the organization cannot review itself', () => {
    expect(refusal(entry('under_review'), COMMANDS.register, OTHER_COUNCIL).code).toBe('out_of_scope');
    expect(refusal(entry('under_review'), COMMANDS.register, COMPANY).code).toBe('forbidden');
    expect(refusal(entry('under_review'), COMMANDS.register, RESIDENT).code).toBe('forbidden');
    expect(refusal(entry('under_review'), COMMANDS.register, SYSTEM).code).toBe('forbidden');
    expect(stateAfter(entry('under_review'), COMMANDS.register, ADMIN).state).toBe('registered');
  });

  it('reinstatement is a person’s decision, never the system’s', () => {
    expect(refusal(entry('suspended'), COMMANDS.reinstate, SYSTEM).code).toBe('forbidden');
  });

  it('any in-scope role among several is enough', () => {
    const both = user(['management_company', 'council'], { organizationId: 'org-9', districtId: 'd-1' });
    expect(stateAfter(entry('under_review'), COMMANDS.register, both).state).toBe('registered');
  });

  it('availableActions lists what this actor may do now', () => {
    expect(availableActions(entry('under_review'), COUNCIL)).toEqual([
      'request_corrections',
      'register',
      'reject',
    ]);
    expect(availableActions(entry('under_review'), COMPANY)).toEqual(['withdraw']);
    expect(availableActions(entry('corrections_requested'), COMPANY)).toEqual(['resubmit', 'withdraw']);
    expect(availableActions(entry('registered'), SYSTEM)).toEqual(['recheck', 'suspend', 'remove']);
  });
});

describe('what follows', () => {
  it('maps the fine states to the registry vocabulary', () => {
    expect(REGISTER_STATES.map(registerStatusOf)).toEqual([
      'applicant',
      'applicant',
      'applicant',
      'registered',
      'applicant',
      'suspended',
      'removed',
    ]);
    expect(REGISTER_STATES.filter(isSelectable)).toEqual(['registered']);
  });

  it('removal excludes from selection, flags contracts and notifies councils, owners and the organization', () => {
    for (const reason of REMOVAL_REASONS) {
      expect(consequencesOfRemoval(reason)).toEqual([
        'exclude_from_selection',
        'flag_contracts',
        'notify_councils',
        'notify_owners',
        'notify_organization',
      ]);
    }
  });

  it('re-check falls due after the interval in Tashkent months, clamped at month end', () => {
    // 31 Aug 2027 10:00 Tashkent → 12 months → 31 Aug 2028; 6 months → 29 Feb 2028 (leap).
    const checked = Date.UTC(2027, 7, 31, 5, 0, 0);
    const e = entry('registered', { lastCheckedAt: checked });
    expect(recheckDueAt(P, e)).toBe(Date.UTC(2028, 7, 31, 5, 0, 0));
    expect(recheckDueAt({ ...P, recheckIntervalMonths: 6 }, e)).toBe(Date.UTC(2028, 1, 29, 5, 0, 0));
    expect(recheckDueAt({ ...P, recheckIntervalMonths: 18 }, e)).toBe(Date.UTC(2029, 1, 28, 5, 0, 0));
    // 31 Dec 22:00 Tashkent is still 31 Dec there though 17:00 UTC.
    const lateNight = Date.UTC(2026, 11, 31, 17, 0, 0);
    expect(
      recheckDueAt({ ...P, recheckIntervalMonths: 2 }, entry('registered', { lastCheckedAt: lateNight })),
    ).toBe(Date.UTC(2027, 1, 28, 17, 0, 0));
    expect(recheckDueAt(P, entry('suspended', { lastCheckedAt: checked }))).toBeNull();
    expect(recheckDueAt(P, entry('registered'))).toBeNull();
  });
});
