// `npm run bench:read-window`: the read cache's consistency window (db/read-cache.ts), measured. While
// the API process listens (db/read-cache-listener.ts), a held building card is served from memory
// until the notification of a write reaches the listener; this is how long that takes, on an
// embedded PostgreSQL of its own over the demo district, in three figures and one baseline:
//   - notify_listen: a raw NOTIFY on one pg connection to a raw LISTEN on another (no ORM), from
//     the NOTIFY's return to the listener's 'notification' event: the floor;
//   - window: a write of the demo building's row through the registry import's upsert
//     (bench/read-window-load.ts rewriteBuilding: its living area moved by a hundredth) on a pooled
//     connection of the API's ORM, from its COMMIT returning to ReadCacheState's `applied` hook
//     for that building;
//   - visible: the same write, then the card read as the demo resident (getBuildingInScope on the
//     API's listening ORM) at once and again on every turn of the event loop until it shows the new
//     area: the time from the commit's return to that read's answer. `stale_first_reads` counts the
//     reads right after the commit that still answered the old card from memory (inside the
//     window), `stale_a_turn_later` the writes whose next read, one turn of the event loop later
//     (as a request that follows another would come at the earliest), was still old;
//     `applied_before_first_read` the first reads made after the notification had already been
//     applied; `cold_first_reads` those that showed the new card before it was (the copy was not
//     held warm, so the read asked PostgreSQL: a collision of hash slots, or a bug).
// Each idle, then again while `--load-connections` connections of a worker thread rewrite other
// buildings in a loop (every such commit notifies too: the notifications queue behind each other,
// and every notifying commit in the cluster takes one lock). Writes run one at a time, each waiting
// for its notification, so they never queue behind their own. Times are signed: below zero, the
// notification was applied before the writer's `await` of its commit resumed (both sockets are
// read on this thread's event loop). Percentiles are wall time on whatever machine it runs on:
// the load averages printed at the start and the end say how shared it was.
//   npm run bench:read-window -- [--apartments 1000] [--writes 3000] [--load-connections 4]
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { createDatabase } from '../db/database-url.ts';
import { createOrm, migrateUp } from '../db/orm.ts';
import { readCacheOf } from '../db/read-cache.ts';
import { listenForReadChanges } from '../db/read-cache-listener.ts';
import { READ_VERSION_CHANNEL } from '../db/read-version.ts';
import { getBuildingInScope } from '../db/registry/repository.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { DEMO_IDS } from '../db/seed/personas.ts';
import { buildingScopeOf } from '../domain/access/roles.ts';
import { startScratchPostgres } from '../platform/embedded-postgres.ts';
import { personaClaims } from './api-data.ts';
import { positiveInt } from './args.ts';
import { percentile } from './load.ts';
import { buildingRows, centsOf, type LoadDone, rewriteBuilding } from './read-window-load.ts';

const { values } = parseArgs({
  options: {
    apartments: { type: 'string', default: '1000' },
    writes: { type: 'string', default: '3000' },
    'load-connections': { type: 'string', default: '4' },
  },
});
const int = (name: keyof typeof values) => positiveInt(values, name);
const WRITES = int('writes');
const LOAD_CONNECTIONS = int('load-connections');
/** Rounds run first in each phase and not counted: the JIT, the pool's connections, the plans. */
const WARM_UP = 100;
/** A card that has not shown a write after this long is a failure, not a figure. */
const GIVE_UP_MS = 10_000;
const say = (line: string) => console.log(`[read-window] ${line}`);
const loadAverage = () => os.loadavg()[0]!.toFixed(2);

