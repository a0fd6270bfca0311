// The request's state machine. Every change is a pure function of the request, the command, who
// asks and when, so the workflow, the repository and the tests share one answer to "may this happen?".
//
// registered → queued (a dispatcher must look) | assigned → accepted → on_the_way → on_site →
// contained → done → confirmed → closed; a rejection of done work reopens it; a rating after.
import type { Actor } from '../common/actor.ts';
import { clocksFor, nextEscalation } from './deadlines.ts';
import type { DispatchPolicy } from './policy.ts';
import {
  DISPATCH_TRANSITIONS,
  type DispatchAction,
  type DispatchCommand,
  type Party,
} from './transitions.ts';
import { DISPATCH_CATEGORIES, type DispatchCategory, URGENCIES, type Urgency } from './triage.ts';
import { CLOCK_KINDS, type Clock, type DispatchRequest, type DispatchStatus } from './types.ts';

// Which step follows which status lives in transitions.ts, for the widgets; the domain reads it here.
export { DISPATCH_TRANSITIONS, type DispatchAction, type DispatchCommand, type Party };

export type DispatchRefusal =
  | { code: 'not_allowed_from_state'; action: DispatchAction; state: DispatchStatus }
  | { code: 'forbidden'; action: DispatchAction }
  | { code: 'triage_unconfirmed' }
  | { code: 'invalid_category' }
  | { code: 'invalid_urgency' }
  | { code: 'note_required' }
  | { code: 'reason_required' }
  | { code: 'invalid_rating'; rating: number }
  | { code: 'already_rated' }
  | { code: 'clock_met' }
  | { code: 'not_due'; at: number }
  | { code: 'silence_not_over'; at: number };

export type DispatchResult = { ok: true; request: DispatchRequest } | { ok: false; refusal: DispatchRefusal };

/** The party the actor is for this request, or null for a stranger. */
export function partyOf(request: DispatchRequest, actor: Actor): Party[] {
  if (actor.kind === 'system') return ['system'];
  const p = actor.principal;
  const parties: Party[] = [];
  if (request.residentUserId !== null && p.userId === request.residentUserId) parties.push('resident');
  const staff = p.roles.includes('management_company') && p.organizationId === request.organizationId;
  if (staff) {
    parties.push('dispatcher');
    // Only the assignee works the job; before anyone is assigned no technician can.
    if (request.assigneeUserId === p.userId) parties.push('technician');
  }
  return parties;
}

export function authorize(
  request: DispatchRequest,
  action: DispatchAction,
  actor: Actor,
): DispatchRefusal | null {
  return partyOf(request, actor).includes(DISPATCH_TRANSITIONS[action].by)
    ? null
    : { code: 'forbidden', action };
}

export function availableActions(request: DispatchRequest, actor: Actor): DispatchAction[] {
  return (Object.keys(DISPATCH_TRANSITIONS) as DispatchAction[]).filter(
    (a) =>
      DISPATCH_TRANSITIONS[a].by !== 'system' &&
      DISPATCH_TRANSITIONS[a].from.includes(request.status) &&
      authorize(request, a, actor) === null,
  );
}

const blank = (s: string | undefined) => (s ?? '').trim() === '';
const meet = (clocks: Clock[], kinds: Clock['kind'][], now: number) =>
  clocks.map((c) => (kinds.includes(c.kind) && c.metAt === null ? { ...c, metAt: now } : c));

/**
 * The clocks after a dispatcher corrects the triage. A corrected triage restarts no clock (the
 * resident has waited since the clock started), and what a clock has recorded stays: one met or
 * breached keeps its due time and its escalation, or the request's workflow would escalate the
 * same breach again. Only a clock still running on time takes the due time of the new triage; a
 * clock the new triage does not know is dropped while it is running, and one it adds starts with
 * the current round of work.
 */
export function retriagedClocks(
  policy: DispatchPolicy,
  request: DispatchRequest,
  category: DispatchCategory,
  urgency: Urgency,
  now: number,
): Clock[] {
  const settled = (c: Clock) => c.metAt !== null || c.escalation > 0 || now >= c.dueAt;
  const roundStart = Math.max(request.registeredAt, ...request.clocks.map((c) => c.startsAt));
  const wanted = clocksFor(policy, category, urgency, roundStart);
  const kept: Clock[] = [];
  for (const c of request.clocks) {
    if (settled(c)) {
      kept.push(c);
      continue;
    }
    const due = clocksFor(policy, category, urgency, c.startsAt).find((w) => w.kind === c.kind);
    if (due) kept.push({ ...c, dueAt: due.dueAt });
  }
  const added = wanted.filter((w) => !request.clocks.some((c) => c.kind === w.kind));
  return [...kept, ...added].sort(
    (a, b) => a.startsAt - b.startsAt || CLOCK_KINDS.indexOf(a.kind) - CLOCK_KINDS.indexOf(b.kind),
  );
}

