// The appeals vocabulary shared by the database, the API, the workflows and the widgets.
// Pure types and constants only: widgets import this file into the browser bundle.

/** Equal in weight; only the term differs. [law, arts. 3–5 and 28] */
export const APPEAL_KINDS = ['application', 'complaint', 'proposal'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

export const APPEAL_CATEGORIES = [
  'maintenance',
  'cleaning',
  'heating',
  'water',
  'lift',
  'dispatch',
  'management_fees',
  'meeting_procedure',
  'contract',
  'common_property',
  'building_safety',
  'other',
] as const;
export type AppealCategory = (typeof APPEAL_CATEGORIES)[number];

/** The bodies that consider appeals on the platform, lowest first: a dispute climbs one level. */
export const APPEAL_LEVELS = ['management_organization', 'council', 'inspection'] as const;
export type AppealLevel = (typeof APPEAL_LEVELS)[number];

/** `other_body`: a competent body outside the platform (a utility, the police) an appeal is forwarded to. */
export type BodyKind = AppealLevel | 'other_body';

/**
 * Councils and inspections are identified by their district, since their staff are scoped by
 * district; a management organization by its own id.
 */
export interface BodyRef {
  kind: BodyKind;
  id: string;
  name: string;
}

/**
 * registered: received and registered, awaiting acceptance; in_progress: accepted by the
 * responsible body; answered: awaiting the applicant's acceptance or dispute; reopened: disputed
 * and registered anew at the next level; escalated: left unanswered past the deadline and handed
 * to the territorial inspection; transferred: forwarded to a body outside the platform; closed.
 */
export const APPEAL_STATUSES = [
  'registered',
  'in_progress',
  'answered',
  'reopened',
  'escalated',
  'transferred',
  'closed',
] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const OPEN_STATUSES: readonly AppealStatus[] = ['registered', 'in_progress', 'reopened', 'escalated'];

export interface AppealSubject {
  buildingId: string;
  apartmentId?: string;
  organizationId?: string;
}

export type TimelineActor = { kind: 'system' } | { kind: 'user'; userId: string; name: string };

export interface TimelineEvent {
  /** Epoch milliseconds. */
  at: number;
  action: string;
  actor: TimelineActor;
  /** The body responsible after the event. */
  responsible: BodyRef;
  /** Justification, reason or answer excerpt, as the action carries. */
  note?: string;
}

export interface AppealAnswer {
  text: string;
  answeredAt: number;
  by: { userId: string; name: string };
  /** The applicant may dispute until this instant. */
  disputeEndsAt: number;
}

export interface AppealView {
  id: string;
  registrationNumber: string;
  category: AppealCategory;
  kind: AppealKind;
  subject: AppealSubject;
  text: string;
  status: AppealStatus;
  level: AppealLevel;
  responsible: BodyRef;
  /** Epoch milliseconds of receipt; the terms count from the Tashkent day after it. */
  receivedAt: number;
  /** 'YYYY-MM-DD' in Tashkent. */
  registeredOn: string;
  dueLastDay: string;
  /** The first instant at which the appeal is overdue. */
  dueAt: number;
  extended: boolean;
  transferredFrom?: BodyRef;
  answer?: AppealAnswer;
  rating?: number;
  timeline: TimelineEvent[];
}
