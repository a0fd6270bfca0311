// Which channels a message goes by, and when a legal notice moves on to the next one.
//
// A non-legal message goes once, by the first channel of the person's order that reaches them,
// and not at all to a person who opted out. A legal notice goes by the person's order and then
// every other channel that reaches them (the law wants the owner told, not the owner's taste
// respected); a channel that fails, or gives no proof of delivery within the policy's time, hands
// over to the next; when none is left the owner goes on the building's printable list.
import type { NotificationPolicy } from './policy.ts';
import {
  CHANNELS,
  type Channel,
  type Contacts,
  type DeliveryState,
  isLegal,
  type MessageKind,
  type Preferences,
} from './types.ts';

export const reaches = (contacts: Contacts, channel: Channel): boolean => {
  if (contacts.unreachable.includes(channel)) return false;
  if (channel === 'email') return contacts.email !== null;
  if (channel === 'sms') return contacts.phone !== null;
  return contacts.telegramChatId !== null;
};

export type Route = { channels: Channel[] } | { channels: []; skipped: 'opted_out' | 'unreachable' };

export function routeFor(
  policy: NotificationPolicy,
  kind: MessageKind,
  prefs: Preferences | null,
  contacts: Contacts,
): Route {
  const order = prefs?.order.length ? prefs.order : policy.defaultOrder;
  if (!isLegal(kind)) {
    if (prefs?.optOut) return { channels: [], skipped: 'opted_out' };
    const first = order.find((c) => reaches(contacts, c));
    return first ? { channels: [first] } : { channels: [], skipped: 'unreachable' };
  }
  const all = [...order, ...policy.defaultOrder, ...CHANNELS];
  const channels = [...new Set(all)].filter((c) => reaches(contacts, c));
  return channels.length ? { channels } : { channels: [], skipped: 'unreachable' };
}

/** One channel's attempt at a message, as recorded. */
export interface Attempt {
  channel: Channel;
  state: DeliveryState;
  /** When the attempt was queued: the fallback time counts from here. */
  queuedAt: Date;
}

export type NextStep =
  | { kind: 'done' }
  | { kind: 'wait'; until: Date }
  | { kind: 'send'; channel: Channel }
  /** Every channel tried or none reaches: the building's printable list. */
  | { kind: 'print' }
  /** A non-legal message that did not get through: nothing more is owed. */
  | { kind: 'give_up' };

/** Proof that the person got it: a delivery report, or for mail, acceptance unless it bounced. */
export function isDelivered(policy: NotificationPolicy, a: Attempt): boolean {
  if (a.state === 'delivered') return true;
  return a.channel === 'email' && a.state === 'sent' && policy.mailAcceptedIsDelivered;
}

/**
 * What to do next for one message, given its route (in order) and its attempts so far. Pure: the
 * sweep calls it with the stored attempts and its own `now`.
 */
export function nextStep(
  policy: NotificationPolicy,
  kind: MessageKind,
  route: Channel[],
  attempts: Attempt[],
  now: Date,
): NextStep {
  if (attempts.some((a) => isDelivered(policy, a))) return { kind: 'done' };
  const last = attempts.at(-1);
  const tried = new Set(attempts.map((a) => a.channel));
  const next = route.find((c) => !tried.has(c));
  if (!last)
    return next ? { kind: 'send', channel: next } : isLegal(kind) ? { kind: 'print' } : { kind: 'give_up' };
  const settled = last.state === 'failed' || last.state === 'bounced';
  if (!settled) {
    const until = new Date(last.queuedAt.getTime() + policy.fallbackAfterMinutes[last.channel] * 60_000);
    if (!isLegal(kind) || now < until) return isLegal(kind) ? { kind: 'wait', until } : { kind: 'done' };
  }
  if (!isLegal(kind)) return { kind: 'give_up' };
  return next ? { kind: 'send', channel: next } : { kind: 'print' };
}
