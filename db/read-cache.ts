// Reads the API serves at portal rates, held in process against the version db/read-version.ts's
// triggers keep: checked on every request, or, while the process listens for the triggers'
// notifications (db/read-cache-listener.ts), served without asking PostgreSQL until one names the
// read. One home for the cache beside the statements it runs.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type JsonText, preparedRows, type Statement } from './sql.ts';

/**
 * Least recently used first out, bounded by entries and, with `weigh`, by their total weight (an
 * entry heavier than the whole bound is not kept). Map keeps insertion order; a hit re-inserts.
 */
export class Lru<K, V> {
  readonly #entries = new Map<K, V>();
  readonly max: number;
  readonly maxWeight: number;
  readonly #weigh: (value: V) => number;
  #weight = 0;
  constructor(max: number, opts: { maxWeight?: number; weigh?: (value: V) => number } = {}) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('an LRU holds at least one entry');
    this.max = max;
    this.maxWeight = opts.maxWeight ?? Number.POSITIVE_INFINITY;
    this.#weigh = opts.weigh ?? (() => 0);
  }
  get size(): number {
    return this.#entries.size;
  }
  get weight(): number {
    return this.#weight;
  }
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.#remove(key);
    const weight = this.#weigh(value);
    if (weight > this.maxWeight) return;
    this.#entries.set(key, value);
    this.#weight += weight;
    while (this.#entries.size > this.max || this.#weight > this.maxWeight)
      this.#remove(this.#entries.keys().next().value as K);
  }
  /** The entry, removed: for what is used once. */
  take(key: K): V | undefined {
    const value = this.#entries.get(key);
    this.#remove(key);
    return value;
  }
  #remove(key: K): void {
    const old = this.#entries.get(key);
    if (old === undefined) return;
    this.#entries.delete(key);
    this.#weight -= this.#weigh(old);
  }
}

/**
 * Generations are kept per slot of a key's hash, not per key: memory stays fixed however many keys
 * are notified, and two keys that share a slot only make each other's next read ask PostgreSQL.
 */
const GENERATION_SLOTS = 4096;
/** Scope decisions held per process (each some 100 bytes) before they are all dropped at once. */
const MAX_DECISIONS_HELD = 200_000;

function slotOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % GENERATION_SLOTS;
}

/** What a read notes before its statement, to tell afterwards whether anything moved meanwhile. */
export interface ReadStamp {
  readonly listening: boolean;
  /** No write request of this process is still unconfirmed by the listener (ReadCacheState.wrote). */
  readonly caughtUp: boolean;
  readonly trust: number;
  readonly generation: number;
  readonly scopes: number;
}

/**
 * What one process knows of the changes PostgreSQL announced (db/read-version.ts's channels), per
 * ORM. Counters, not lists of what to drop: a notification costs an increment, and each held copy
 * carries the counters it was confirmed under, so it is served without asking only while none of
 * them has moved. `trust` moves whenever the listener starts or stops listening: a copy confirmed
 * before the listener lost its connection, or before it listened again, may have missed a change,
 * so it is as good as cleared (asked for again, its JSON kept only behind the version check that
 * works without any listener).
 */
export class ReadCacheState {
  #listening = false;
  #trust = 0;
  #scopes = 0;
  readonly #generations = new Float64Array(GENERATION_SLOTS);
  #writes = 0;
  #confirmed = 0;
  /** Called on each write request noted (the listener starts its round trip). */
  readonly written = new Set<() => void>();
  /** Called when the listener has confirmed every write request noted so far. */
  readonly caughtUp = new Set<() => void>();
  /** Called after each notification is applied (tests wait on it instead of a timer). */
  readonly applied = new Set<(channel: 'version' | 'scope', key: string) => void>();
  /** Called when the listener starts or stops listening, after the state has moved. */
  readonly transitions = new Set<(listening: boolean) => void>();

