// A new request as the rules first see it: its clocks from registration, and whether it goes
// straight to the technician on duty or to the dispatcher's queue.
import { clocksFor } from './deadlines.ts';
import type { DispatchPolicy } from './policy.ts';
import type { DispatchChannel, DispatchRequest, TriageRecord } from './types.ts';

export interface IntakeInput {
  id: string;
  number: string;
  organizationId: string;
  buildingId: string;
  apartmentId: string | null;
  residentUserId: string | null;
  residentPersonId: string | null;
  channel: DispatchChannel;
  text: string;
  call: { receivedAt: number; answeredAt: number } | null;
  massIncidentId: string | null;
  duplicateOf: string | null;
  /** The technician on duty for its category and building now, if any. */
  technicianUserId: string | null;
  byUserId: string | null;
}

export function registerRequest(
  policy: DispatchPolicy,
  input: IntakeInput,
  triage: TriageRecord,
  now: number,
): DispatchRequest {
  const category = triage.classification.category.value;
  const urgency = triage.classification.urgency.value;
  // An unsure triage, or nobody on duty for it, waits for a dispatcher; a member of a mass
  // incident is worked with the incident, not dispatched alone.
  const routed =
    !triage.needsConfirmation && input.technicianUserId !== null && input.massIncidentId === null;
  return {
    id: input.id,
    number: input.number,
    organizationId: input.organizationId,
    buildingId: input.buildingId,
    apartmentId: input.apartmentId,
    residentUserId: input.residentUserId,
    residentPersonId: input.residentPersonId,
    channel: input.channel,
    text: input.text,
    registeredAt: now,
    call: input.call,
    category,
    urgency,
    needsConfirmation: triage.needsConfirmation,
    status: routed ? 'assigned' : 'queued',
    assigneeUserId: routed ? input.technicianUserId : null,
    clocks: clocksFor(policy, category, urgency, now),
    doneAt: null,
    rating: null,
    reopened: 0,
    massIncidentId: input.massIncidentId,
    duplicateOf: input.duplicateOf,
    steps: [{ at: now, action: 'register', byUserId: input.byUserId }],
  };
}

/** Formats the organization's yearly sequence: 2026-000042. */
export const formatDispatchNumber = (year: number, seq: number): string =>
  `${year}-${String(seq).padStart(6, '0')}`;
