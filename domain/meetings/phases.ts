// A general meeting's phases as a table: which command moves which phase to which, and who may
// issue it. The repository applies a command under the meeting's row lock; the workflow's update
// validators and the API ask the same table first, so all three give one answer to "may this
// happen now?". Refusals are data; describePhaseRefusal says how each reads to a caller.
import { RuleError } from '../common/rule-error.ts';
import type { MeetingRuleCode } from './errors.ts';
import type { MeetingPolicy } from './policy.ts';
import { CHANGEABLE_PHASES, type MeetingPhase } from './types.ts';

export type MeetingCommand =
  /** The electorate is frozen and the notices went out. */
  | { type: 'open_discussion' }
  | { type: 'open_voting' }
  | { type: 'close_voting' }
  /** Quorum: the decisions stand; the protocol is signed next. */
  | { type: 'decide' }
  /** No quorum and no repeat left. */
  | { type: 'fail' }
  /** No quorum: this attempt ends and its repeat carries the series on. */
  | { type: 'repeat' }
  /** The protocol is signed, or its deadline passed. */
  | { type: 'open_appeal_window' }
  | { type: 'complete' }
  | { type: 'cancel'; reason: string }
  /** Instants as epoch ms; the notice is given afresh. */
  | { type: 'postpone'; votingOpensAt: number; votingClosesAt: number; reason: string };
export type MeetingAction = MeetingCommand['type'];
/** The commands that carry nothing but their name: the workflow's moves along the course. */
export type SystemAction = Exclude<MeetingAction, 'cancel' | 'postpone'>;

/** The workflow is 'system'; it also postpones on its own when the notices went out late. */
export type MeetingParty = 'initiator' | 'system';
export type MeetingActor = { kind: 'system' } | { kind: 'user'; userId: string };
export const SYSTEM: MeetingActor = { kind: 'system' };

export interface MeetingTransition {
  from: readonly MeetingPhase[];
  /** null: the meeting stays in its phase (a postponement changes only its dates). */
  to: MeetingPhase | null;
  by: readonly MeetingParty[];
}

export const MEETING_TRANSITIONS: Record<MeetingAction, MeetingTransition> = {
  open_discussion: { from: ['notice'], to: 'discussion', by: ['system'] },
  open_voting: { from: ['discussion'], to: 'voting', by: ['system'] },
  close_voting: { from: ['voting'], to: 'counting', by: ['system'] },
  decide: { from: ['counting'], to: 'decided', by: ['system'] },
  fail: { from: ['counting'], to: 'failed', by: ['system'] },
  repeat: { from: ['counting'], to: 'completed', by: ['system'] },
  open_appeal_window: { from: ['decided'], to: 'appeal_window', by: ['system'] },
  complete: { from: ['appeal_window'], to: 'completed', by: ['system'] },
  cancel: { from: CHANGEABLE_PHASES, to: 'cancelled', by: ['initiator'] },
  postpone: { from: CHANGEABLE_PHASES, to: null, by: ['initiator', 'system'] },
};

export const MEETING_ACTIONS = Object.keys(MEETING_TRANSITIONS) as MeetingAction[];

export const REASON_MAX = 2000;

export type MeetingPhaseRefusal =
  | { code: 'not_allowed_from_phase'; action: MeetingAction; phase: MeetingPhase }
  | { code: 'forbidden'; action: MeetingAction }
  | { code: 'reason_required' }
  | { code: 'invalid_date'; field: 'votingOpensAt' | 'votingClosesAt' }
  | { code: 'window_inverted' };

/** What the repository checks against: the stored meeting's phase, initiator and voting window. */
export interface PhaseState {
  phase: MeetingPhase;
  initiatorUserId: string;
  votingOpensAt: number;
  votingClosesAt: number;
}

/** What a command writes. */
export interface PhaseChange {
  phase: MeetingPhase;
  cancelledReason?: string;
  noticeAt?: number;
  votingOpensAt?: number;
  votingClosesAt?: number;
}

/** change null: the meeting already shows the command's effect (a retry); nothing to write. */
export type MeetingPhaseResult =
  | { ok: true; change: PhaseChange | null }
  | { ok: false; refusal: MeetingPhaseRefusal };

export function phaseRefusal(phase: MeetingPhase, action: MeetingAction): MeetingPhaseRefusal | null {
  return MEETING_TRANSITIONS[action].from.includes(phase)
    ? null
    : { code: 'not_allowed_from_phase', action, phase };
}

export function authorize(
  meeting: { initiatorUserId: string },
  action: MeetingAction,
  actor: MeetingActor,
): MeetingPhaseRefusal | null {
  const by = MEETING_TRANSITIONS[action].by;
  const allowed =
    actor.kind === 'system'
      ? by.includes('system')
      : by.includes('initiator') && actor.userId === meeting.initiatorUserId;
  return allowed ? null : { code: 'forbidden', action };
}

