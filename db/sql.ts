// Small pieces every repository's raw SQL shares. MikroORM inlines parameters into the SQL text
// (it scans for `?`), so queries never contain a literal `?` (no jsonb `?` operators) and never
// pass undefined.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';
import { prepareValue } from 'pg/lib/utils.js';
import type { Page } from '../domain/common/page.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs, bodies and tokens; a malformed one names nothing (and must not become a SQL error). */
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

/** bigint and numeric columns arrive as strings; weights must stay exact, so refuse what is not. */
export function int(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`expected a safe integer, got ${String(value)}`);
  return n;
}

/** The driver hands timestamps over as text or Date (entities as epoch ms); the API speaks ISO 8601 in UTC. */
export const iso = (value: unknown): string => new Date(value as string).toISOString();
export const isoOrNull = (value: unknown): string | null => (value == null ? null : iso(value));
/** `iso` inside SQL, for views PostgreSQL builds as JSON: the same text (milliseconds truncated, as a Date does). */
export const isoSql = (timestamptz: string): string =>
  `to_char(${timestamptz} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

declare const jsonOf: unique symbol;
/** JSON text PostgreSQL built of a T, for a read that hands it on without parsing it. */
export type JsonText<T> = string & { readonly [jsonOf]: T };
export const parseJsonText = <T>(text: JsonText<T>): T => JSON.parse(text) as T;

export interface PageRequest {
  page: number;
  pageSize: number;
}

export function paging(p: PageRequest): { page: number; pageSize: number; offset: number } {
  const page = Math.max(1, Math.floor(p.page) || 1);
  const pageSize = Math.min(1000, Math.max(1, Math.floor(p.pageSize) || 20));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export const emptyPage = <T>(p: PageRequest): Page<T> => {
  const { page, pageSize } = paging(p);
  return { items: [], page, pageSize, total: 0 };
};

export interface Statement {
  name: string;
  text: string;
}

/** Texts never carry values, so there are as many as the code writes. */
const statements = new Map<string, Statement>();

/**
 * A read the API serves at portal rates, to run with `preparedRows`: `?` become `$1…` and the
 * name is the text's hash, so one text always has one name, and a text built per scope kind
 * is a statement of its own (made once, then looked up).
 */
export function statement(sql: string): Statement {
  let s = statements.get(sql);
  if (!s) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    s = { name: `mu_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text };
    statements.set(sql, s);
  }
  return s;
}

/**
 * `statement` for a text made of a fixed part and a short varying one (a scope's WHERE): looked up
 * by the short part, so a hot read does not hash and compare its whole text on every call.
 */
export function statementsBy(build: (part: string) => string): (part: string) => Statement {
  const made = new Map<string, Statement>();
  return (part) => {
    let s = made.get(part);
    if (!s) {
      s = statement(build(part));
      made.set(part, s);
    }
    return s;
  };
}

/**
 * Runs a statement as a named prepared statement on the ORM's own pool: PostgreSQL parses and
 * plans it once per connection instead of on every call, which for the hot reads cost more than
 * running them (em.execute inlines the parameters, so each call is new text to plan). Only for
 * reads outside a transaction: it takes any pooled connection. Failures are the ORM's exceptions,
 * as em.execute's are; rows are parsed by the pool's type parsers, as em.execute's are.
 */
export async function preparedRows<T>(em: EntityManager, s: Statement, values: unknown[]): Promise<T[]> {
  try {
    const pool = await em.getConnection().getNativeClient();
    const result = await pool.query({ name: s.name, text: s.text, values });
    return result.rows as T[];
  } catch (err) {
    throw em.getDriver().convertException(err as Error);
  }
}

/**
 * Makes the transactions that name `name` take turns until each commits (a transaction-scoped
 * advisory lock): for a rule no constraint can hold, such as "one open application per building",
 * which two transactions checking at once would both find kept.
 */
export async function takeTurns(tx: EntityManager, name: string): Promise<void> {
  await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [name]);
}

/**
 * Makes the transactions of one Idempotency-Key take turns, before a repository looks for what an
 * earlier attempt stored: a retry sent while the first attempt is still writing (a client that gave
 * up waiting, a double tap) then waits for it and replays its answer, instead of missing its
 * uncommitted row and failing on the unique key (a 500) or on a rule that row now breaks.
 */
