import { describe, expect, it } from 'vitest';
import {
  afterCount,
  applyMeetingCommand,
  describePhaseRefusal,
  MEETING_ACTIONS,
  type MeetingAction,
  type MeetingActor,
  type MeetingCommand,
  type PhaseState,
  phaseRefusal,
  phaseRuleError,
  SYSTEM,
  systemMove,
} from './phases.ts';
import { DEFAULT_MEETING_POLICY, resolvePolicy } from './policy.ts';
import { MEETING_PHASES, type MeetingPhase } from './types.ts';

const NOW = Date.parse('2026-11-23T10:00:00+05:00');
const DAY = 86_400_000;
const INITIATOR: MeetingActor = { kind: 'user', userId: 'u-initiator' };
const OWNER: MeetingActor = { kind: 'user', userId: 'u-owner' };

const meeting = (phase: MeetingPhase): PhaseState => ({
  phase,
  initiatorUserId: 'u-initiator',
  votingOpensAt: NOW + 10 * DAY,
  votingClosesAt: NOW + 20 * DAY,
});

const postpone = (votingOpensAt: number, votingClosesAt: number): MeetingCommand => ({
  type: 'postpone',
  votingOpensAt,
  votingClosesAt,
  reason: 'Bayram',
});

const COMMANDS: Record<MeetingAction, MeetingCommand> = {
  open_discussion: { type: 'open_discussion' },
  open_voting: { type: 'open_voting' },
  close_voting: { type: 'close_voting' },
  decide: { type: 'decide' },
  fail: { type: 'fail' },
  repeat: { type: 'repeat' },
  open_appeal_window: { type: 'open_appeal_window' },
  complete: { type: 'complete' },
  cancel: { type: 'cancel', reason: 'Sud qarori' },
  postpone: postpone(NOW + 30 * DAY, NOW + 40 * DAY),
};

/** Every edge of the meetings state diagram, written out independently of the table. */
const EDGES: [MeetingAction, MeetingPhase, MeetingPhase, MeetingActor][] = [
  ['open_discussion', 'notice', 'discussion', SYSTEM],
  ['open_voting', 'discussion', 'voting', SYSTEM],
  ['close_voting', 'voting', 'counting', SYSTEM],
  ['decide', 'counting', 'decided', SYSTEM],
  ['fail', 'counting', 'failed', SYSTEM],
  ['repeat', 'counting', 'completed', SYSTEM],
  ['open_appeal_window', 'decided', 'appeal_window', SYSTEM],
  ['complete', 'appeal_window', 'completed', SYSTEM],
  ['cancel', 'notice', 'cancelled', INITIATOR],
  ['cancel', 'discussion', 'cancelled', INITIATOR],
  ['postpone', 'notice', 'notice', INITIATOR],
  ['postpone', 'discussion', 'discussion', INITIATOR],
  ['postpone', 'notice', 'notice', SYSTEM],
  ['postpone', 'discussion', 'discussion', SYSTEM],
];

const targetOf = (action: MeetingAction): MeetingPhase | undefined =>
  action === 'postpone' ? undefined : EDGES.find(([a]) => a === action)?.[2];

describe('the phase table', () => {
  it.each(EDGES)('%s moves %s to %s when %o issues it', (action, from, to, actor) => {
    const r = applyMeetingCommand(meeting(from), COMMANDS[action], actor, NOW);
    expect(r).toMatchObject({ ok: true, change: { phase: to } });
  });

  it('refuses every other command in every other phase, naming both', () => {
    for (const action of MEETING_ACTIONS) {
      for (const phase of MEETING_PHASES) {
        if (EDGES.some(([a, from]) => a === action && from === phase)) continue;
        if (phase === targetOf(action)) continue; // a retry, below
        const actor = action === 'cancel' || action === 'postpone' ? INITIATOR : SYSTEM;
        expect(
          applyMeetingCommand(meeting(phase), COMMANDS[action], actor, NOW),
          `${action} in ${phase}`,
        ).toEqual({
          ok: false,
          refusal: { code: 'not_allowed_from_phase', action, phase },
        });
        expect(phaseRefusal(phase, action)).not.toBeNull();
      }
    }
  });

  it('leaves the terminal phases only by no command at all', () => {
    for (const phase of ['completed', 'cancelled', 'failed'] as const)
      for (const action of MEETING_ACTIONS) expect(phaseRefusal(phase, action)).not.toBeNull();
  });

  it('finds a change already made as a retry with nothing to write', () => {
    for (const action of MEETING_ACTIONS) {
      const to = targetOf(action);
      if (!to) continue;
      const actor = action === 'cancel' ? INITIATOR : SYSTEM;
      expect(applyMeetingCommand(meeting(to), COMMANDS[action], actor, NOW)).toEqual({
        ok: true,
        change: null,
      });
    }
    const postponed = meeting('discussion');
    const again = postpone(postponed.votingOpensAt, postponed.votingClosesAt);
    expect(applyMeetingCommand(postponed, again, INITIATOR, NOW)).toEqual({ ok: true, change: null });
  });
});

