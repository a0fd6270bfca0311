// Request counters shared by every API instance, so a client cannot multiply its allowance by
// the number of instances behind the balancer. One row per key and window; a hit is one upsert
// that starts a new window when the old one is over, so counting never reads before it writes.
import { defineEntity, p } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

export const RateLimitCounter = defineEntity({
  name: 'RateLimitCounter',
  tableName: 'rate_limit_counter',
  properties: {
    /** The limit's name and the client: `writes-ip:203.0.113.7`, `writes-token:<sha-256>`. */
    key: p.string().length(200).primary(),
    hits: p.integer(),
    windowEndsAt: p.datetime(),
  },
});

export const rateLimitEntities = [RateLimitCounter];

/** Counts one hit on `key` in a window of `windowMs`; the window's count and end. */
export async function hit(
  em: EntityManager,
  key: string,
  windowMs: number,
): Promise<{ hits: number; windowEndsAt: Date }> {
  const [row] = (await em.execute(
    `insert into rate_limit_counter (key, hits, window_ends_at)
     values (?, 1, now() + ? * interval '1 millisecond')
     on conflict (key) do update set
       hits = case when rate_limit_counter.window_ends_at <= now() then 1 else rate_limit_counter.hits + 1 end,
       window_ends_at = case when rate_limit_counter.window_ends_at <= now()
         then excluded.window_ends_at else rate_limit_counter.window_ends_at end
     returning hits, window_ends_at`,
    [key, windowMs],
  )) as { hits: number; window_ends_at: Date | string }[];
  return { hits: Number(row!.hits), windowEndsAt: new Date(row!.window_ends_at) };
}

/** Takes back a hit (a request the limit does not count after all). */
export async function unhit(em: EntityManager, key: string): Promise<void> {
  await em.execute('update rate_limit_counter set hits = greatest(hits - 1, 0) where key = ?', [key]);
}

export async function forget(em: EntityManager, key: string): Promise<void> {
  await em.execute('delete from rate_limit_counter where key = ?', [key]);
}

/** Drops counters whose window ended, so the table holds only clients seen lately. */
export async function forgetEnded(em: EntityManager): Promise<void> {
  await em.execute('delete from rate_limit_counter where window_ends_at < now()');
}