export const lockIdempotencyKey = (tx: EntityManager, what: string, key: string): Promise<void> =>
  takeTurns(tx, `idempotency:${what}:${key}`);

/**
 * The total a page reports. Its rows carry it (`count(*) over ()`), but a page past the end has no
 * row to carry it, and the pager still needs it to lead back: then `count` asks for it.
 */
export async function pageTotal(
  rows: readonly { total: string | number }[],
  offset: number,
  count: () => Promise<number>,
): Promise<number> {
  return rows.length > 0 || offset === 0 ? Number(rows[0]?.total ?? 0) : count();
}

/**
 * Runs `sql` with `$1, $2 …` bound by the driver instead of inlined into the text: for statements
 * whose parameter is a batch of thousands of rows as JSON, where inlining (escaping megabytes,
 * then PostgreSQL parsing them as a literal) would cost more than the work. Inside
 * `em.transactional` it runs in that transaction.
 */
export async function executeBound<T>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  const context = (em.getTransactionContext() ?? em.getConnection().getClient()) as {
    executeQuery<R>(query: CompiledQuery<R>): Promise<{ rows: R[] }>;
  };
  const result = await context.executeQuery<T>(CompiledQuery.raw(sql, [...params]));
  return result.rows;
}

/**
 * preparedRows for the hot statements of a write: inside `em.transactional` it runs on that
 * transaction's connection (prepared once per connection, like preparedRows), outside it on any
 * pooled one. A payment runs a dozen such statements; parsing and planning each anew cost the
 * server more than running them. The query builder under the ORM hands its `sql` to pg's
 * `client.query` unchanged, and pg reads a `{ name, text }` there as a named statement.
 */
export async function preparedExecute<T>(em: EntityManager, s: Statement, values: unknown[]): Promise<T[]> {
  const trx = em.getTransactionContext() as
    | { executeQuery<R>(query: CompiledQuery<R>): Promise<{ rows: R[] }> }
    | undefined;
  if (!trx) return preparedRows<T>(em, s, values);
  try {
    const named = { name: s.name, text: s.text } as unknown as string;
    return (await trx.executeQuery<T>(CompiledQuery.raw(named, values))).rows;
  } catch (err) {
    throw em.getDriver().convertException(err as Error);
  }
}

type Client = {
  query(q: unknown): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
  escapeLiteral(text: string): string;
  release(err?: Error | boolean): void;
};
type Query = { name: string; text: string; values: unknown[] };
type Pending = {
  q: Query;
  /** The same as a transaction of its own, answering its caller: its group failed. */
  alone(): Promise<void>;
  resolve(rows: unknown[]): void;
};
type NativePool = {
  query(q: unknown): Promise<{ rows: unknown[] }>;
  connect(): Promise<Client>;
};
type Group = { queue: Pending[]; running: boolean };
const groups = new WeakMap<object, Group[]>();
/** More than this many statements wait for the next commit: one group's locks are not held for long. */
const GROUP_MAX = 64;
/**
 * Groups that commit at the same time, each on its own connection: one lane ran every grouped
 * statement of the process on one server process, one after another, so the others waited behind
 * it while the second core could have run them. A caller's lane follows its key (the rows it
 * locks first, e.g. a building's clearing account), so two lanes rarely want the same row.
 */
const GROUP_LANES = 2;

/** A lane for `key`: the same key always the same lane. */
export function groupLaneOf(key: string | undefined): number {
  if (key === undefined) return 0;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h) % GROUP_LANES;
}

/** The pool's group of `key`'s lane, started draining when it is not already. */
async function joinGroup(
  em: EntityManager,
  key: string | undefined,
  entry: (pool: NativePool) => Omit<Pending, 'resolve'>,
  resolve: (rows: unknown[]) => void,
) {
  const pool = (await em.getConnection().getNativeClient()) as NativePool;
  let lanes = groups.get(pool);
  if (!lanes) {
    lanes = Array.from({ length: GROUP_LANES }, () => ({ queue: [], running: false }));
    groups.set(pool, lanes);
  }
  const g = lanes[groupLaneOf(key)]!;
  g.queue.push({ ...entry(pool), resolve });
  if (!g.running) {
    g.running = true;
    // The callers of this turn of the event loop join the first group.
    setImmediate(() => void drainGroups(pool, g));
  }
}

