// Delivers the electricity outbox (db/billing/electricity.ts) to the supplier's billing: blocks
// from the handover day, lifts from payments. Polls like the mail outbox; a supplier that is down
// or refuses leaves the message pending with a growing pause, so it is delivered once the supplier
// is back, and the message's idempotency key makes a delivery the supplier saw but we failed to
// mark count once there.
import { dispatchElectricity, type OutboxMessage } from '../../db/billing/electricity.ts';
import type { Orm } from '../../db/orm.ts';
import type { ElectricityClient } from '../../platform/electricity/client.ts';
import type { Logger } from '../../platform/logger.ts';

export interface ElectricityDispatcher {
  /** Passes until nothing due is left or a pass fails; how many were delivered. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/** Retry pause after n failed attempts: 1 s doubling to 10 minutes. */
export const electricityBackoffMs = (attempts: number) =>
  Math.min(600_000, 1000 * 2 ** Math.min(attempts - 1, 10));

export function deliverTo(client: ElectricityClient) {
  return async (m: OutboxMessage) => {
    const p = m.payload as { ownerId: string; date: string; overdueTiyin?: number; periods?: string[] };
    if (m.action === 'block')
      await client.block(
        { ownerId: p.ownerId, date: p.date, overdueTiyin: Number(p.overdueTiyin), periods: p.periods ?? [] },
        m.key,
      );
    else await client.lift({ ownerId: p.ownerId, date: p.date }, m.key);
  };
}

export function startElectricityDispatcher(opts: {
  orm: Orm;
  client: ElectricityClient;
  logger?: Pick<Logger, 'warn'>;
  intervalMs?: number;
  batchSize?: number;
  backoffMs?: (attempts: number) => number;
}): ElectricityDispatcher {
  const deliver = deliverTo(opts.client);
  const options = { limit: opts.batchSize ?? 50, backoffMs: opts.backoffMs ?? electricityBackoffMs };
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  let timer: NodeJS.Timeout | undefined;

  const drainOnce = async (): Promise<number> => {
    let delivered = 0;
    for (;;) {
      const r = await dispatchElectricity(opts.orm.em.fork(), deliver, options);
      delivered += r.delivered;
      if (r.failed > 0)
        opts.logger?.warn({ failed: r.failed }, 'electricity billing: messages wait for a retry');
      if (r.failed > 0 || r.claimed < options.limit) return delivered;
    }
  };
  const drain = () => {
    running = running.catch(() => 0).then(drainOnce);
    return running;
  };
  const loop = () => {
    if (stopped) return;
    drain()
      .catch((err: unknown) => opts.logger?.warn({ err }, 'electricity dispatcher pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, opts.intervalMs ?? 5000);
      });
  };
  timer = setTimeout(loop, 0);
  return {
    drain,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => 0);
    },
  };
}