  get listening(): boolean {
    return this.#listening;
  }
  /** The listener's LISTEN has been answered: what is confirmed from now on may be served without asking. */
  startedListening(): void {
    this.#listening = true;
    // Every copy is distrusted by the epoch's move: nothing earlier is left to confirm.
    this.#confirmed = this.#writes;
    this.#trust++;
    this.#scopes++;
    for (const hook of this.transitions) hook(true);
  }
  /** The listener's connection failed or it was stopped: every read asks PostgreSQL again. */
  stoppedListening(): void {
    this.#listening = false;
    this.#trust++;
    this.#scopes++;
    for (const hook of this.transitions) hook(false);
  }
  /**
   * A request that may have written (POST, PUT, PATCH, DELETE) is about to be answered: what it
   * committed, in this process or in a worker it waited for, may not have been announced to the
   * listener yet, and the same client's next read must see it. Until the listener confirms (a
   * round trip on its own connection after this call: PostgreSQL sends a listening session the
   * notifications committed before a statement ahead of that statement's answer), every read asks
   * PostgreSQL, as it would without a listener.
   */
  wrote(): void {
    this.#writes++;
    for (const hook of this.written) hook();
  }
  /** The write requests noted so far (what a round trip started now confirms). */
  get writes(): number {
    return this.#writes;
  }
  /** The listener's round trip begun when `writes` had been noted has been answered. */
  confirmedUpTo(writes: number): void {
    if (writes <= this.#confirmed) return;
    this.#confirmed = writes;
    if (this.#confirmed === this.#writes) for (const hook of this.caughtUp) hook();
  }
  /** A key's read version was bumped: its copy and the scope decisions held for it are stale. */
  changed(key: string): void {
    this.#generations[slotOf(key)]! += 1;
    for (const hook of this.applied) hook('version', key);
  }
  /** Something a scope check reads changed: every decision held for every key is stale. */
  scopesChanged(): void {
    this.#scopes++;
    this.#decisions = 0;
    for (const hook of this.applied) hook('scope', '');
  }
  #decisions = 0;
  /**
   * Counts a decision kept; past MAX_DECISIONS_HELD since the last flush, drops them all (as a scope
   * change would), so that decisions, which the copies' weight does not count, stay bounded.
   */
  decisionKept(): void {
    if (++this.#decisions > MAX_DECISIONS_HELD) {
      this.#scopes++;
      this.#decisions = 0;
    }
  }
  stamp(key: string): ReadStamp {
    return {
      listening: this.#listening,
      caughtUp: this.#confirmed === this.#writes,
      trust: this.#trust,
      generation: this.#generations[slotOf(key)]!,
      scopes: this.#scopes,
    };
  }
  /** Nothing that concerns `key` was announced, and the listener never paused, since `was`. */
  standsSince(key: string, was: ReadStamp): boolean {
    return (
      was.listening &&
      this.#listening &&
      this.#trust === was.trust &&
      this.#generations[slotOf(key)] === was.generation
    );
  }
  /** …and no scope decision was dropped either. */
  scopesStandSince(was: ReadStamp): boolean {
    return this.#scopes === was.scopes;
  }
}

const states = new WeakMap<object, ReadCacheState>();

/** The state of this ORM's held reads (one per ORM, as the copies are: see versionedJson). */
export function readCacheOf(em: EntityManager): ReadCacheState {
  const driver = em.getDriver();
  let state = states.get(driver);
  if (!state) {
    state = new ReadCacheState();
    states.set(driver, state);
  }
  return state;
}

/** What a versioned read's statement returns: `json` is null when `version` is the one it was given. */
export interface VersionedRow<T> {
  version: string;
  inScope: boolean;
  json: JsonText<T> | null;
}

/** Given to a versioned read's statement when nothing is cached: no version is ever this. */
const NO_VERSION = '-1';

/** A scope's decisions held per copy at most: a building's owners, say; past it they start again. */
const MAX_DECISIONS = 256;

/**
 * A copy held: its JSON at `version`, and, when it was confirmed while the process listened, the
 * counters it was confirmed under and the scope decisions taken since (caller's scope key → in scope).
 */
export interface HeldRead<T> {
  version: string;
  json: JsonText<T>;
  trust: number;
  generation: number;
  scopes: number;
  decisions: Map<string, boolean>;
}

/**
 * Reads of JSON the API serves at portal rates, kept in process per key (at most `max`, least
 * recently used out) with the version db/read-version.ts's triggers bump on every write to the
 * rows the JSON is built of. The copy is the same for every caller, so only JSON with nothing of
 * the caller in it may be read this way. One cache per ORM (tests run several databases, with the
 * same seeded ids, in one process), of at most `max.entries` copies and `max.chars` characters of
 * JSON together. Null when the key names no row; 'outside' when the scope does not cover it.
 *
 * Warm: while this process listens (db/read-cache-listener.ts), a copy confirmed since it started
 * listening, for which no bump of the key and no scope change has been announced since, answers a
 * caller whose scope (`scopeKey`: everything the scope check's parameters hold) was already decided
 * for it, without any statement, unless a write request of this process awaits the listener's
 * confirmation (ReadCacheState.wrote: read-your-writes). Otherwise, one prepared statement: with a
 * copy held, `check`, which checks the caller's scope and returns the key's current version (small,
 * so PostgreSQL neither plans nor starts the JSON's executor nodes on every request); when nothing
 * is held or the version moved, `build`, which returns the version, the scope and the JSON
 * (`values.build` is given NO_VERSION, which no version equals, so its JSON is never left out; or,
 * after a bump of the key was announced, the held version, so the JSON comes back only if it really
 * moved). Its answer is kept for warm reads only when nothing about the key was announced while the
 * statement ran (ReadStamp): a notification that overtakes it means the answer may predate the
 * write.
 *
 * Consistency: without a listener, a committed write shows on the very next read, as the statement
 * sees it. With one, a write committed before this process answered a write request shows on any
 * read after that answer (ReadCacheState.wrote). Any other write shows once its notification has
 * reached this process and been applied on its event loop (PostgreSQL sends it at commit), and a
 * change of ownership, district or company takes effect for every scope after the same delay.
 * Measured by `npm run bench:read-window` (from the COMMIT returning to the notification applied, a
 * building's row rewritten on a pooled connection of the listening process; two runs of 3,000
 * writes on a 2-core machine shared with a test run, load average 8 to 13): p50 0.02 to 0.03 ms,
 * p99 2.4 and 9.5 ms, max 22 and 62 ms idle (a raw NOTIFY to a raw LISTEN: p99 0.09 and 1.6 ms);
 * under 4 more connections committing other writes (250 and 500 commits/s) p99 25 and 5.5 ms, max
 * 191 and 77 ms, not told apart from the neighbours' noise at that load; on the same machine quiet,
 * p99 0.05 ms idle and 1.1 ms under 1,204 commits/s. The notification mostly arrives with the
 * commit's own reply, yet a read on the same turn of the event loop as the commit's return still
 * found the old copy in about 6 writes of 10, and one a turn later in 4 to 5 (a writer calling the
 * repository; through the API, the write request's answer holds them back); the card showed the
 * write p50 0.65 ms, p99 14 to 18 ms after the commit (under load p50 1.0 to 1.5, p99 17 to 40 ms).
 * Longer if the listener's connection stalls: its heartbeat ends it within twice its interval (10 s
 * by default), and every read then asks PostgreSQL.
 */
export function versionedJson<T>(max: { entries: number; chars: number }) {
  const caches = new WeakMap<object, Lru<string, HeldRead<T>>>();
  /** The copies held for this ORM: a list of such rows (db/registry's page of buildings) shares them. */
  const heldBy = (em: EntityManager) => {
    const driver = em.getDriver();
    let cache = caches.get(driver);
    if (!cache) {
      cache = new Lru(max.entries, { maxWeight: max.chars, weigh: (held) => held.json.length });
      caches.set(driver, cache);
    }
    return cache;
  };
  /**
   * A copy of `version` as a read that started at `stamp` found it, with the caller's decision kept
   * when nothing moved meanwhile. The held copy is extended when it is the same version confirmed
   * under the same counters (another caller's decision added to it), replaced otherwise.
   */
  const keep = (
    em: EntityManager,
    key: string,
    stamp: ReadStamp,
    read: { version: string; json: JsonText<T>; scopeKey: string; inScope: boolean },
  ) => {
    const state = readCacheOf(em);
    const cache = heldBy(em);
    const stands = state.standsSince(key, stamp);
    const held = cache.get(key);
    if (
      stands &&
      held?.version === read.version &&
      held.trust === stamp.trust &&
      held.generation === stamp.generation &&
      held.scopes === stamp.scopes
    ) {
      if (state.scopesStandSince(stamp)) {
        if (held.decisions.size >= MAX_DECISIONS) held.decisions.clear();
        held.decisions.set(read.scopeKey, read.inScope);
        state.decisionKept();
      }
      return;
    }
    const decisions = new Map<string, boolean>();
    if (stands && state.scopesStandSince(stamp)) {
      decisions.set(read.scopeKey, read.inScope);
      state.decisionKept();
    }
    cache.set(key, {
      version: read.version,
      json: read.json,
      // -1 is no trust epoch: such a copy is only ever served after the version check.
      trust: stands ? stamp.trust : -1,
      generation: stamp.generation,
      scopes: stamp.scopes,
      decisions,
    });
  };
  const read = async (
    em: EntityManager,
    s: { check: Statement; build: Statement },
    key: string,
    scopeKey: string,
    values: { check: unknown[]; build: (version: string) => unknown[] },
  ): Promise<JsonText<T> | 'outside' | null> => {
    const cache = heldBy(em);
    const stamp = readCacheOf(em).stamp(key);
    // The copy held when a statement is sent: a concurrent read may replace it meanwhile.
    const held = cache.get(key);
    // A bump of this key was announced since the copy was confirmed: it has most likely moved, so
    // the build's statement is sent at once, given the held version (its JSON comes back only if
    // that version is not current), rather than a check that would be followed by it.
    let moved = false;
    if (held && stamp.listening && held.trust === stamp.trust) {
      if (stamp.caughtUp && held.generation === stamp.generation && held.scopes === stamp.scopes) {
        const inScope = held.decisions.get(scopeKey);
        if (inScope !== undefined) return inScope ? held.json : 'outside';
      }
      moved = held.generation !== stamp.generation;
    }
    if (held && !moved) {
      const row = (await preparedRows<{ version: string; inScope: boolean }>(em, s.check, values.check))[0];
      if (!row) return null;
      if (row.version === held.version) {
        keep(em, key, stamp, { version: row.version, json: held.json, scopeKey, inScope: row.inScope });
        return row.inScope ? held.json : 'outside';
      }
    }
    // Nothing held, or its version moved (or was announced to): the build's statement, whose JSON
    // is left out only when `given` is current.
    const given = moved && held ? held.version : NO_VERSION;
    const row = (await preparedRows<VersionedRow<T>>(em, s.build, values.build(given)))[0];
    if (!row) return null;
    const json = row.json ?? (row.version === given && held ? held.json : null);
    if (json === null)
      throw new Error(`a versioned read returned no JSON for version ${row.version} of ${key}`);
    keep(em, key, stamp, { version: row.version, json, scopeKey, inScope: row.inScope });
    return row.inScope ? json : 'outside';
  };
  /**
   * Holds `json` of `version` as a read that checked no scope found it (db/registry's page of
   * buildings): a copy of the same version is left as it is, with its decisions; another is
   * replaced by one served only after the version check until a read of its own confirms it.
   */
  const hold = (em: EntityManager, key: string, version: string, json: JsonText<T>) => {
    const cache = heldBy(em);
    if (cache.get(key)?.version === version) return;
    cache.set(key, { version, json, trust: -1, generation: 0, scopes: 0, decisions: new Map() });
  };
  return Object.assign(read, { heldBy, hold });
}