describe('who may issue a command', () => {
  it('cancel is the initiator’s alone; postpone also the workflow’s', () => {
    expect(applyMeetingCommand(meeting('notice'), COMMANDS.cancel, OWNER, NOW)).toEqual({
      ok: false,
      refusal: { code: 'forbidden', action: 'cancel' },
    });
    expect(applyMeetingCommand(meeting('notice'), COMMANDS.cancel, SYSTEM, NOW)).toMatchObject({ ok: false });
    expect(applyMeetingCommand(meeting('discussion'), COMMANDS.postpone, OWNER, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'forbidden' },
    });
  });

  it('only the workflow moves a meeting along its course', () => {
    for (const [action, from, , actor] of EDGES) {
      if (actor !== SYSTEM || action === 'postpone') continue;
      expect(applyMeetingCommand(meeting(from), COMMANDS[action], INITIATOR, NOW)).toEqual({
        ok: false,
        refusal: { code: 'forbidden', action },
      });
    }
  });

  it('the phase is checked before the party', () => {
    expect(applyMeetingCommand(meeting('voting'), COMMANDS.cancel, OWNER, NOW)).toMatchObject({
      refusal: { code: 'not_allowed_from_phase' },
    });
  });
});

describe('what cancel and postpone carry', () => {
  it('cancel keeps its reason as given; a blank or overlong one is refused', () => {
    expect(applyMeetingCommand(meeting('discussion'), COMMANDS.cancel, INITIATOR, NOW)).toEqual({
      ok: true,
      change: { phase: 'cancelled', cancelledReason: 'Sud qarori' },
    });
    for (const reason of ['', '  ', 'x'.repeat(2001)])
      expect(applyMeetingCommand(meeting('notice'), { type: 'cancel', reason }, INITIATOR, NOW)).toEqual({
        ok: false,
        refusal: { code: 'reason_required' },
      });
  });

  it('postpone moves the window and gives the notice afresh, in the same phase', () => {
    expect(applyMeetingCommand(meeting('notice'), COMMANDS.postpone, SYSTEM, NOW)).toEqual({
      ok: true,
      change: {
        phase: 'notice',
        votingOpensAt: NOW + 30 * DAY,
        votingClosesAt: NOW + 40 * DAY,
        noticeAt: NOW,
      },
    });
  });

  it('postpone refuses a window that is not one', () => {
    const p = (votingOpensAt: number, votingClosesAt: number) =>
      applyMeetingCommand(meeting('discussion'), postpone(votingOpensAt, votingClosesAt), INITIATOR, NOW);
    expect(p(NOW + DAY, NOW + DAY)).toEqual({ ok: false, refusal: { code: 'window_inverted' } });
    expect(p(NOW + 2 * DAY, NOW + DAY)).toEqual({ ok: false, refusal: { code: 'window_inverted' } });
    expect(p(Number.NaN, NOW)).toEqual({
      ok: false,
      refusal: { code: 'invalid_date', field: 'votingOpensAt' },
    });
    expect(p(NOW, Number.NaN)).toEqual({
      ok: false,
      refusal: { code: 'invalid_date', field: 'votingClosesAt' },
    });
  });
});

describe('the workflow’s moves and the count', () => {
  it('names the command for each move the workflow makes', () => {
    expect(systemMove(['notice'], 'discussion')).toBe('open_discussion');
    expect(systemMove(['discussion'], 'voting')).toBe('open_voting');
    expect(systemMove(['counting'], 'completed')).toBe('repeat');
    expect(systemMove(['appeal_window'], 'completed')).toBe('complete');
    expect(systemMove(['notice'], 'voting')).toBeNull();
    expect(systemMove(['discussion'], 'cancelled')).toBeNull();
  });

  it('decides with quorum, repeats while the policy allows, fails after', () => {
    const P = DEFAULT_MEETING_POLICY;
    expect(afterCount(P, 1, true)).toBe('decide');
    expect(afterCount(P, 1, false)).toBe('repeat');
    expect(afterCount(P, P.maxRepeats + 1, false)).toBe('fail');
    expect(afterCount(resolvePolicy({ noQuorum: 'fail' }), 1, false)).toBe('fail');
  });
});

describe('how a refusal reads', () => {
  it('maps to the meeting rule codes with the field it is about', () => {
    expect(
      describePhaseRefusal({ code: 'not_allowed_from_phase', action: 'cancel', phase: 'voting' }),
    ).toEqual({
      code: 'wrong_phase',
      message: 'the meeting is in phase voting: it can be changed only before voting opens',
      fields: [],
    });
    expect(describePhaseRefusal({ code: 'forbidden', action: 'postpone' })).toMatchObject({
      code: 'forbidden',
    });
    expect(describePhaseRefusal({ code: 'reason_required' })).toEqual({
      code: 'invalid',
      message: 'must be 1 to 2000 characters',
      fields: ['reason'],
    });
    const err = phaseRuleError({ code: 'window_inverted' });
    expect([err.code, err.message, err.fields]).toEqual([
      'invalid',
      'voting must close after it opens',
      ['votingClosesAt'],
    ]);
  });
});
