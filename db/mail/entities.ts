// The mail outbox, beside the mail code that writes it (activities/mail/send-mail.ts) and sends
// what is left pending (the outbox dispatcher). Every capability's mail goes through it.
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { id, now } from '../columns.ts';

export interface MailAttachment {
  filename: string;
  contentType?: string;
  /** base64 */
  content: string;
}

/**
 * SMTP cannot deduplicate, so each send is first claimed here under a key derived from the
 * workflow id and activity; a retried activity finds the row and does not send twice.
 *
 * The outbox dispatcher claims pending rows in batches under a lease (`leaseUntil`, `leaseToken`)
 * instead of holding row locks while SMTP answers: a sender that crashes leaves rows whose lease
 * runs out, and the next pass sends them. A live lease also keeps sendMailOnce from sending a row
 * the dispatcher has in flight.
 */
export const MailOutbox = defineEntity({
  name: 'MailOutbox',
  tableName: 'mail_outbox',
  indexes: [{ properties: ['status', 'createdAt'] }],
  properties: {
    id: id(),
    idempotencyKey: p.string().unique(),
    /** One address or a comma-separated list, as nodemailer takes it. */
    to: p.text(),
    subject: p.string(),
    text: p.text(),
    html: p.text().nullable(),
    attachments: p.json<MailAttachment[]>().nullable(),
    status: p.enum(['pending', 'sent', 'failed'] as const).default('pending'),
    messageId: p.string().nullable(),
    createdAt: p.datetime().onCreate(now),
    sentAt: p.datetime().nullable(),
    error: p.text().nullable(),
    /** A dispatcher's claim: until then nobody else sends the row; a lapsed lease is free again. */
    leaseUntil: p.datetime().nullable(),
    leaseToken: p.uuid().nullable(),
    /** Sends tried by the dispatcher, for reading a row that keeps meeting a busy server. */
    attempts: p.integer().default(0),
  },
});

export const mailEntities = [MailOutbox];

export type IMailOutbox = InferEntity<typeof MailOutbox>;
