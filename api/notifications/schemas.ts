import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../../domain/common/language.ts';
import { UZ_PHONE_PATTERN } from '../../domain/common/phone.ts';
import { CHANNELS, DELIVERY_STATES } from '../../domain/notifications/types.ts';

const Channel = z.enum(CHANNELS);

export const PreferencesSchema = z
  .object({
    order: z.array(Channel),
    language: z.enum(LANGUAGES),
    optOut: z.boolean(),
    phone: z.string().nullable(),
    /** The code sent to `phone` was typed: only then do SMS notices go to it. */
    phoneVerified: z.boolean(),
    email: z.string().nullable(),
    telegramLinked: z.boolean(),
    unreachable: z.array(Channel),
  })
  .openapi('NotificationPreferences');

export const PreferencesInputSchema = z
  .object({
    order: z
      .array(Channel)
      .max(CHANNELS.length)
      .refine((a) => new Set(a).size === a.length, 'each channel at most once'),
    language: z.enum(LANGUAGES),
    optOut: z.boolean(),
    /** +998 and nine digits; spaces and dashes are taken. */
    phone: z.string().max(32).nullable(),
  })
  .openapi('NotificationPreferencesInput');

export const PhoneCodeRequestSchema = z
  .object({
    /** +998 and nine digits; spaces and dashes are taken. */
    phone: z.string().max(32),
  })
  .openapi('PhoneCodeRequest');

export const PhoneCodeSentSchema = z
  .object({
    /** The number, its middle digits hidden. */
    phone: z.string(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('PhoneCodeSent');

export const PhoneCodeInputSchema = z
  .object({ code: z.string().regex(/^\d{6}$/, 'six digits') })
  .openapi('PhoneCodeInput');

export const LinkSchema = z
  .object({ url: z.url(), code: z.string(), expiresAt: z.iso.datetime() })
  .openapi('TelegramLink');

export const SmsReportSchema = z
  .object({
    id: z.string().min(1).max(64),
    gateway_id: z.string().optional(),
    status: z.enum(['delivered', 'failed']),
    error: z.string().max(500).optional(),
  })
  .openapi('SmsDeliveryReport');

const Counts = z.record(z.string(), z.number().int());
export const MailingReportSchema = z
  .object({
    mailingId: z.uuid(),
    kind: z.string(),
    organizationId: z.uuid().nullable(),
    buildingId: z.uuid().nullable(),
    messages: z.number().int(),
    byStatus: Counts,
    byChannel: z.record(Channel, z.partialRecord(z.enum(DELIVERY_STATES), z.number().int())),
  })
  .openapi('MailingReport');

export { UZ_PHONE_PATTERN };

/** The language the list is written in (else Accept-Language, else Uzbek). */
export const BoardQuery = z.object({ lang: z.enum(LANGUAGES).optional() });

export const NoticeBoardSchema = z
  .object({
    buildingId: z.uuid(),
    address: z.string(),
    language: z.enum(LANGUAGES),
    sections: z.array(
      z.object({
        mailingId: z.uuid(),
        title: z.string(),
        /** Tashkent day, DD.MM.YYYY. */
        day: z.string(),
        lines: z.array(z.object({ place: z.string(), initials: z.string() })),
      }),
    ),
  })
  .openapi('UnreachableOwners');

export const TestMessageSchema = z.object({ mailingId: z.uuid(), channel: Channel }).openapi('TestMessage');
