// The notifications dispatcher: a loop in the worker process (like the mail outbox's) that makes
// three kinds of pass. The plan pass is the fallback sweep: due messages are claimed with FOR UPDATE
// SKIP LOCKED and moved on by the pure rule (queue the next channel, settle, print); a delivery by
// mail is written into the mail outbox then and there. The settle pass reads back what the mail
// outbox's own sender got from the server. The send passes, one loop per channel, lease that
// channel's queued deliveries, send them in parallel (Telegram's throttler keeps the Bot API's
// rates) and record the results of a batch together. A loop per channel, because Telegram's 30
// a second would otherwise hold every SMS of the same batch behind it.
//
// Why a sweep and not a workflow per message: a national month is two million receipts and every
// meeting tens of thousands of notices; a timer per message would be a workflow per message, and
// one workflow holding them would grow its history with every message. Here a message's timer is
// its `next_check_at` column, a pass is one indexed query, and restarts lose nothing.

import {
  leaseDeliveries,
  type Outcome,
  planDueMessages,
  recordOutcomes,
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

/** One plan pass: what the mail outbox settled, and the due messages moved on. */
async function planPass(o: NotificationDispatcherOptions): Promise<{ planned: number; settled: number }> {
  const now = o.clock?.() ?? new Date();
  const batch = o.policy.batchSize;
  const settled = await settleMailedDeliveries(o.orm.em.fork(), now, batch);
  const plan = await planDueMessages(o.orm.em.fork(), o.policy, now, batch);
  return { planned: plan.claimed, settled };
}

/**
 * Deliveries a send pass of a channel leases: Telegram about what its limit lets out in two
 * seconds, so a lease never outlives its throttle queue; the others a policy batch.
 */
const leaseSizeOf = (o: NotificationDispatcherOptions, channel: Exclude<Channel, 'email'>) =>
  channel === 'telegram'
    ? Math.max(1, Math.min(o.policy.batchSize, 2 * o.policy.telegram.perSecond))
    : o.policy.batchSize;

/** One send pass of one channel. */
async function sendPass(
  o: NotificationDispatcherOptions,
  channel: Exclude<Channel, 'email'>,
): Promise<{ sent: number; leased: number }> {
  const now = o.clock?.() ?? new Date();
  const leased = await leaseDeliveries(o.orm.em.fork(), now, leaseSizeOf(o, channel), o.leaseMs ?? 60_000, [
    channel,
  ]);
  const adapter = o.adapters[channel] as ChannelAdapter;
  const outcomes = await Promise.all(
    leased.map(async (d): Promise<{ id: string; outcome: Outcome }> => {
      // Left leased by a dispatcher that died more often than the policy allows: not sent again.
      if (triesExhausted(d.tries - 1, o.policy.maxTries)) {
        const error = `no answer from ${d.channel} after ${d.tries - 1} tries`;
        return { id: d.id, outcome: { kind: 'failed', error, unreachable: false } };
      }
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
      if (outcome.kind === 'retry')
        o.logger?.warn({ channel: d.channel, error: outcome.error }, 'notification deferred');
      return { id: d.id, outcome };
    }),
  );
  await recordOutcomes(o.orm.em.fork(), outcomes, o.clock?.() ?? new Date());
  return { sent: outcomes.filter((x) => x.outcome.kind === 'sent').length, leased: leased.length };
}

/** A plan pass, then every channel's send pass; for tests that step the dispatcher by hand. */
export async function notificationPass(o: NotificationDispatcherOptions): Promise<PassCounts> {
  const { planned, settled } = await planPass(o);
  const channels = Object.keys(o.adapters) as Exclude<Channel, 'email'>[];
  const sends = await Promise.all(channels.map((c) => sendPass(o, c)));
  return {
    planned,
    settled,
    sent: sends.reduce((a, x) => a + x.sent, 0),
    leased: sends.reduce((a, x) => a + x.leased, 0),
  };
}

export function startNotificationDispatcher(o: NotificationDispatcherOptions): NotificationDispatcher {
  const intervalMs = o.intervalMs ?? 1000;
  const planner = startPoller({
    name: 'notification planner',
    intervalMs,
    logger: o.logger,
    pass: async () => {
      const r = await planPass(o);
      return { count: r.planned + r.settled, more: r.planned > 0 || r.settled > 0 };
    },
  });
  let sentTotal = 0;
  const senders = (Object.keys(o.adapters) as Exclude<Channel, 'email'>[]).map((channel) =>
    startPoller({
      name: `notification sender (${channel})`,
      intervalMs,
      logger: o.logger,
      pass: async () => {
        const r = await sendPass(o, channel);
        sentTotal += r.sent;
        return { count: r.leased, more: r.leased > 0 };
      },
    }),
  );
  const all = [planner, ...senders];
  return {
    /**
     * Rounds of every loop until two in a row find nothing to do; resolves to the deliveries sent.
     * Two, because a loop's drain joins a pass already running, which may have looked before the
     * caller's last write.
     */
    async drain() {
      const before = sentTotal;
      for (let quiet = 0; quiet < 2; ) {
        const worked = await Promise.all(all.map((p) => p.drain()));
        quiet = worked.every((n) => n === 0) ? quiet + 1 : 0;
      }
      return sentTotal - before;
    },
    async stop() {
      await Promise.all(all.map((p) => p.stop()));
    },
  };
}
