// Notifications. A mailing is what a capability asked to send (a meeting's notices, a month's
// receipts); a message is one person's part of it; a delivery is that message on one channel,
// keyed once per message and channel so a retry or a restart never sends it twice; its events are
// the append-only history of what each channel reported.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { LANGUAGES, type Language } from '../../domain/common/language.ts';
import {
  CHANNELS,
  type Channel,
  DELIVERY_STATES,
  MESSAGE_KIND_NAMES,
  type MessageText,
} from '../../domain/notifications/types.ts';
import { appendOnly } from '../append-only.ts';
import { id, KEEP, now } from '../columns.ts';
import { Building, ManagementOrganization, Person } from '../registry/entities.ts';

/** A person's choices and the channels they proved are theirs. No row: the defaults, registry mail. */
export const NotificationPreference = defineEntity({
  name: 'NotificationPreference',
  tableName: 'notification_preference',
  properties: {
    person: () => p.oneToOne(Person).primary().deleteRule(KEEP).updateRule(KEEP),
    channelOrder: p.json<Channel[]>(),
    language: p.enum(LANGUAGES),
    optOut: p.boolean().default(false),
    /** +998XXXXXXXXX as the person gave it; unset, the registry's number is not used for SMS. */
    phone: p.string().length(13).nullable().check("phone ~ '^\\+998[0-9]{9}$'"),
    /** When the person typed the code sent to `phone`; until then no SMS notice goes to it. */
    phoneVerifiedAt: p.datetime().nullable(),
    /** The chat the bot talks to, set when the person opened the bot with their link code. */
    telegramChatId: p.string().length(32).nullable().unique(),
    /** Channels that told us the person is not there (a blocked bot, a dead number). */
    unreachable: p.json<Channel[]>(),
    /** The write that set this, so a repeated PUT with the same key is the same request. */
    idempotencyKey: p.string().nullable(),
    /** The hash of that write's body: the same key with another body is a conflict, not a write. */
    requestSha256: p.string().length(64).nullable(),
    updatedAt: p.datetime().onCreate(now).onUpdate(now),
  },
});

/** `/start <code>`: one-time and short-lived, so a code seen by someone else soon means nothing. */
export const TelegramLinkCode = defineEntity({
  name: 'TelegramLinkCode',
  tableName: 'telegram_link_code',
  properties: {
    code: p.string().length(24).primary(),
    person: () => p.manyToOne(Person).deleteRule('cascade').index(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(now),
  },
});

/**
 * A code sent by SMS to prove a number is the person's. Only its salted hash is kept; the newest
 * sent code of a person is the one a typed code is checked against.
 */
export const PhoneVerification = defineEntity({
  name: 'PhoneVerification',
  tableName: 'phone_verification',
  indexes: [{ properties: ['person', 'createdAt'] }, { properties: ['phone', 'createdAt'] }],
  properties: {
    id: id(),
    person: () => p.manyToOne(Person).deleteRule('cascade'),
    phone: p.string().length(13),
    /** sha256 of `<id>:<code>`, hex. */
    codeSha256: p.string().length(64),
    expiresAt: p.datetime(),
    /** Wrong codes typed so far. */
    attempts: p.integer().default(0),
    /** When the gateway accepted the SMS; null while it was not (a retry sends a new code). */
    sentAt: p.datetime().nullable(),
    verifiedAt: p.datetime().nullable(),
    /** `<person>:<Idempotency-Key>`: the same request sends no second SMS. */
    idempotencyKey: p.string().unique(),
    requestSha256: p.string().length(64),
    createdAt: p.datetime().onCreate(now),
  },
});

export const NotificationMailing = defineEntity({
  name: 'NotificationMailing',
  tableName: 'notification_mailing',
  indexes: [{ properties: ['organization', 'createdAt'] }],
  properties: {
    id: id(),
    kind: p.enum(MESSAGE_KIND_NAMES),
    /** Who sent it: the organization sees its mailings' reports. */
    organization: () => p.manyToOne(ManagementOrganization).deleteRule(KEEP).updateRule(KEEP).nullable(),
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP).nullable(),
    /** The same text for everyone, in each language; a message may carry its own instead. */
    texts: p.json<Record<Language, MessageText>>(),
    idempotencyKey: p.string().unique(),
    createdAt: p.datetime().onCreate(now),
  },
});

