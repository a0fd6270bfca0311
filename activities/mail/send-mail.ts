// Sending mail from activities. SMTP cannot deduplicate, and Temporal retries activities, so every
// message is claimed in mail_outbox under its idempotency key first: a retry that finds the row
// sent returns the stored Message-ID instead of sending again.
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { MailOutbox } from '../../db/mail/entities.ts';
import type { OutboxMail } from '../../db/mail/outbox.ts';
import type { Orm } from '../../db/orm.ts';
import type { Mailer } from '../../platform/mail.ts';
import { MAIL_REJECTED } from '../../workflows/common/contract.ts';

/** The same message the outbox stores: sendMailOnce claims it there under its key. */
export type SendMailInput = OutboxMail;

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

/**
 * What a failed send means for its row. `permanent`: the recipient or content refused for good
 * (5xx), retrying cannot help, the row is failed. `later`: this message refused for now (4xx, as
 * greylisting does), the server itself works. `down`: no answer, a dropped connection, or the
 * server closing (421): nothing more is worth trying until it is back.
 */
export function smtpVerdict(err: unknown): 'permanent' | 'later' | 'down' {
  const e = err as { code?: string; responseCode?: number };
  const code = e.responseCode ?? 0;
  if (e.code !== 'EENVELOPE' && e.code !== 'EMESSAGE') return 'down';
  if (code >= 500) return 'permanent';
  if (code >= 400 && code !== 421) return 'later';
  return 'down';
}

type Outcome = SendMailResult | { error: string; permanent: boolean } | { leasedUntil: Date };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The row is locked for the duration of the send, so an attempt that overlaps a timed-out one
 * waits for it and then sees 'sent'. SMTP timeouts (platform/mail.ts) bound how long that is.
 * A row the outbox dispatcher has in flight (leased, no lock held) is waited for the same way:
 * its outcome is written back when the batch ends, at the latest when the lease lapses.
 */
export async function sendMailOnce(
  em: EntityManager,
  mailer: Mailer,
  from: string,
  input: SendMailInput,
): Promise<SendMailResult> {
  for (;;) {
    const outcome = await attemptOnce(em, mailer, from, input);
    if ('leasedUntil' in outcome) {
      await pause(Math.max(10, Math.min(200, outcome.leasedUntil.getTime() - Date.now())));
      continue;
    }
    if ('error' in outcome) {
      const message = `Mail ${input.idempotencyKey} not sent: ${outcome.error}`;
      if (outcome.permanent) throw ApplicationFailure.nonRetryable(message, MAIL_REJECTED);
      throw ApplicationFailure.retryable(message, 'MailNotSent');
    }
    return outcome;
  }
}

function attemptOnce(
  em: EntityManager,
  mailer: Mailer,
  from: string,
  input: SendMailInput,
): Promise<Outcome> {
  return em.transactional(async (tx): Promise<Outcome> => {
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
    if (row.leaseToken && row.leaseUntil && row.leaseUntil.getTime() > Date.now())
      return { leasedUntil: row.leaseUntil };
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
      const permanent = smtpVerdict(err) === 'permanent';
      row.error = String((err as Error).message ?? err);
      if (permanent) row.status = 'failed';
      return { error: row.error, permanent };
    }
    row.status = 'sent';
    row.messageId = messageId;
    row.sentAt = new Date();
    row.error = null;
    row.leaseUntil = null;
    row.leaseToken = null;
    return { messageId, duplicate: false };
  });
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
