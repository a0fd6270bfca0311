// The appeal's state machine. Every change is a pure function of the appeal, the command, who
// asks and when, so the workflow, the API and the tests share one answer to "may this happen?".
import type { Actor } from '../common/actor.ts';
import { type Appeal, actsFor, addObserver, isApplicant, sameBody, timelineActor } from './appeal.ts';
import {
  answerDeadline,
  type Deadline,
  disputeDeadline,
  type ExtensionRefusal,
  extendDeadline,
  forwardingDeadline,
  proposalNoticeDeadline,
} from './deadlines.ts';
import type { AppealPolicy } from './policy.ts';
import { bodyFor, nextLevel } from './routing.ts';
import type { AppealStatus, BodyRef } from './types.ts';

export type AppealCommand =
  | { type: 'accept' }
  | { type: 'answer'; text: string }
  | { type: 'transfer'; to: BodyRef; reason: string }
  | { type: 'extend'; justification: string; lastDay?: string }
  | { type: 'require_study'; reason: string }
  | { type: 'accept_answer'; rating: number }
  | { type: 'dispute'; reason: string }
  | { type: 'escalate' }
  | { type: 'close' };
export type AppealAction = AppealCommand['type'];

type Party = 'applicant' | 'responsible' | 'system';
const UNANSWERED: readonly AppealStatus[] = ['registered', 'in_progress', 'reopened', 'escalated'];

/** From which states each action is allowed, and which party may take it. */
export const APPEAL_TRANSITIONS: Record<AppealAction, { from: readonly AppealStatus[]; by: Party }> = {
  accept: { from: ['registered', 'reopened', 'escalated'], by: 'responsible' },
  answer: { from: ['in_progress'], by: 'responsible' },
  transfer: { from: UNANSWERED, by: 'responsible' },
  extend: { from: UNANSWERED, by: 'responsible' },
  require_study: { from: UNANSWERED, by: 'responsible' },
  accept_answer: { from: ['answered'], by: 'applicant' },
  dispute: { from: ['answered'], by: 'applicant' },
  escalate: { from: ['registered', 'in_progress', 'reopened'], by: 'system' },
  close: { from: ['answered'], by: 'system' },
};

export type AppealRefusal =
  | { code: 'not_allowed_from_state'; action: AppealAction; state: AppealStatus }
  | { code: 'forbidden'; action: AppealAction }
  | ExtensionRefusal
  | { code: 'text_required' }
  | { code: 'reason_required' }
  | { code: 'same_body' }
  | { code: 'transfer_too_late'; endsAt: number }
  | { code: 'invalid_rating'; rating: number }
  | { code: 'dispute_period_over'; endsAt: number }
  | { code: 'dispute_period_open'; endsAt: number }
  | { code: 'not_overdue'; dueAt: number }
  | { code: 'no_higher_level' }
  | { code: 'already_study' }
  | { code: 'notice_too_late'; endsAt: number };

export type AppealResult = { ok: true; appeal: Appeal } | { ok: false; refusal: AppealRefusal };

export function authorize(appeal: Appeal, action: AppealAction, actor: Actor): AppealRefusal | null {
  const by = APPEAL_TRANSITIONS[action].by;
  const allowed =
    actor.kind === 'system'
      ? by === 'system'
      : by === 'applicant'
        ? isApplicant(actor.principal, appeal)
        : by === 'responsible' && actsFor(actor.principal, appeal.responsible);
  return allowed ? null : { code: 'forbidden', action };
}

/** The actions this actor could take now, for buttons and the API's hints. */
export function availableActions(appeal: Appeal, actor: Actor): AppealAction[] {
  return (Object.keys(APPEAL_TRANSITIONS) as AppealAction[]).filter(
    (a) => APPEAL_TRANSITIONS[a].from.includes(appeal.status) && authorize(appeal, a, actor) === null,
  );
}

const blank = (s: string) => s.trim() === '';

