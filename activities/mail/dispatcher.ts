// Sends mail that was written to the outbox for later (ballot receipts, committed together with
// the ballot; receipts; court claims) and mail whose first send failed for a retryable reason.
//
// One pass: one statement claims a batch of pending rows (FOR UPDATE SKIP LOCKED, so several
// worker processes share the work) and leases them; the batch goes to the pooled SMTP transport
// with bounded concurrency; one statement writes every row's outcome back. No row lock or
// transaction is held while SMTP answers, so a batch costs two statements, not one transaction
// per message. A sender that dies mid-batch leaves leased rows; when the lease lapses the next
// pass sends them (the only duplicate SMTP allows: accepted by the server, not yet written back).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MailAttachment } from '../../db/mail/entities.ts';
import type { Orm } from '../../db/orm.ts';
import { executeBound } from '../../db/sql.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Mailer } from '../../platform/mail.ts';
import { type Poller, startPoller } from '../../platform/poller.ts';
import { messageIdFor, smtpVerdict } from './send-mail.ts';

export interface DispatchOptions {
  /** Messages handed to the SMTP pool at once; a few more than its connections keeps them all busy. */
  concurrency?: number;
  /** How long claimed rows stay out of other senders' reach. */
  leaseMs?: number;
  /** How long a message the server answered 4xx waits before it is claimed again. */
  retryMs?: number;
}

export interface OutboxDispatcherOptions extends DispatchOptions {
  orm: Orm;
  mailer: Mailer;
  from: string;
  logger?: Pick<Logger, 'warn' | 'error'>;
  /** Pause between polls when the outbox was empty or the server failed. */
  intervalMs?: number;
  /** Rows claimed per statement. */
  batchSize?: number;
}

/** Its drain() sends until the outbox has no more pending rows for now; for tests and shutdown. */
export type OutboxDispatcher = Poller;

export interface PassResult {
  sent: number;
  claimed: number;
  /** The server failed in a way worth retrying later (down, timeout): stop this pass. */
  serverDown: boolean;
}

export const DISPATCH_DEFAULTS = { concurrency: 10, leaseMs: 300_000, retryMs: 60_000 } as const;

export interface ClaimedMail {
  id: string;
  idempotency_key: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: MailAttachment[] | null;
}

/**
 * Leases up to `limit` pending rows nobody holds (oldest first) under a fresh token, in one
 * statement. Exported so a test can play a sender that claims and then dies.
 */
export async function claimBatch(
  em: EntityManager,
  limit: number,
  leaseMs: number,
): Promise<{ token: string; rows: ClaimedMail[] }> {
  const token = randomUUID();
  const rows = await executeBound<ClaimedMail>(
    em,
    `with c as (
       select id from mail_outbox
        where status = 'pending' and (lease_until is null or lease_until < now())
        order by created_at
        limit $1::int
        for update skip locked
     )
     update mail_outbox m
        set lease_until = now() + $2::int * interval '1 millisecond', lease_token = $3::uuid, attempts = m.attempts + 1
       from c where m.id = c.id
     returning m.id, m.idempotency_key, m."to", m.subject, m.text, m.html, m.attachments`,
    [limit, leaseMs, token],
  );
  return { token, rows };
}

/** What one claimed row became; a row without a status is released untouched (not tried). */
interface Outcome {
  id: string;
  status: 'sent' | 'failed' | null;
  message_id: string | null;
  sent_at: string | null;
  error: string | null;
  /** The row's next chance: null frees it at once, a time keeps it back (4xx). */
  lease_until: string | null;
}

async function writeBack(em: EntityManager, token: string, outcomes: Outcome[]): Promise<void> {
  // A result (sent, failed) is written even if the lease lapsed meanwhile: the server's answer is
  // fact. A release is written only under our own lease, never over another sender's claim.
  // Bound, not inlined: a batch's outcomes are one JSON parameter.
  await executeBound(
    em,
    `update mail_outbox m
        set status = coalesce(v.status, m.status),
            message_id = coalesce(v.message_id, m.message_id),
            sent_at = coalesce(v.sent_at, m.sent_at),
            error = case when v.status = 'sent' then null else coalesce(v.error, m.error) end,
            lease_until = case when v.status is null then v.lease_until end,
            lease_token = null
       from jsonb_to_recordset($1::jsonb)
            as v(id uuid, status text, message_id text, sent_at timestamptz, error text, lease_until timestamptz)
      where m.id = v.id and m.status = 'pending' and (m.lease_token = $2::uuid or v.status is not null)`,
    [JSON.stringify(outcomes), token],
  );
}

/** One pass: claim up to `batchSize` rows, send them in parallel, write the outcomes back. */
export async function dispatchOnce(
  em: EntityManager,
  mailer: Mailer,
  from: string,
  batchSize = 20,
  options: DispatchOptions = {},
): Promise<PassResult> {
  const { concurrency, leaseMs, retryMs } = { ...DISPATCH_DEFAULTS, ...options };
  const { token, rows } = await claimBatch(em, batchSize, leaseMs);
  if (rows.length === 0) return { sent: 0, claimed: 0, serverDown: false };

  // Stop starting sends well before the lease lapses, so no other sender takes a row still in flight.
  const stopStartingAt = Date.now() + leaseMs / 2;
  const outcomes: Outcome[] = rows.map((r) => ({
    id: r.id,
    status: null,
    message_id: null,
    sent_at: null,
    error: null,
    lease_until: null,
  }));
  let serverDown = false;
  let sent = 0;
  let next = 0;
  const lane = async () => {
    while (!serverDown && next < rows.length && Date.now() < stopStartingAt) {
      const i = next++;
      const row = rows[i]!;
      const out = outcomes[i]!;
      const messageId = messageIdFor(row.idempotency_key, from);
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
        out.status = 'sent';
        out.message_id = messageId;
        out.sent_at = new Date().toISOString();
        sent++;
      } catch (err) {
        out.error = String((err as Error).message ?? err);
        const verdict = smtpVerdict(err);
        if (verdict === 'permanent') out.status = 'failed';
        else if (verdict === 'later') out.lease_until = new Date(Date.now() + retryMs).toISOString();
        else serverDown = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
  await writeBack(em, token, outcomes);
  return { sent, claimed: rows.length, serverDown };
}

export function startOutboxDispatcher(opts: OutboxDispatcherOptions): OutboxDispatcher {
  const interval = opts.intervalMs ?? 2000;
  const batchSize = opts.batchSize ?? 200;
  const options: DispatchOptions = {
    concurrency: opts.concurrency,
    leaseMs: opts.leaseMs,
    retryMs: opts.retryMs,
  };
  for (const key of Object.keys(options) as (keyof DispatchOptions)[])
    if (options[key] === undefined) delete options[key];
  return startPoller({
    name: 'outbox dispatcher',
    intervalMs: interval,
    logger: opts.logger,
    pass: async () => {
      const r = await dispatchOnce(opts.orm.em.fork(), opts.mailer, opts.from, batchSize, options);
      return { count: r.sent, more: !r.serverDown && r.claimed >= batchSize };
    },
  });
}