export function applyDispatchCommand(
  policy: DispatchPolicy,
  request: DispatchRequest,
  command: DispatchCommand,
  actor: Actor,
  now: number,
): DispatchResult {
  const action = command.type;
  // Who may act before what state the request is in: the state is not a stranger's to learn.
  const denied = authorize(request, action, actor);
  if (denied) return { ok: false, refusal: denied };
  if (!DISPATCH_TRANSITIONS[action].from.includes(request.status))
    return { ok: false, refusal: { code: 'not_allowed_from_state', action, state: request.status } };
  const refuse = (refusal: DispatchRefusal): DispatchResult => ({ ok: false, refusal });
  const byUserId = actor.kind === 'user' ? actor.principal.userId : null;
  const to = (
    status: DispatchStatus,
    change: Partial<DispatchRequest> = {},
    note?: string,
  ): DispatchResult => {
    const step = note ? { at: now, action, byUserId, note } : { at: now, action, byUserId };
    return { ok: true, request: { ...request, status, ...change, steps: [...request.steps, step] } };
  };

  switch (command.type) {
    case 'queue':
      return to('queued');
    case 'confirm_triage': {
      if (!DISPATCH_CATEGORIES.includes(command.category)) return refuse({ code: 'invalid_category' });
      if (!URGENCIES.includes(command.urgency)) return refuse({ code: 'invalid_urgency' });
      const changed = command.category !== request.category || command.urgency !== request.urgency;
      const clocks = changed
        ? retriagedClocks(policy, request, command.category, command.urgency, now)
        : request.clocks;
      const status = request.status === 'registered' ? 'queued' : request.status;
      return to(status, {
        category: command.category,
        urgency: command.urgency,
        needsConfirmation: false,
        clocks,
      });
    }
    case 'assign':
      if (request.needsConfirmation) return refuse({ code: 'triage_unconfirmed' });
      return to('assigned', { assigneeUserId: command.technicianUserId });
    case 'accept':
      return to('accepted');
    case 'on_the_way':
      return to('on_the_way');
    case 'on_site':
      return to('on_site');
    case 'contain':
      return to('contained', { clocks: meet(request.clocks, ['contain'], now) }, command.note);
    case 'done':
      if (blank(command.note)) return refuse({ code: 'note_required' });
      return to(
        'done',
        { doneAt: now, clocks: meet(request.clocks, ['contain', 'done'], now) },
        command.note,
      );
    case 'confirm':
      return to('confirmed');
    case 'reject': {
      if (blank(command.reason)) return refuse({ code: 'reason_required' });
      // The work is owed again, on a fresh done clock; the first clocks keep their record.
      const fresh = clocksFor(policy, request.category, request.urgency, now).filter(
        (c) => c.kind === 'done',
      );
      const kept = request.clocks.filter((c) => c.metAt !== null);
      return to(
        request.assigneeUserId ? 'assigned' : 'queued',
        { doneAt: null, reopened: request.reopened + 1, clocks: [...kept, ...fresh] },
        command.reason,
      );
    }
    case 'rate':
      if (request.rating !== null) return refuse({ code: 'already_rated' });
      if (!Number.isInteger(command.rating) || command.rating < 1 || command.rating > 5)
        return refuse({ code: 'invalid_rating', rating: command.rating });
      return to(request.status, { rating: command.rating });
    case 'escalate': {
      const i = request.clocks.findLastIndex((c) => c.kind === command.clock && c.metAt === null);
      const clock = request.clocks[i];
      if (!clock) return refuse({ code: 'clock_met' });
      // The one schedule the workflow's timers follow too: each level in turn, at its instant.
      const next = nextEscalation(policy, clock);
      if (!next || next.level !== command.level) return refuse({ code: 'not_due', at: clock.dueAt });
      if (now < next.at) return refuse({ code: 'not_due', at: next.at });
      const clocks = request.clocks.map((c, j) => (j === i ? { ...c, escalation: command.level } : c));
      return to(request.status, { clocks });
    }
    case 'resolve_mass':
      return to(
        'done',
        { doneAt: now, clocks: meet(request.clocks, ['contain', 'done'], now) },
        command.note,
      );
    case 'close': {
      if (request.status === 'done') {
        const at = (request.doneAt ?? now) + policy.autoCloseMinutes * 60_000;
        if (now < at) return refuse({ code: 'silence_not_over', at });
      }
      return to('closed');
    }
  }
}

/** Which rule code each refusal maps to, and the field it names. */
export function describeDispatchRefusal(r: DispatchRefusal): {
  kind: 'forbidden' | 'wrong_state' | 'invalid';
  message: string;
  fields: string[];
} {
  switch (r.code) {
    case 'forbidden':
      return { kind: 'forbidden', message: `you may not ${r.action} this request`, fields: [] };
    case 'not_allowed_from_state':
      return {
        kind: 'wrong_state',
        message: `${r.action} is not allowed while the request is ${r.state}`,
        fields: [],
      };
    case 'triage_unconfirmed':
      return { kind: 'wrong_state', message: 'a dispatcher must confirm the triage first', fields: [] };
    case 'invalid_category':
      return { kind: 'invalid', message: 'unknown category', fields: ['category'] };
    case 'invalid_urgency':
      return { kind: 'invalid', message: 'unknown urgency', fields: ['urgency'] };
    case 'note_required':
      return { kind: 'invalid', message: 'say what was done', fields: ['note'] };
    case 'reason_required':
      return { kind: 'invalid', message: 'say why the work is not done', fields: ['reason'] };
    case 'invalid_rating':
      return { kind: 'invalid', message: 'a rating is a whole number from 1 to 5', fields: ['rating'] };
    case 'already_rated':
      return { kind: 'wrong_state', message: 'this request is already rated', fields: ['rating'] };
    case 'clock_met':
      return { kind: 'wrong_state', message: 'that clock was met', fields: [] };
    case 'not_due':
      return { kind: 'wrong_state', message: 'not due yet', fields: [] };
    case 'silence_not_over':
      return { kind: 'wrong_state', message: 'the resident may still answer', fields: [] };
  }
}