export function applyAppealCommand(
  policy: AppealPolicy,
  appeal: Appeal,
  command: AppealCommand,
  actor: Actor,
  now: number,
): AppealResult {
  const action = command.type;
  // Who may act before what state the appeal is in: the state is not a stranger's to learn.
  const denied = authorize(appeal, action, actor);
  if (denied) return { ok: false, refusal: denied };
  if (!APPEAL_TRANSITIONS[action].from.includes(appeal.status)) {
    return { ok: false, refusal: { code: 'not_allowed_from_state', action, state: appeal.status } };
  }
  const refuse = (refusal: AppealRefusal): AppealResult => ({ ok: false, refusal });

  const to = (status: AppealStatus, change: Partial<Appeal> = {}, note?: string): AppealResult => {
    const next = { ...appeal, status, ...change };
    const event = { at: now, action, actor: timelineActor(actor), responsible: next.responsible };
    return {
      ok: true,
      appeal: { ...next, timeline: [...appeal.timeline, note ? { ...event, note } : event] },
    };
  };
  // A new body considers the appeal afresh: its own term from now, its own one extension.
  const handOver = (body: BodyRef & { kind: Appeal['level'] }): Partial<Appeal> => {
    const due = answerDeadline(policy, appeal.kind, now, appeal.study);
    return {
      level: body.kind,
      responsible: body,
      bodyReceivedAt: now,
      dueLastDay: due.lastDay,
      dueAt: due.endsAt,
      extensions: 0,
      extended: false,
    };
  };

  switch (command.type) {
    case 'accept':
      return to('in_progress');
    case 'answer': {
      if (blank(command.text)) return refuse({ code: 'text_required' });
      const by = timelineActor(actor);
      if (by.kind !== 'user') return refuse({ code: 'forbidden', action });
      const answer = {
        text: command.text,
        answeredAt: now,
        by: { userId: by.userId, name: by.name },
        disputeEndsAt: disputeDeadline(policy, now).endsAt,
      };
      return to('answered', { answer }, command.text);
    }
    case 'transfer': {
      if (blank(command.reason)) return refuse({ code: 'reason_required' });
      if (sameBody(command.to, appeal.responsible)) return refuse({ code: 'same_body' });
      const { endsAt } = forwardingDeadline(policy, appeal.bodyReceivedAt);
      if (now >= endsAt) return refuse({ code: 'transfer_too_late', endsAt });
      // The body that forwarded it keeps seeing what became of it.
      const from = {
        transferredFrom: appeal.responsible,
        observers: addObserver(appeal.observers, appeal.responsible),
      };
      const target = command.to;
      if (target.kind === 'other_body')
        return to('transferred', { ...from, responsible: target }, command.reason);
      return to('registered', { ...from, ...handOver({ ...target, kind: target.kind }) }, command.reason);
    }
    case 'extend': {
      const current: Deadline = { lastDay: appeal.dueLastDay, endsAt: appeal.dueAt };
      const request = { justification: command.justification, extensions: appeal.extensions };
      const r = extendDeadline(
        policy,
        current,
        command.lastDay === undefined ? request : { ...request, lastDay: command.lastDay },
        now,
      );
      if (!r.ok) return refuse(r.refusal);
      const change = { dueLastDay: r.deadline.lastDay, dueAt: r.deadline.endsAt };
      return to(
        appeal.status,
        { ...change, extensions: appeal.extensions + 1, extended: true },
        command.justification,
      );
    }
    case 'require_study': {
      // The longer term of art. 28, still counted from receipt; the reason is what the applicant
      // is told, and for a proposal that notice is due within its own term.
      if (appeal.study) return refuse({ code: 'already_study' });
      if (blank(command.reason)) return refuse({ code: 'reason_required' });
      if (now >= appeal.dueAt) return refuse({ code: 'deadline_passed', endsAt: appeal.dueAt });
      const notice = proposalNoticeDeadline(policy, appeal.bodyReceivedAt).endsAt;
      if (appeal.kind === 'proposal' && now >= notice)
        return refuse({ code: 'notice_too_late', endsAt: notice });
      const due = answerDeadline(policy, appeal.kind, appeal.bodyReceivedAt, true);
      const later = due.endsAt > appeal.dueAt ? { dueLastDay: due.lastDay, dueAt: due.endsAt } : {};
      return to(appeal.status, { study: true, ...later }, command.reason);
    }
    case 'accept_answer':
      if (!Number.isInteger(command.rating) || command.rating < 1 || command.rating > 5) {
        return refuse({ code: 'invalid_rating', rating: command.rating });
      }
      return to('closed', { rating: command.rating });
    case 'dispute': {
      const endsAt = appeal.answer?.disputeEndsAt ?? now;
      if (now >= endsAt) return refuse({ code: 'dispute_period_over', endsAt });
      if (blank(command.reason)) return refuse({ code: 'reason_required' });
      const level = nextLevel(appeal.level);
      if (!level) return refuse({ code: 'no_higher_level' });
      const observers = addObserver(appeal.observers, appeal.responsible);
      return to(
        'reopened',
        { ...handOver(bodyFor(level, appeal.building)), observers, answer: undefined },
        command.reason,
      );
    }
    case 'escalate': {
      if (now < appeal.dueAt) return refuse({ code: 'not_overdue', dueAt: appeal.dueAt });
      if (appeal.level === 'inspection') return refuse({ code: 'no_higher_level' });
      // The council keeps watching what it or the organization left unanswered.
      const council = bodyFor('council', appeal.building);
      const observers = addObserver(addObserver(appeal.observers, appeal.responsible), council);
      return to('escalated', { ...handOver(bodyFor('inspection', appeal.building)), observers });
    }
    case 'close': {
      const endsAt = appeal.answer?.disputeEndsAt ?? now;
      if (now < endsAt) return refuse({ code: 'dispute_period_open', endsAt });
      return to('closed');
    }
  }
}
