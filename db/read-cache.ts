// Reads the API serves at portal rates, held in process and checked on every request by the
// version db/read-version.ts's triggers keep: one home for the cache beside the statements it runs.
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

/** What a versioned read's statement returns: `json` is null when `version` is the one it was given. */
export interface VersionedRow<T> {
  version: string;
  inScope: boolean;
  json: JsonText<T> | null;
}

/** Given to a versioned read's statement when nothing is cached: no version is ever this. */
const NO_VERSION = '-1';

/**
 * Reads of JSON the API serves at portal rates, kept in process per key (at most `max`, least
 * recently used out) with the version db/read-version.ts's triggers bump on every write to the
 * rows the JSON is built of. Each read still runs one prepared statement: with a copy held, `check`,
 * which checks the caller's scope and returns the key's current version (small, so PostgreSQL
 * neither plans nor starts the JSON's executor nodes on every request); when nothing is held or the
 * version moved, `build`, which returns the version, the scope and the JSON (`values.build` is
 * given NO_VERSION, which no version equals, so its JSON is never left out). So a committed write shows
 * on the very next read, the scope is checked on every request, and PostgreSQL builds the JSON only
 * after a write. The copy is the same for every caller, so only
 * JSON with nothing of the caller in it may be read this way. One cache per ORM (tests run several
 * databases, with the same seeded ids, in one process), of at most `max.entries` copies and
 * `max.chars` characters of JSON together. Null when the key names no row; 'outside' when the
 * scope does not cover it.
 */
export function versionedJson<T>(max: { entries: number; chars: number }) {
  const caches = new WeakMap<object, Lru<string, { version: string; json: JsonText<T> }>>();
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
  const read = async (
    em: EntityManager,
    s: { check: Statement; build: Statement },
    key: string,
    values: { check: unknown[]; build: (version: string) => unknown[] },
  ): Promise<JsonText<T> | 'outside' | null> => {
    const cache = heldBy(em);
    // The copy held when a statement is sent: a concurrent read may replace it meanwhile.
    const held = cache.get(key);
    if (held) {
      const row = (await preparedRows<{ version: string; inScope: boolean }>(em, s.check, values.check))[0];
      if (!row) return null;
      if (row.version === held.version) return row.inScope ? held.json : 'outside';
    }
    // Nothing held, or its version moved: the build's statement must return the JSON.
    const row = (await preparedRows<VersionedRow<T>>(em, s.build, values.build(NO_VERSION)))[0];
    if (!row) return null;
    if (row.json === null)
      throw new Error(`a versioned read returned no JSON for version ${row.version} of ${key}`);
    cache.set(key, { version: row.version, json: row.json });
    return row.inScope ? row.json : 'outside';
  };
  return Object.assign(read, { heldBy });
}
