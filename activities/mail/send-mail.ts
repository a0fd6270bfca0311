// Sending mail from activities. SMTP cannot deduplicate, and Temporal retries activities, so every
// message is claimed in mail_outbox under its idempotency key first: a retry that finds the row
// sent returns the stored Message-ID instead of sending again.
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { type MailAttachment, MailOutbox } from '../../db/mail/entities.ts';
import type { Orm } from '../../db/orm.ts';
import type { Mailer } from '../../platform/mail.ts';
import { MAIL_REJECTED } from '../../workflows/common/contract.ts';

export interface SendMailInput {
  /** Derive it from the workflow (id, run id, step): the same logical message, the same key. */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface SendMailResult {
  messageId: string;
  /** True when an earlier attempt had already sent it. */
  duplicate: boolean;
}

/** Characters RFC 5322 allows in a Message-ID's left part; others are =XX escaped (injective). */
const escapeIdPart = (key: string) =>
  key.replace(/[^A-Za-z0-9!#$%&'*+\-/?^_`{|}~.]|=/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${escapeIdPart(idempotencyKey)}@${domain}>`;
}

/** Recipient or content refused for good (5xx): retrying cannot help, so the row is marked failed. */
function isPermanent(err: unknown): boolean {
  const e = err as { code?: string; responseCode?: number };
  return (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && (e.responseCode ?? 0) >= 500;
}

type Outcome = SendMailResult | { error: string; permanent: boolean };

/**
 * The row is locked for the duration of the send, so an attempt that overlaps a timed-out one
 * waits for it and then sees 'sent'. SMTP timeouts (platform/mail.ts) bound how long that is.
 */
export async function sendMailOnce(
  em: EntityManager,
  mailer: Mailer,
  from: string,
  input: SendMailInput,
): Promise<SendMailResult> {
  const outcome = await em.transactional(async (tx): Promise<Outcome> => {
    await tx
      .createQueryBuilder(MailOutbox)
      .insert({
        // The query builder skips entity defaults, so the row gets its id and timestamp here.
        id: randomUUID(),
        createdAt: new Date(),
        idempotencyKey: input.idempotencyKey,
        to: input.to,
        subject: input.subject,
        text: input.text,
        html: input.html ?? null,
        attachments: input.attachments ?? null,
        status: 'pending',
      })
      .onConflict('idempotencyKey')
      .ignore()
      .execute();
    const row = await tx.findOneOrFail(
      MailOutbox,
      { idempotencyKey: input.idempotencyKey },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (row.status === 'sent') return { messageId: row.messageId ?? '', duplicate: true };
    if (row.status === 'failed') return { error: row.error ?? 'failed earlier', permanent: true };
    // The stored row, not the input, is the message: the key names one message for good.
    const messageId = messageIdFor(row.idempotencyKey, from);
    try {
      await mailer.sendMail({
        from,
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html ?? undefined,
        attachments: row.attachments?.map((a) => ({ ...a, encoding: 'base64' })) ?? [],
        messageId,
      });
    } catch (err) {
      const permanent = isPermanent(err);
      row.error = String((err as Error).message ?? err);
      if (permanent) row.status = 'failed';
      return { error: row.error, permanent };
    }
    row.status = 'sent';
    row.messageId = messageId;
    row.sentAt = new Date();
    row.error = null;
    return { messageId, duplicate: false };
  });
  if ('error' in outcome) {
    const message = `Mail ${input.idempotencyKey} not sent: ${outcome.error}`;
    if (outcome.permanent) throw ApplicationFailure.nonRetryable(message, MAIL_REJECTED);
    throw ApplicationFailure.retryable(message, 'MailNotSent');
  }
  return outcome;
}

export interface MailActivityDeps {
  orm: Orm;
  mailer: Mailer;
  from: string;
}

export function createMailActivities({ orm, mailer, from }: MailActivityDeps) {
  return {
    /** orm.em resolves to this execution's own fork (activities/context.ts). */
    sendMail: (input: SendMailInput): Promise<SendMailResult> => sendMailOnce(orm.em, mailer, from, input),
  };
}
