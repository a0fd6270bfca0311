// The connection that lets an API process serve held reads without asking PostgreSQL
// (db/read-cache.ts): it LISTENs on the channels db/read-version.ts's triggers notify, and moves
// the process's ReadCacheState with every notification. Its own connection, never one of the
// pool's: a pooled connection is handed to other work between statements, and LISTEN is a
// session's. While it is not listening (before its LISTEN is answered, after an error or a lost
// connection, while it waits to reconnect) the state says so, and every read asks PostgreSQL as
// it would with no listener at all; it reconnects by itself with a growing pause.
import pg from 'pg';
import { type ReadCacheState, readCacheOf } from './read-cache.ts';
import { READ_SCOPE_CHANNEL, READ_VERSION_CHANNEL } from './read-version.ts';

type EntityManagerOf = Parameters<typeof readCacheOf>[0];

export interface ReadCacheListenerLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ReadCacheListener {
  readonly state: ReadCacheState;
  /** How many times LISTEN was answered: more than once after a lost connection. */
  readonly sessions: number;
  /** Resolves once LISTEN is answered (again, after a loss): from then on reads may be warm. */
  listening(): Promise<void>;
  /** Ends the connection and stops reconnecting; reads then ask PostgreSQL again. */
  stop(): Promise<void>;
}

export interface ReadCacheListenerOptions {
  url: string;
  /** Shown in pg_stat_activity beside the pool's sessions (a fault test ends them all). */
  applicationName?: string;
  log?: ReadCacheListenerLog;
  /** The pause before reconnecting: doubles from `minMs` up to `maxMs`, and starts again once listening. */
  backoff?: { minMs: number; maxMs: number };
  /** Bounds a connection attempt to a database that does not answer. */
  connectTimeoutMs?: number;
  /**
   * How often the listening connection is asked `select 1`, and how long its answer may take before
   * the connection counts as lost: a connection that stalls without closing (a dropped route, a
   * frozen server) would otherwise leave reads served from memory with nobody hearing of changes.
   */
  heartbeatMs?: number;
}

/** Starts listening for `em`'s ORM; the returned handle stops it (a shutdown step). */
export function listenForReadChanges(em: EntityManagerOf, opts: ReadCacheListenerOptions): ReadCacheListener {
  const state = readCacheOf(em);
  const backoff = opts.backoff ?? { minMs: 100, maxMs: 5_000 };
  let stopped = false;
  let client: pg.Client | undefined;
  let wake: (() => void) | undefined;
  let endSession: (() => void) | undefined;
  let waiters: (() => void)[] = [];
  let sessions = 0;

  const session = async (c: pg.Client) => {
    // Settles when the session is over, however it ends: an error (a terminated backend), the
    // socket's end, or stop().
    // A handler that stays: a second 'error' with none would be thrown at the process.
    const over = new Promise<unknown>((resolve) => {
      c.on('error', resolve);
      c.on('end', () => resolve(undefined));
      // stop() ends the session without waiting for a server that may not answer its Terminate.
      endSession = () => resolve(undefined);
    });
    // A notification only moves counters, synchronously as pg parses it: a read that started
    // before it cannot keep its answer for warm reads (db/read-cache.ts ReadStamp).
    c.on('notification', (n) => {
      if (client !== c) return;
      if (n.channel === READ_VERSION_CHANNEL && n.payload) state.changed(n.payload);
      else if (n.channel === READ_SCOPE_CHANNEL) state.scopesChanged();
    });
    await Promise.race([
      (async () => {
        await c.connect();
        await c.query(`listen ${READ_VERSION_CHANNEL}; listen ${READ_SCOPE_CHANNEL}`);
      })(),
      over.then((err) => {
        throw err instanceof Error ? err : new Error('the connection ended before LISTEN was answered');
      }),
    ]);
    if (stopped) return;
    // Moves the trust epoch: a copy confirmed before is asked for again (the cache "cleared"), since
    // a change committed while nobody listened was announced to no one.
    state.startedListening();
    sessions++;
    // The first LISTEN is start-up detail (development keeps the ready banner last on screen);
    // listening again after a loss is what an operator watching the warnings wants to read.
    if (sessions === 1) opts.log?.debug({}, 'read cache: listening for changes');
    else opts.log?.info({ sessions }, 'read cache: listening for changes again');
    for (const resolve of waiters) resolve();
    waiters = [];
    // Write requests noted by the app (ReadCacheState.wrote) are confirmed by a round trip on this
    // connection: its answer comes after every notification committed before it was sent. One at
    // a time; notes that arrive meanwhile are confirmed by the next.
    let confirming = false;
    const confirm = async () => {
      if (confirming) return;
      confirming = true;
      try {
        while (client === c && state.listening) {
          const upTo = state.writes;
          await c.query('select 1');
          if (client !== c) break;
          state.confirmedUpTo(upTo);
          if (state.writes === upTo) break;
        }
      } catch {
        // The session's own error handler ends it; listening again confirms everything.
      } finally {
        confirming = false;
      }
    };
    state.written.add(confirm);
    const every = opts.heartbeatMs ?? 5_000;
    const heartbeat = setInterval(() => {
      const late = setTimeout(
        () => c.emit('error', new Error(`no answer to a heartbeat within ${every} ms`)),
        every,
      );
      late.unref();
      c.query('select 1').then(
        () => clearTimeout(late),
        () => clearTimeout(late),
      );
    }, every);
    heartbeat.unref();
    try {
      return await over;
    } finally {
      clearInterval(heartbeat);
      state.written.delete(confirm);
    }
  };

  const run = async () => {
    let pause = backoff.minMs;
    while (!stopped) {
      const c = new pg.Client({
        connectionString: opts.url,
        application_name: opts.applicationName ?? 'mening-uyim',
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        connectionTimeoutMillis: opts.connectTimeoutMs ?? 5_000,
      });
      client = c;
      let reached = false;
      try {
        const ended = await session(c);
        reached = true;
        if (!stopped)
          opts.log?.warn({ err: ended }, 'read cache: listener connection lost; reads ask PostgreSQL');
      } catch (err) {
        if (!stopped)
          opts.log?.warn({ err, retryInMs: pause }, 'read cache: cannot listen; reads ask PostgreSQL');
      }
      // Before anything else: no read may be served warm on what this session told.
      state.stoppedListening();
      client = undefined;
      c.removeAllListeners('notification');
      void c.end().catch(() => {});
      if (stopped) break;
      if (reached) pause = backoff.minMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      pause = Math.min(pause * 2, backoff.maxMs);
    }
  };
  const running = run();

  return {
    state,
    get sessions() {
      return sessions;
    },
    listening: () =>
      stopped
        ? Promise.reject(new Error('the read cache listener is stopped'))
        : state.listening
          ? Promise.resolve()
          : new Promise<void>((resolve) => waiters.push(resolve)),
    async stop() {
      stopped = true;
      state.stoppedListening();
      wake?.();
      endSession?.();
      const c = client;
      client = undefined;
      await running;
      // A frozen server never answers the Terminate: the shutdown waits a second for it, no more.
      await Promise.race([
        c?.end().catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
      ]);
    },
  };
}