/**
 * Runs a statement that is its own transaction (preparedRows' kind of write, guarded so that it
 * writes nothing when what it stands on changed) together with the others of its lane (`key`)
 * that arrive while the lane's previous group commits: one transaction, one commit for them all,
 * each caller answered only after it. One group at a time per lane. When any statement of a group
 * fails (its own error, a deadlock with another writer or lane), the whole group has rolled back
 * and each statement runs again alone, as its own transaction: a failure reaches only its own
 * caller, and nothing is written twice. Only for statements that are correct alone, in any order,
 * and whose rerun after a rollback is too.
 */
export function groupCommitted<T>(
  em: EntityManager,
  s: Statement,
  values: unknown[],
  key?: string,
): Promise<T[]> {
  const convert = (err: unknown) => em.getDriver().convertException(err as Error);
  return new Promise<T[]>((resolve, reject) => {
    const q = { name: s.name, text: s.text, values };
    joinGroup(
      em,
      key,
      (pool) => ({
        q,
        alone: () =>
          pool.query(q).then(
            (r) => resolve((r as { rows: T[] }).rows),
            (err) => reject(convert(err)),
          ),
      }),
      (rows) => resolve(rows as T[]),
    ).catch((err) => reject(convert(err)));
  });
}

/** The SQL-level prepared statements of each connection (named apart from pg's own, which it tracks itself). */
const preparedOn = new WeakMap<Client, Set<string>>();

/** A value as pg itself sends it (its own conversion), as an SQL literal the prepared statement types. */
function literal(client: Client, v: unknown): string {
  const sent = prepareValue(v);
  if (sent === null) return 'NULL';
  return typeof sent === 'string' ? client.escapeLiteral(sent) : `'\\x${sent.toString('hex')}'`;
}

/**
 * A group's statements, its begin and its commit, sent as one simple query: one round trip for
 * the whole group instead of one per statement (pg waits for each answer before sending the
 * next), so the group holds its locks and its connection for the time of its work, not of its
 * round trips through two busy processes. Each statement runs as `execute` of a statement the
 * connection prepared once, so it is planned as rarely as pg's own named statements are.
 * Answers each statement's rows, in order; throws when any failed (the transaction is then open
 * and aborted, or never began).
 */
async function runGroup(client: Client, group: readonly Pending[]): Promise<unknown[][]> {
  let prepared = preparedOn.get(client);
  if (!prepared) {
    prepared = new Set();
    preparedOn.set(client, prepared);
  }
  for (const { q } of group) {
    if (prepared.has(q.name)) continue;
    await client.query(`prepare grouped_${q.name} as ${q.text}`);
    prepared.add(q.name);
  }
  const sql = [
    'begin',
    ...group.map(
      ({ q }) => `execute grouped_${q.name}(${q.values.map((v) => literal(client, v)).join(', ')})`,
    ),
    'commit',
  ].join(';\n');
  const results = (await client.query(sql)) as { rows: unknown[] }[];
  return group.map((_, i) => results[i + 1]!.rows);
}

async function drainGroups(pool: NativePool, g: Group) {
  try {
    while (g.queue.length > 0) {
      const group = g.queue.splice(0, GROUP_MAX);
      if (group.length === 1) {
        await group[0]!.alone();
        continue;
      }
      let client: Client | undefined;
      try {
        client = await pool.connect();
        const answers = await runGroup(client, group);
        client.release();
        for (const [i, p] of group.entries()) p.resolve(answers[i]!);
      } catch {
        if (client) {
          // A connection that cannot even roll back is not given to the next request.
          const broken = await client.query('rollback').then(
            () => false,
            () => true,
          );
          client.release(broken);
        }
        // Nothing of the group is written (or, had the commit's answer been lost, each one's
        // guard finds its rows changed and writes nothing again): each runs alone.
        await Promise.all(group.map((p) => p.alone()));
      }
    }
  } finally {
    g.running = false;
  }
}
