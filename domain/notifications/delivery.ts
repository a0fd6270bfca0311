// One message on one channel: its delivery state as a reducer over what the channel reports.
// Reports arrive late, twice and out of order (an SMS delivery report can overtake our own record
// of the send), so a report that changes nothing is accepted and changes nothing, and a terminal
// state is never left.
import { RuleError } from '../common/rule-error.ts';
import type { NotificationRuleCode } from './errors.ts';
import type { DeliveryState } from './types.ts';

export type DeliveryEvent =
  | { type: 'sent' }
  | { type: 'delivered' }
  | { type: 'failed'; reason: string }
  | { type: 'bounced'; reason: string };

/** From which states each report moves the message. */
export const DELIVERY_TRANSITIONS: Record<DeliveryEvent['type'], readonly DeliveryState[]> = {
  sent: ['queued'],
  delivered: ['queued', 'sent'],
  failed: ['queued', 'sent'],
  bounced: ['queued', 'sent', 'delivered'],
};

export const TERMINAL: readonly DeliveryState[] = ['delivered', 'failed', 'bounced'];

export interface DeliveryStep {
  state: DeliveryState;
  /** False when the report repeats what is known or comes after the end: record nothing. */
  changed: boolean;
}

/**
 * Whether a delivery's channel has had its chances: `tries` sends were started (this one
 * included) and the channel still says "later". The caller then records it failed.
 */
export const triesExhausted = (tries: number, maxTries: number): boolean => tries >= maxTries;

export function applyDeliveryEvent(state: DeliveryState, event: DeliveryEvent): DeliveryStep {
  if (state === event.type) return { state, changed: false };
  if (DELIVERY_TRANSITIONS[event.type].includes(state)) return { state: event.type, changed: true };
  // A late 'sent' after the report of delivery, or a report after failure, is old news.
  if (event.type === 'sent' || TERMINAL.includes(state)) return { state, changed: false };
  throw new RuleError<NotificationRuleCode>('wrong_state', `A ${state} message cannot become ${event.type}`);
}
