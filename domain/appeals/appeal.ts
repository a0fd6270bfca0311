// An appeal as the rules see it: the view plus what deciding needs (the applicant, the building's
// bodies, the running term). Submission is the one act that creates it; status.ts moves it on.
import type { Principal } from '../access/roles.ts';
import type { Actor } from '../common/actor.ts';
import { answerDeadline, registrationDay } from './deadlines.ts';
import type { AppealPolicy } from './policy.ts';
import { type RoutableBuilding, route } from './routing.ts';
import type {
  AppealCategory,
  AppealKind,
  AppealSubject,
  AppealView,
  BodyRef,
  TimelineActor,
} from './types.ts';
import { OPEN_STATUSES } from './types.ts';

export interface Appeal extends AppealView {
  applicantPersonId: string;
  /** The bodies of the building at submission; later levels are found here. */
  building: RoutableBuilding;
  /** When the current body received the appeal: its forwarding term counts from here. */
  bodyReceivedAt: number;
  /** Whether the term is the longer one for additional study. */
  study: boolean;
  /** Extensions granted in the current body's consideration. */
  extensions: number;
  /** Bodies that follow the appeal without answering it, e.g. the council after escalation. */
  observers: BodyRef[];
}

export interface AppealInput {
  id: string;
  registrationNumber: string;
  category: AppealCategory;
  kind: AppealKind;
  subject: AppealSubject;
  text: string;
  building: RoutableBuilding;
  study?: boolean;
}

export type SubmitRefusal = { code: 'forbidden'; action: 'submit' } | { code: 'text_required' };

export const timelineActor = (actor: Actor): TimelineActor =>
  actor.kind === 'system'
    ? { kind: 'system' }
    : { kind: 'user', userId: actor.principal.userId, name: actor.principal.name };

/**
 * Registration may not be refused [law, art. 23]; what is refused here is only what is not an
 * appeal of this platform: an applicant who is not an identified resident (anonymous appeals are
 * not considered, art. 29) or one without text.
 */
export function submitAppeal(
  policy: AppealPolicy,
  input: AppealInput,
  actor: Actor,
  now: number,
): { ok: true; appeal: Appeal } | { ok: false; refusal: SubmitRefusal } {
  if (actor.kind !== 'user' || !actor.principal.roles.includes('resident') || !actor.principal.personId) {
    return { ok: false, refusal: { code: 'forbidden', action: 'submit' } };
  }
  if (input.text.trim() === '') return { ok: false, refusal: { code: 'text_required' } };
  const study = input.study ?? false;
  const due = answerDeadline(policy, input.kind, now, study);
  const responsible = route(input.category, input.building);
  return {
    ok: true,
    appeal: {
      id: input.id,
      registrationNumber: input.registrationNumber,
      category: input.category,
      kind: input.kind,
      subject: input.subject,
      text: input.text,
      status: 'registered',
      level: responsible.kind,
      responsible,
      receivedAt: now,
      registeredOn: registrationDay(policy, now),
      dueLastDay: due.lastDay,
      dueAt: due.endsAt,
      extended: false,
      timeline: [{ at: now, action: 'submit', actor: timelineActor(actor), responsible }],
      applicantPersonId: actor.principal.personId,
      building: input.building,
      bodyReceivedAt: now,
      study,
      extensions: 0,
      observers: [],
    },
  };
}

/** 'YYYY-NNNNNN': the registration year and a yearly sequence the database keeps. */
export const formatRegistrationNumber = (registeredOn: string, sequence: number): string =>
  `${registeredOn.slice(0, 4)}-${String(sequence).padStart(6, '0')}`;

const sameBody = (a: BodyRef, b: BodyRef) => a.kind === b.kind && a.id === b.id;

/** Whether a principal acts for a body: organization staff by id, councils and inspectors by district. */
export function actsFor(p: Principal, body: BodyRef): boolean {
  if (body.kind === 'management_organization') {
    return p.roles.includes('management_company') && p.organizationId === body.id;
  }
  if (body.kind === 'council') return p.roles.includes('council') && p.districtId === body.id;
  if (body.kind === 'inspection') return p.roles.includes('inspector') && p.districtId === body.id;
  return false;
}

export const isApplicant = (p: Principal, appeal: Appeal): boolean =>
  p.roles.includes('resident') && p.personId !== null && p.personId === appeal.applicantPersonId;

/**
 * The applicant, the responsible body, the observers and admins see the appeal; so do the council
 * and the inspection of the building's district, which follow every appeal there.
 */
export function canView(p: Principal, appeal: Appeal): boolean {
  if (p.roles.includes('admin') || isApplicant(p, appeal)) return true;
  const district = p.roles.includes('council') || p.roles.includes('inspector');
  if (district && p.districtId !== null && p.districtId === appeal.building.district.id) return true;
  return [appeal.responsible, ...appeal.observers].some((b) => actsFor(p, b));
}

export const addObserver = (observers: BodyRef[], body: BodyRef): BodyRef[] =>
  observers.some((o) => sameBody(o, body)) ? observers : [...observers, body];

export { sameBody };

/** The one timer the workflow should hold: escalation while open, closing after an answer. */
export function pendingTimer(appeal: Appeal): { action: 'escalate' | 'close'; at: number } | null {
  if (appeal.status === 'answered' && appeal.answer)
    return { action: 'close', at: appeal.answer.disputeEndsAt };
  if (OPEN_STATUSES.includes(appeal.status) && appeal.level !== 'inspection') {
    return { action: 'escalate', at: appeal.dueAt };
  }
  return null;
}
