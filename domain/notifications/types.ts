// The vocabulary of notifications: the channels a person can be reached by, the kinds of message
// capabilities send, and the states one message on one channel goes through. Widgets import it.
import type { Language } from '../common/language.ts';

export const CHANNELS = ['email', 'telegram', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Legal kinds are the notices a law requires to reach the owner (a general meeting's notice, a
 * debt claim before court, a suspension of a service): a person cannot opt out of them, they fall
 * back to the next channel when undelivered, and an owner no channel reaches is printed on the
 * building's list.
 */
export const MESSAGE_KINDS = {
  meeting_notice: { legal: true },
  debt_claim: { legal: true },
  suspension_notice: { legal: true },
  meeting_reminder: { legal: false },
  meeting_result: { legal: false },
  receipt: { legal: false },
  appeal_update: { legal: false },
  contract_update: { legal: false },
  commissioning_update: { legal: false },
  dispatch_update: { legal: false },
  // The register's removal of an organization (to its staff, its councils' and its buildings'
  // owners), a quarterly report's reminder and a registry check's findings (to the people who act
  // for the organization): none is a notice the law requires to reach each owner.
  register_notice: { legal: false },
  report_reminder: { legal: false },
  registry_notice: { legal: false },
  /** a lot's management organization chosen or appointed, to the owners of its buildings */
  lot_update: { legal: false },
  test: { legal: false },
  // A voter's receipt of a cast ballot (its tracker), by the voter's channels.
  ballot_receipt: { legal: false },
} as const satisfies Record<string, { legal: boolean }>;
export type MessageKind = keyof typeof MESSAGE_KINDS;
export const MESSAGE_KIND_NAMES = Object.keys(MESSAGE_KINDS) as MessageKind[];

export const isLegal = (kind: MessageKind): boolean => MESSAGE_KINDS[kind].legal;

export const DELIVERY_STATES = ['queued', 'sent', 'delivered', 'failed', 'bounced'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What a person chose. */
export interface Preferences {
  /** Channels in the order to try; a channel not listed is used only for legal notices. */
  order: Channel[];
  language: Language;
  /** Out of every non-legal message; legal notices still come. */
  optOut: boolean;
}

/** Where a person can be reached: only verified addresses, and what the channels told us since. */
export interface Contacts {
  email: string | null;
  /** +998XXXXXXXXX, verified. */
  phone: string | null;
  telegramChatId: string | null;
  /** Channels that told us the person cannot be reached there (a blocked bot, a dead number). */
  unreachable: Channel[];
}

/** A message's text in the person's language, the same content on every channel. */
export interface MessageText {
  subject: string;
  body: string;
  /** The portal link that opens the object, if any. */
  link?: string;
  /** Mail only: the same message as HTML (Telegram and SMS send subject, body and link). */
  html?: string;
  /**
   * Mail only: the plain text exactly as the sender's mail template wrote it (its link already
   * in it); without it the mail's text is the body and the link.
   */
  text?: string;
  /** Mail only: files that go with it, e.g. a meeting's calendar entry. */
  attachments?: MessageAttachment[];
}

export interface MessageAttachment {
  filename: string;
  contentType?: string;
  /** base64 */
  content: string;
}
