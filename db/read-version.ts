// A version per cached read (a building's card, a meeting's view), kept by triggers on every table
// the read is built of: each write to those rows bumps it in the same transaction. The API keeps
// each read's JSON in process (db/read-cache.ts `versionedJson`) and asks PostgreSQL only for the version
// and the caller's scope, re-reading the JSON when the version moved; no write path can forget to
// invalidate, because none of them is asked to. Rows are never deleted, so a version never repeats
// for its key (a deleted and re-inserted building or meeting continues its count). Each bump is also
// announced on READ_VERSION_CHANNEL, and each change to what the callers' scope checks read on
// READ_SCOPE_CHANNEL: an API process that listens (db/read-cache-listener.ts) then serves a held
// read without asking PostgreSQL until it hears of a change.
import { defineEntity, p } from '@mikro-orm/core';

export const ReadVersion = defineEntity({
  name: 'ReadVersion',
  tableName: 'read_version',
  properties: {
    /**
     * The building's or the meeting's id, or a key derived from one (the appeals board's, from its
     * district's: db/appeals/entities.ts boardKey): UUIDs, so they never collide.
     */
    id: p.uuid().primary(),
    version: p.bigint('string'),
  },
});

export const readVersionEntities = [ReadVersion];

/** Carries each bumped id (payload: the id as text) to the processes that listen. */
export const READ_VERSION_CHANNEL = 'read_version';
/** Carries "some caller's scope may have changed" (empty payload): listeners drop every scope decision. */
export const READ_SCOPE_CHANNEL = 'read_scope';

/**
 * PL/pgSQL that bumps the version of every id `ids` (a query of one uuid column) selects and, unless
 * `notify` is false, announces each. PostgreSQL delivers a notification only when its transaction
 * commits (none for a rollback) and once per id per transaction, so a bulk write announces each
 * key once, after the rows a listener would re-read are visible.
 */
const bumpReadVersions = (ids: string, notify: boolean) =>
  `insert into read_version (id, version) select x.id, 1 from (${ids}) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;${
       notify
         ? `
               perform pg_notify('${READ_VERSION_CHANNEL}', x.id::text) from (${ids}) as x(id) where x.id is not null;`
         : ''
     }`;

/**
 * An after-row trigger on `table` that bumps the versions of the ids `key(row)` (a query of one
 * uuid column over the old or the new row) selects: for an update both, since a row moved from one
 * building or meeting to another changes both, and only when `when` (over old and new) holds.
 * `notify: false` for a version nobody listens for: a transaction that notifies takes a lock at
 * commit that every other notifying commit in the cluster waits on.
 */
export function bumpsReadVersion(
  table: string,
  key: (row: 'old' | 'new') => string,
  opts: { when?: string; notify?: boolean } = {},
) {
  const changed = opts.when ?? 'true';
  const bump = (ids: string) => bumpReadVersions(ids, opts.notify ?? true);
  return {
    name: `${table}_read_version`,
    timing: 'after' as const,
    events: ['insert' as const, 'update' as const, 'delete' as const],
    forEach: 'row' as const,
    body: `if tg_op = 'INSERT' then
               ${bump(key('new'))}
             elsif tg_op = 'DELETE' then
               ${bump(key('old'))}
             elsif ${changed} then
               ${bump(`${key('old')} union ${key('new')}`)}
             end if;
             return null;`,
  };
}

/**
 * An after trigger on `table` that announces on READ_SCOPE_CHANNEL a change to rows the callers'
 * scope checks read (db/registry/scope.ts scopeWhere, db/meetings/sql.ts meetingScopeSql): who owns
 * which apartment, which building an apartment is in, a building's district or management company.
 * Per statement when `when` is absent (also for TRUNCATE, which fires no row trigger); per row, and
 * only when `when` holds, otherwise. Such writes are rare beside reads, and one of them makes each
 * listening process ask PostgreSQL again for every caller's scope, so no write path has to know
 * which callers it affects. A change to meeting_building needs none: it bumps the meeting's own
 * version, which drops that meeting's decisions with its view.
 */
export function notifiesScopeChange(table: string, opts: { when?: string } = {}) {
  return {
    name: `${table}_read_scope`,
    timing: 'after' as const,
    events: opts.when
      ? ['update' as const]
      : ['insert' as const, 'update' as const, 'delete' as const, 'truncate' as const],
    forEach: opts.when ? ('row' as const) : ('statement' as const),
    ...(opts.when ? { when: opts.when } : {}),
    body: `perform pg_notify('${READ_SCOPE_CHANNEL}', '');
             return null;`,
  };
}