// Durable, as a production server: every write's commit is part of what is measured.
const pgServer = await startScratchPostgres({ durable: true });
const lines: string[] = [`loadavg_start  ${loadAverage()} 1min`];
try {
  say(`PostgreSQL ${pgServer.version} (embedded); seeding ${values.apartments} apartments`);
  const url = await createDatabase(pgServer.adminUrl, 'mu_read_window');
  const orm = await createOrm({ url, poolMax: 4 });
  try {
    await migrateUp(orm);
    await seedDemo(orm, { seed: 20261124, apartments: int('apartments') });
    const seeding = orm.em.fork() as EntityManager;
    await seeding.execute('vacuum analyze');
    const scope = buildingScopeOf((await personaClaims(seeding, DEMO_IDS.users.resident)).principal);
    const buildingId = DEMO_IDS.building;
    const [card] = await buildingRows(seeding, 'b.id = ?', [buildingId]);
    // Eight buildings a load connection, each loop its own (bench/read-window-load.ts): no lock waits.
    const others = await buildingRows(seeding, 'b.id <> ? order by b.id limit ?', [
      buildingId,
      8 * LOAD_CONNECTIONS,
    ]);
    if (!card || others.length < LOAD_CONNECTIONS) throw new Error('the demo district is too small');

    // The routes' EntityManager for reads is the ORM's root one (api/context.ts sqlOf), listening as
    // scripts/api.ts makes it.
    const em = orm.em as EntityManager;
    const state = readCacheOf(em);
    const listener = listenForReadChanges(em, { url });
    await listener.listening();

    /** When the listener applies the next notification of `key`: `at` is set in the hook itself. */
    const watchApplied = (key: string) => {
      const w: { at: number | undefined; done: Promise<number> } = {
        at: undefined,
        done: Promise.resolve(0),
      };
      w.done = new Promise((resolve) => {
        const hook = (channel: 'version' | 'scope', k: string) => {
          if (channel !== 'version' || k !== key) return;
          w.at = performance.now();
          state.applied.delete(hook);
          resolve(w.at);
        };
        state.applied.add(hook);
      });
      return w;
    };
    /** Every notification committed before now has been applied (they arrive in commit order). */
    const settled = async () => {
      const fence = randomUUID();
      const seen = watchApplied(fence).done;
      await em.execute(`select pg_notify('${READ_VERSION_CHANNEL}', ?)`, [fence]);
      await seen;
    };
    const shownCents = async () => {
      const json = await getBuildingInScope(em, scope, buildingId);
      if (json === null || json === 'outside') throw new Error(`the demo resident's card is ${json}`);
      return centsOf((JSON.parse(json) as { livingArea: number }).livingArea);
    };
    /** Reads the card until its copy is held and served without a statement, as between requests. */
    const warm = async () => {
      await settled();
      for (let i = 0; i < 2; i++) {
        await nextTurn();
        await shownCents();
      }
    };

    const notifyListen = async (): Promise<number[]> => {
      const listening = new pg.Client({ connectionString: url });
      const notifying = new pg.Client({ connectionString: url });
      await Promise.all([listening.connect(), notifying.connect()]);
      try {
        await listening.query('listen bench_read_window');
        let arrived: ((at: number) => void) | undefined;
        listening.on('notification', () => arrived?.(performance.now()));
        const ms: number[] = [];
        for (let i = -WARM_UP; i < WRITES; i++) {
          const seen = new Promise<number>((resolve) => {
            arrived = resolve;
          });
          await notifying.query('notify bench_read_window');
          const returned = performance.now();
          const at = await seen;
          if (i >= 0) ms.push(at - returned);
        }
        return ms;
      } finally {
        await Promise.all([listening.end(), notifying.end()]);
      }
    };

    const windowTimes = async (): Promise<number[]> => {
      await settled();
      const ms: number[] = [];
      for (let i = -WARM_UP; i < WRITES; i++) {
        const applied = watchApplied(buildingId);
        await rewriteBuilding(em, card);
        const committed = performance.now();
        const at = await applied.done;
        if (i >= 0) ms.push(at - committed);
      }
      return ms;
    };

    const visible = async () => {
      const ms: number[] = [];
      let stale = 0;
      let appliedFirst = 0;
      let cold = 0;
      let staleNextTurn = 0;
      await warm();
      for (let i = -WARM_UP; i < WRITES; i++) {
        const was = centsOf(card.livingArea);
        const applied = watchApplied(buildingId);
        await rewriteBuilding(em, card);
        const committed = performance.now();
        const expected = centsOf(card.livingArea);
        // The first read right after the commit, on the same turn of the event loop, as a request
        // that writes and then reads would make it; the next ones each a turn later, as new requests.
        const appliedBefore = applied.at !== undefined;
        let shown = await shownCents();
        let staleReads = 0;
        while (shown !== expected) {
          if (shown !== was) throw new Error(`the card shows ${shown}, neither ${was} nor ${expected}`);
          if (performance.now() - committed > GIVE_UP_MS) throw new Error('the card never showed the write');
          staleReads++;
          await nextTurn();
          shown = await shownCents();
        }
        const at = performance.now();
        if (i >= 0) {
          ms.push(at - committed);
          if (staleReads > 0) stale++;
          else if (appliedBefore) appliedFirst++;
          else cold++;
          if (staleReads > 1) staleNextTurn++;
        }
        // Its notification, before the next write's hook is set; then the copy held warm again.
        await applied.done;
        await warm();
      }
      return { ms, stale, appliedFirst, cold, staleNextTurn };
    };

    const report = (label: string, ms: number[]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      const p99 = percentile(sorted, 99);
      say(
        `${label}: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${sorted.at(-1)!.toFixed(3)} ms`,
      );
      lines.push(
        `${label}_p50  ${p50.toFixed(3)} ms`,
        `${label}_p99  ${p99.toFixed(3)} ms`,
        `${label}_max  ${sorted.at(-1)!.toFixed(3)} ms`,
      );
      const early = ms.filter((t) => t < 0).length;
      if (early) lines.push(`${label}_before_commit_returned  ${early} of_${ms.length}`);
      return p50;
    };
    const phases = async (load: 'idle' | 'load') => {
      const baseline = report(`notify_listen_${load}`, await notifyListen());
      const windowP50 = report(`window_${load}`, await windowTimes());
      lines.push(`window_${load}_p50_over_notify_listen  ${(windowP50 / baseline).toFixed(2)} x`);
      const v = await visible();
      report(`visible_${load}`, v.ms);
      lines.push(
        `visible_${load}_stale_first_reads  ${v.stale} of_${WRITES}`,
        `visible_${load}_stale_a_turn_later  ${v.staleNextTurn} of_${WRITES}`,
        `visible_${load}_applied_before_first_read  ${v.appliedFirst} of_${WRITES}`,
        `visible_${load}_cold_first_reads  ${v.cold} of_${WRITES}`,
      );
    };

    say(`${WRITES} writes a phase, idle`);
    await phases('idle');

    say(`${WRITES} writes a phase, under ${LOAD_CONNECTIONS} connections rewriting other buildings`);
    const load = new Worker(new URL('./read-window-load.ts', import.meta.url), {
      workerData: { url, rows: others, connections: LOAD_CONNECTIONS },
    });
    const failed = new Promise<never>((_, reject) => load.once('error', reject));
    const next = () =>
      Promise.race([new Promise<unknown>((resolve) => load.once('message', resolve)), failed]);
    if ((await next()) !== 'ready') throw new Error('the load worker did not start');
    try {
      await Promise.race([phases('load'), failed]);
    } finally {
      load.postMessage('stop');
      const done = (await next()) as LoadDone;
      lines.push(
        `load_connections  ${LOAD_CONNECTIONS} connections`,
        `load_writes  ${(done.writes / done.seconds).toFixed(0)} per_s`,
      );
    }
    await listener.stop();
  } finally {
    await orm.close();
  }
} finally {
  await pgServer.stop();
}
lines.push(`loadavg_end  ${loadAverage()} 1min`);
console.log(`\n${lines.join('\n')}`);
