// The clocks of a request by its category and urgency, the reminders before them and the
// escalations after them: pure arithmetic on instants (ms), counted round the clock, because a
// dispatch service works 24/7 and knows no days off.
import { type DispatchPolicy, MINUTE_MS } from './policy.ts';
import type { DispatchCategory, Urgency } from './triage.ts';
import type { Clock } from './types.ts';

/** Minutes to contain the request, or null when nothing is to be contained. */
export function containMinutes(policy: DispatchPolicy, urgency: Urgency): number | null {
  return urgency === 'emergency' ? policy.containEmergencyMinutes : null;
}

/** Minutes to finish the work. */
export function doneMinutes(policy: DispatchPolicy, category: DispatchCategory, urgency: Urgency): number {
  if (category === 'sewerage' && urgency !== 'routine') return policy.sewerBlockageMinutes;
  if (urgency === 'routine') return policy.routineDays * 24 * 60;
  // An emergency, once contained, is finished on the urgent clock.
  return policy.urgentMinutes;
}

/** The clocks that run from `startsAt` (registration, or a reopening). */
export function clocksFor(
  policy: DispatchPolicy,
  category: DispatchCategory,
  urgency: Urgency,
  startsAt: number,
): Clock[] {
  const clocks: Clock[] = [];
  const contain = containMinutes(policy, urgency);
  if (contain !== null)
    clocks.push({
      kind: 'contain',
      startsAt,
      dueAt: startsAt + contain * MINUTE_MS,
      metAt: null,
      escalation: 0,
    });
  const done = doneMinutes(policy, category, urgency);
  clocks.push({ kind: 'done', startsAt, dueAt: startsAt + done * MINUTE_MS, metAt: null, escalation: 0 });
  return clocks;
}

/** Instants at which the assignee is reminded of an unmet clock, earliest first. */
export function reminderInstants(policy: DispatchPolicy, clock: Clock): number[] {
  if (clock.metAt !== null) return [];
  const span = clock.dueAt - clock.startsAt;
  return [...new Set(policy.reminderShareLeft.map((s) => Math.round(clock.dueAt - s * span)))]
    .filter((t) => t > clock.startsAt && t < clock.dueAt)
    .sort((a, b) => a - b);
}

/** When an unmet clock escalates next (chief engineer at the breach, inspection later), or null. */
export function nextEscalation(policy: DispatchPolicy, clock: Clock): { level: 1 | 2; at: number } | null {
  if (clock.metAt !== null) return null;
  if (clock.escalation === 0) return { level: 1, at: clock.dueAt };
  if (clock.escalation === 1)
    return { level: 2, at: clock.dueAt + policy.inspectionAfterMinutes * MINUTE_MS };
  return null;
}

/** How a call was answered against the 5-minute rule and the 10-minute call back. */
export function callAnswer(
  policy: DispatchPolicy,
  call: { receivedAt: number; answeredAt: number },
): 'in_time' | 'called_back' | 'late' {
  const waited = call.answeredAt - call.receivedAt;
  if (waited <= policy.answerMinutes * MINUTE_MS) return 'in_time';
  if (waited <= policy.callBackMinutes * MINUTE_MS) return 'called_back';
  return 'late';
}
