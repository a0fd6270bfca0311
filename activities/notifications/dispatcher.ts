// The notifications dispatcher: a loop in the worker process (like the mail outbox's) that makes
// three kinds of pass. The plan pass is the fallback sweep: due messages are claimed with FOR UPDATE
// SKIP LOCKED and moved on by the pure rule (queue the next channel, settle, print); a delivery by
// mail is written into the mail outbox then and there. The settle pass reads back what the mail
// outbox's own sender got from the server. The send pass leases queued Telegram and SMS
// deliveries, sends them in parallel (Telegram's throttler keeps the Bot API's rates) and records
// each result on its own.
//
// Why a sweep and not a workflow per message: a national month is two million receipts and every
// meeting tens of thousands of notices; a timer per message would be a workflow per message, and
// one workflow holding them would grow its history with every message. Here a message's timer is
// its `next_check_at` column, a pass is one indexed query, and restarts lose nothing.

import {
  leaseDeliveries,
  type Outcome,
  planDueMessages,
  recordOutcome,
  settleMailedDeliveries,
} from '../../db/notifications/repository.ts';
import type { Orm } from '../../db/orm.ts';
import { triesExhausted } from '../../domain/notifications/delivery.ts';
import type { NotificationPolicy } from '../../domain/notifications/policy.ts';
import type { Channel } from '../../domain/notifications/types.ts';
import type { Logger } from '../../platform/logger.ts';
import type { ChannelAdapter } from '../../platform/notifications/channel.ts';
import { type Poller, startPoller } from '../../platform/poller.ts';

export interface NotificationDispatcherOptions {
  orm: Orm;
  policy: NotificationPolicy;
  /** The senders of Telegram and SMS; mail is sent by the mail outbox's dispatcher. */
  adapters: Partial<Record<Exclude<Channel, 'email'>, ChannelAdapter>>;
  logger?: Pick<Logger, 'warn' | 'error'>;
  /** Pause between passes when there was nothing to do. */
  intervalMs?: number;
  /** How long a dispatcher holds leased deliveries before another may take them. */
  leaseMs?: number;
  clock?: () => Date;
}

/** Its drain() passes until nothing is due now and sums the deliveries sent; for tests and shutdown. */
export type NotificationDispatcher = Poller;

export interface PassCounts {
  planned: number;
  /** Email deliveries whose outcome was read back from the mail outbox. */
  settled: number;
  sent: number;
  leased: number;
}

export async function notificationPass(o: NotificationDispatcherOptions): Promise<PassCounts> {
  const now = o.clock?.() ?? new Date();
  const batch = o.policy.batchSize;
  const settled = await settleMailedDeliveries(o.orm.em.fork(), now, batch);
  const plan = await planDueMessages(o.orm.em.fork(), o.policy, now, batch);
  const channels = Object.keys(o.adapters) as Exclude<Channel, 'email'>[];
  const leased = await leaseDeliveries(o.orm.em.fork(), now, batch, o.leaseMs ?? 60_000, channels);
  let sent = 0;
  await Promise.all(
    leased.map(async (d) => {
      // Left leased by a dispatcher that died more often than the policy allows: not sent again.
      if (triesExhausted(d.tries - 1, o.policy.maxTries)) {
        const error = `no answer from ${d.channel} after ${d.tries - 1} tries`;
        await recordOutcome(o.orm.em.fork(), d.id, { kind: 'failed', error, unreachable: false }, now);
        return;
      }
      const adapter = o.adapters[d.channel as Exclude<Channel, 'email'>] as ChannelAdapter;
      const answer = await adapter
        .send({
          key: d.outboxKey,
          address: d.address,
          subject: d.text.subject,
          body: d.text.body,
          link: d.text.link,
        })
        .catch((err: unknown) => ({ kind: 'retry' as const, afterMs: 5000, error: String(err) }));
      // A channel that keeps saying "later" has failed: the message falls back to the next one.
      const outcome: Outcome =
        answer.kind === 'retry' && triesExhausted(d.tries, o.policy.maxTries)
          ? { kind: 'failed', error: `${answer.error} (gave up after ${d.tries} tries)`, unreachable: false }
          : answer;
      if (outcome.kind === 'sent') sent++;
      else if (outcome.kind === 'retry')
        o.logger?.warn({ channel: d.channel, error: outcome.error }, 'notification deferred');
      await recordOutcome(o.orm.em.fork(), d.id, outcome, o.clock?.() ?? new Date());
    }),
  );
  return { planned: plan.claimed, settled, sent, leased: leased.length };
}

export function startNotificationDispatcher(o: NotificationDispatcherOptions): NotificationDispatcher {
  return startPoller({
    name: 'notification dispatcher',
    intervalMs: o.intervalMs ?? 1000,
    logger: o.logger,
    pass: async () => {
      const r = await notificationPass(o);
      return { count: r.sent, more: r.planned > 0 || r.leased > 0 || r.settled > 0 };
    },
  });
}