export function reasonRefusal(reason: unknown): MeetingPhaseRefusal | null {
  return typeof reason === 'string' && reason.trim().length > 0 && reason.length <= REASON_MAX
    ? null
    : { code: 'reason_required' };
}

function windowRefusal(opens: number, closes: number): MeetingPhaseRefusal | null {
  if (!Number.isFinite(opens)) return { code: 'invalid_date', field: 'votingOpensAt' };
  if (!Number.isFinite(closes)) return { code: 'invalid_date', field: 'votingClosesAt' };
  return closes > opens ? null : { code: 'window_inverted' };
}

export function applyMeetingCommand(
  meeting: PhaseState,
  command: MeetingCommand,
  actor: MeetingActor,
  now: number,
): MeetingPhaseResult {
  const action = command.type;
  const { to } = MEETING_TRANSITIONS[action];
  // A retry after a change that committed finds it made.
  if (to !== null && meeting.phase === to) return { ok: true, change: null };
  const refusal = phaseRefusal(meeting.phase, action) ?? authorize(meeting, action, actor);
  if (refusal) return { ok: false, refusal };
  const refuse = (r: MeetingPhaseRefusal): MeetingPhaseResult => ({ ok: false, refusal: r });

  switch (command.type) {
    case 'cancel': {
      const bad = reasonRefusal(command.reason);
      if (bad) return refuse(bad);
      return { ok: true, change: { phase: 'cancelled', cancelledReason: command.reason } };
    }
    case 'postpone': {
      const { votingOpensAt, votingClosesAt } = command;
      const bad = reasonRefusal(command.reason) ?? windowRefusal(votingOpensAt, votingClosesAt);
      if (bad) return refuse(bad);
      // The same dates again: a retry, which must not count as a second postponement.
      if (votingOpensAt === meeting.votingOpensAt && votingClosesAt === meeting.votingClosesAt)
        return { ok: true, change: null };
      return {
        ok: true,
        change: { phase: meeting.phase, votingOpensAt, votingClosesAt, noticeAt: now },
      };
    }
    default:
      return { ok: true, change: { phase: to ?? meeting.phase } };
  }
}

/** The workflow's command that moves a meeting from one of `from` to `to`; null when none does. */
export function systemMove(from: readonly MeetingPhase[], to: MeetingPhase): SystemAction | null {
  const action = MEETING_ACTIONS.find((a) => {
    const t = MEETING_TRANSITIONS[a];
    return t.to === to && t.by.includes('system') && t.from.some((p) => from.includes(p));
  });
  return (action as SystemAction | undefined) ?? null;
}

/** After the count: the decisions stand, or without quorum a repeat while the policy allows one. */
export function afterCount(
  policy: MeetingPolicy,
  attempt: number,
  quorumReached: boolean,
): 'decide' | 'repeat' | 'fail' {
  if (quorumReached) return 'decide';
  return policy.noQuorum === 'repeat' && attempt <= policy.maxRepeats ? 'repeat' : 'fail';
}

export interface PhaseRefusalInfo {
  code: MeetingRuleCode;
  message: string;
  fields: string[];
}

export function describePhaseRefusal(r: MeetingPhaseRefusal): PhaseRefusalInfo {
  switch (r.code) {
    case 'not_allowed_from_phase':
      return {
        code: 'wrong_phase',
        message: MEETING_TRANSITIONS[r.action].by.includes('initiator')
          ? `the meeting is in phase ${r.phase}: it can be changed only before voting opens`
          : `${r.action} is not allowed while the meeting is in phase ${r.phase}`,
        fields: [],
      };
    case 'forbidden':
      return {
        code: 'forbidden',
        message: MEETING_TRANSITIONS[r.action].by.includes('initiator')
          ? 'only the initiator may cancel or postpone a meeting'
          : `only the meeting's workflow may ${r.action}`,
        fields: [],
      };
    case 'reason_required':
      return { code: 'invalid', message: `must be 1 to ${REASON_MAX} characters`, fields: ['reason'] };
    case 'invalid_date':
      return { code: 'invalid', message: `${r.field} is not a valid date`, fields: [r.field] };
    case 'window_inverted':
      return { code: 'invalid', message: 'voting must close after it opens', fields: ['votingClosesAt'] };
  }
}

export function phaseRuleError(r: MeetingPhaseRefusal): RuleError<MeetingRuleCode> {
  const info = describePhaseRefusal(r);
  return new RuleError<MeetingRuleCode>(info.code, info.message, info.fields);
}
