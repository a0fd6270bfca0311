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
  },
});

export const mailEntities = [MailOutbox];

export type IMailOutbox = InferEntity<typeof MailOutbox>;
