// The notification policy as data (docs/domain/notifications.md). Every value is a default a
// deployment overrides with NOTIFICATIONS_POLICY; the tag says where it comes from. Durations are
// in minutes so drills and tests can shorten them to seconds (fractions are allowed).
import type { Channel } from './types.ts';

export interface TelegramLimits {
  /** Messages a second a bot may send overall. [provider: Bot API limits] about 30 */
  perSecond: number;
  /** Messages a second to one chat. [provider: Bot API limits] 1 */
  perChatPerSecond: number;
}

export interface NotificationPolicy {
  /**
   * How long a legal notice waits on one channel for proof of delivery before the next channel is
   * tried. [design] Telegram answers at once, SMS delivery reports come within minutes, mail gives
   * no proof at all: a day each, so a notice has gone every way within three days of the 10-day
   * meeting notice term.
   */
  fallbackAfterMinutes: Record<Channel, number>;
  /**
   * Mail accepted by the receiving server counts as delivered unless it bounces: SMTP gives no
   * other proof. [design] true
   */
  mailAcceptedIsDelivered: boolean;
  /** The order for a person who chose none. [design] Telegram, SMS, email: where residents are */
  defaultOrder: Channel[];
  /** Longest SMS, in segments; a longer text is cut and ends with the link. [design] 3 */
  smsMaxSegments: number;
  /** A Telegram link code works once, for this long. [design] 30 minutes */
  linkCodeMinutes: number;
  /** A phone code sent by SMS works for this long. [design] 10 minutes */
  phoneCodeMinutes: number;
  /** Wrong codes before a phone code stops working and a new one must be asked for. [design] 5 */
  phoneCodeAttempts: number;
  /**
   * Codes sent an hour to one person, and to one number whoever asks: SMS cost money and a
   * stranger's number must not be flooded. [design] 3
   */
  phoneCodesPerHour: number;
  telegram: TelegramLimits;
  /** Messages claimed per pass of the dispatcher. [design] 100 */
  batchSize: number;
  /**
   * Sends of one Telegram or SMS delivery that the channel answered "later" (a gateway down, a
   * 429) or that a dead dispatcher left leased, before the delivery counts as failed and a legal
   * notice falls back to the next channel. [design] 20: a gateway down for hours is a failure
   */
  maxTries: number;
}

export const DEFAULT_NOTIFICATION_POLICY: NotificationPolicy = {
  fallbackAfterMinutes: { telegram: 24 * 60, sms: 24 * 60, email: 24 * 60 },
  mailAcceptedIsDelivered: true,
  defaultOrder: ['telegram', 'sms', 'email'],
  smsMaxSegments: 3,
  linkCodeMinutes: 30,
  phoneCodeMinutes: 10,
  phoneCodeAttempts: 5,
  phoneCodesPerHour: 3,
  telegram: { perSecond: 30, perChatPerSecond: 1 },
  batchSize: 100,
  maxTries: 20,
};

export type NotificationPolicyOverrides = Partial<
  Omit<NotificationPolicy, 'fallbackAfterMinutes' | 'telegram'>
> & {
  fallbackAfterMinutes?: Partial<Record<Channel, number>>;
  telegram?: Partial<TelegramLimits>;
};

export function resolveNotificationPolicy(
  ...layers: (NotificationPolicyOverrides | undefined)[]
): NotificationPolicy {
  let policy = DEFAULT_NOTIFICATION_POLICY;
  for (const layer of layers) {
    if (!layer) continue;
    policy = {
      ...policy,
      ...layer,
      fallbackAfterMinutes: { ...policy.fallbackAfterMinutes, ...layer.fallbackAfterMinutes },
      telegram: { ...policy.telegram, ...layer.telegram },
    };
  }
  return policy;
}