export const MESSAGE_STATUSES = ['pending', 'done', 'printed', 'skipped', 'given_up'] as const;

export const NotificationMessage = defineEntity({
  name: 'NotificationMessage',
  tableName: 'notification_message',
  uniques: [{ properties: ['mailing', 'person'] }],
  indexes: [
    // The sweep's claim: pending messages whose next look is due.
    { properties: ['status', 'nextCheckAt'] },
    { properties: ['building', 'status'] },
    { properties: ['person', 'createdAt'] },
  ],
  properties: {
    id: id(),
    mailing: () => p.manyToOne(NotificationMailing).deleteRule(KEEP).updateRule(KEEP),
    person: () => p.manyToOne(Person).deleteRule(KEEP).updateRule(KEEP),
    /** The recipient's building: the printable list is per building. */
    building: () => p.manyToOne(Building).deleteRule(KEEP).updateRule(KEEP).nullable(),
    /** The apartment(s) the owner is listed under on the printable list. */
    place: p.string().length(64).nullable(),
    kind: p.enum(MESSAGE_KIND_NAMES),
    texts: p.json<Record<Language, MessageText>>().nullable(),
    /** Fixed at the first look, so a preference changed later does not reorder a notice in flight. */
    route: p.json<Channel[]>().nullable(),
    language: p.enum(LANGUAGES).nullable(),
    status: p.enum(MESSAGE_STATUSES).default('pending'),
    /** Why nothing was sent: opted_out or unreachable. */
    skipped: p.string().length(16).nullable(),
    nextCheckAt: p.datetime(),
    createdAt: p.datetime().onCreate(now),
    settledAt: p.datetime().nullable(),
  },
});

export const NotificationDelivery = defineEntity({
  name: 'NotificationDelivery',
  tableName: 'notification_delivery',
  uniques: [{ properties: ['message', 'channel'] }],
  indexes: [{ properties: ['state', 'notBefore'] }],
  properties: {
    id: id(),
    message: () => p.manyToOne(NotificationMessage).deleteRule(KEEP).updateRule(KEEP),
    channel: p.enum(CHANNELS),
    /** `<message id>:<channel>`: the mail outbox's key, the SMS gateway's message id. */
    outboxKey: p.string().length(64).unique(),
    /** The address it went to: a chat id, +998…, an email address. */
    address: p.string(),
    state: p.enum(DELIVERY_STATES).default('queued'),
    /** Not before this (a Telegram 429's retry_after, a gateway that was down). */
    notBefore: p.datetime(),
    /** A dispatcher holds the row until then; a crashed one's rows are taken again after it. */
    leaseUntil: p.datetime().nullable(),
    tries: p.integer().default(0),
    /** The channel's own id: Telegram message id, the gateway's SMS id, the Message-ID. */
    providerId: p.string().nullable(),
    error: p.text().nullable(),
    queuedAt: p.datetime().onCreate(now),
    sentAt: p.datetime().nullable(),
    settledAt: p.datetime().nullable(),
  },
});

export const NotificationDeliveryEvent = defineEntity({
  name: 'NotificationDeliveryEvent',
  tableName: 'notification_delivery_event',
  indexes: [{ properties: ['delivery', 'at'] }],
  triggers: [appendOnly('notification_delivery_event', 'delivery history')],
  properties: {
    id: id(),
    delivery: () => p.manyToOne(NotificationDelivery).deleteRule(KEEP).updateRule(KEEP),
    state: p.enum(DELIVERY_STATES),
    detail: p.text().nullable(),
    at: p.datetime().onCreate(now),
  },
});

export const notificationEntities = [
  NotificationPreference,
  TelegramLinkCode,
  PhoneVerification,
  NotificationMailing,
  NotificationMessage,
  NotificationDelivery,
  NotificationDeliveryEvent,
];

export type INotificationPreference = InferEntity<typeof NotificationPreference>;
