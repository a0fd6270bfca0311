// The dispatch request as the rules see it: its triage, where it is in the work, and its clocks.
import type { Classification, DispatchCategory, Urgency } from './triage.ts';

export const DISPATCH_STATUSES = [
  'registered',
  'queued',
  'assigned',
  'accepted',
  'on_the_way',
  'on_site',
  'contained',
  'done',
  'confirmed',
  'closed',
] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/** Statuses in which the work is still owed: the clocks run and the board shows them. */
export const OPEN_DISPATCH_STATUSES: readonly DispatchStatus[] = [
  'registered',
  'queued',
  'assigned',
  'accepted',
  'on_the_way',
  'on_site',
  'contained',
];

export const DISPATCH_CHANNELS = ['app', 'phone'] as const;
export type DispatchChannel = (typeof DISPATCH_CHANNELS)[number];

export const CLOCK_KINDS = ['contain', 'done'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** One legal or policy time: when it started and is due, when it was met, how far its breach went. */
export interface Clock {
  kind: ClockKind;
  startsAt: number;
  dueAt: number;
  metAt: number | null;
  /** 0 none, 1 the organization's chief engineer was told, 2 the district inspection was told. */
  escalation: 0 | 1 | 2;
}

/** What the model and the emergency rules said, as stored with the request. */
export interface TriageRecord {
  modelVersion: string;
  classification: Classification;
  /** The emergency rule that raised the urgency before the model, if any. */
  ruleFired: string | null;
  needsConfirmation: boolean;
}

export interface DispatchStep {
  at: number;
  action: string;
  byUserId: string | null;
  note?: string;
}

export interface DispatchRequest {
  id: string;
  number: string;
  organizationId: string;
  buildingId: string;
  apartmentId: string | null;
  residentUserId: string | null;
  residentPersonId: string | null;
  channel: DispatchChannel;
  text: string;
  registeredAt: number;
  /** A phone call: when it rang, when a dispatcher answered it, and the number to call back. */
  call: { receivedAt: number; answeredAt: number; callerPhone?: string } | null;
  category: DispatchCategory;
  urgency: Urgency;
  /** A dispatcher must confirm the triage before it is routed. */
  needsConfirmation: boolean;
  status: DispatchStatus;
  assigneeUserId: string | null;
  clocks: Clock[];
  doneAt: number | null;
  rating: number | null;
  reopened: number;
  massIncidentId: string | null;
  duplicateOf: string | null;
  steps: DispatchStep[];
}

/**
 * How long after it rang a phone call may still be entered: a 24-hour service's longest shift. A
 * ring days (or, mistyped, centuries) old would only falsify the answer figures measured on it.
 */
export const CALL_ENTRY_HOURS = 24;
