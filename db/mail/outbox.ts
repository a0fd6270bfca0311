// Writing mail to the outbox for the dispatcher to send, many messages per statement: for
// mailings (notices to every owner, monthly receipts) that must not pay one transaction, let
// alone one SMTP round trip, per message before the caller can go on. Every capability that
// queues mail inside its own transaction calls this one insert.
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '../sql.ts';
import type { MailAttachment } from './entities.ts';

/** One message: what the outbox stores and the dispatcher sends. */
export interface OutboxMail {
  /** Derive it from what the mail is about: the same logical message, the same key. */
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

/**
 * Queues each message under its idempotency key; a key already in the outbox (a retried batch)
 * is left as it is. Resolves to how many rows were new. The dispatcher sends them in the order
 * they were queued.
 */
export async function enqueueMail(em: EntityManager, messages: readonly OutboxMail[]): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = messages.map((m) => ({
    key: m.idempotencyKey,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html ?? null,
    attachments: m.attachments ?? null,
  }));
  const inserted = await executeBound<{ id: string }>(
    em,
    `insert into mail_outbox (id, idempotency_key, "to", subject, text, html, attachments, status, created_at)
     select gen_random_uuid(), r.key, r."to", r.subject, r.text, r.html, r.attachments, 'pending', clock_timestamp()
       from jsonb_to_recordset($1::jsonb)
            as r(key text, "to" text, subject text, text text, html text, attachments jsonb)
     on conflict (idempotency_key) do nothing
     returning id`,
    [JSON.stringify(rows)],
  );
  return inserted.length;
}
