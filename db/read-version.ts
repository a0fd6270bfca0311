// A version per cached read (a building's card, a meeting's view), kept by triggers on every table
// the read is built of: each write to those rows bumps it in the same transaction. The API keeps
// each read's JSON in process (db/read-cache.ts `versionedJson`) and asks PostgreSQL only for the version
// and the caller's scope, re-reading the JSON when the version moved; no write path can forget to
// invalidate, because none of them is asked to. Rows are never deleted, so a version never repeats
// for its key (a deleted and re-inserted building or meeting continues its count).
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

/** PL/pgSQL that bumps the version of every id `ids` (a query of one uuid column) selects. */
const bumpReadVersions = (ids: string) =>
  `insert into read_version (id, version) select x.id, 1 from (${ids}) as x(id) where x.id is not null
     on conflict (id) do update set version = read_version.version + 1;`;

/**
 * An after-row trigger on `table` that bumps the versions of the ids `key(row)` (a query of one
 * uuid column over the old or the new row) selects: for an update both, since a row moved from one
 * building or meeting to another changes both, and only when `when` (over old and new) holds.
 */
export function bumpsReadVersion(
  table: string,
  key: (row: 'old' | 'new') => string,
  opts: { when?: string } = {},
) {
  const changed = opts.when ?? 'true';
  return {
    name: `${table}_read_version`,
    timing: 'after' as const,
    events: ['insert' as const, 'update' as const, 'delete' as const],
    forEach: 'row' as const,
    body: `if tg_op = 'INSERT' then
               ${bumpReadVersions(key('new'))}
             elsif tg_op = 'DELETE' then
               ${bumpReadVersions(key('old'))}
             elsif ${changed} then
               ${bumpReadVersions(`${key('old')} union ${key('new')}`)}
             end if;
             return null;`,
  };
}
