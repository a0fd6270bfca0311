// Sends mail that was written to the outbox for later (ballot receipts, committed together with
// the ballot) and mail whose first send failed for a retryable reason. Rows are claimed with
// FOR UPDATE SKIP LOCKED, so several worker processes share the work and no row is sent twice;
// each send goes through sendMailOnce, the same claim-then-send logic activities use.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MailOutbox } from '../../db/mail/entities.ts';
import type { Orm } from '../../db/orm.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Mailer } from '../../platform/mail.ts';
import { MAIL_REJECTED } from '../../workflows/common/contract.ts';
import { sendMailOnce } from './send-mail.ts';

export interface OutboxDispatcherOptions {
  orm: Orm;
  mailer: Mailer;
  from: string;
  logger?: Pick<Logger, 'warn' | 'error'>;
  /** Pause between polls when the outbox was empty or the server failed. */
  intervalMs?: number;
  /** Rows claimed per transaction. */
  batchSize?: number;
}

export interface OutboxDispatcher {
  /** One pass over pending rows; resolves to how many were sent. For tests and shutdown. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

export interface PassResult {
  sent: number;
  claimed: number;
  /** The server failed in a way worth retrying later (down, timeout): stop this pass. */
  serverDown: boolean;
}

/** One transaction: claim up to `batchSize` pending rows nobody else holds, send them, commit. */
export async function dispatchOnce(
  em: EntityManager,
  mailer: Mailer,
  from: string,
  batchSize = 20,
): Promise<PassResult> {
  return em.transactional(async (tx) => {
    const rows = await tx.find(
      MailOutbox,
      { status: 'pending' },
      { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, orderBy: { createdAt: 'asc' }, limit: batchSize },
    );
    let sent = 0;
    for (const row of rows) {
      try {
        // Same connection, so sendMailOnce's own lock on the row is the one already held.
        const result = await sendMailOnce(tx, mailer, from, {
          idempotencyKey: row.idempotencyKey,
          to: row.to,
          subject: row.subject,
          text: row.text,
        });
        if (!result.duplicate) sent++;
      } catch (err) {
        const type = (err as { type?: string }).type;
        if (type === MAIL_REJECTED) continue;
        return { sent, claimed: rows.length, serverDown: true };
      }
    }
    return { sent, claimed: rows.length, serverDown: false };
  });
}

export function startOutboxDispatcher(opts: OutboxDispatcherOptions): OutboxDispatcher {
  const interval = opts.intervalMs ?? 2000;
  const batchSize = opts.batchSize ?? 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let running: Promise<number> | undefined;

  const pass = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const r = await dispatchOnce(opts.orm.em.fork(), opts.mailer, opts.from, batchSize);
      total += r.sent;
      if (r.serverDown || r.claimed < batchSize || stopped) return total;
    }
  };
  const drain = (): Promise<number> => {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  };

  const loop = async () => {
    while (!stopped) {
      try {
        await drain();
      } catch (err) {
        opts.logger?.error({ err }, 'outbox dispatcher pass failed');
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, interval);
      });
    }
  };
  const done = loop();

  return {
    drain,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await done;
    },
  };
}
