// Small pieces every meetings query shares. MikroORM inlines parameters into the SQL text (it
// scans for `?`), so queries here never contain a literal `?` (no jsonb `?` operators) and never
// pass undefined.
import type { BuildingScope } from '../../domain/access/roles.ts';
import type { Page } from '../../domain/common/page.ts';
import { scopeWhere } from '../registry/scope.ts';

export { isUuid } from '../registry/scope.ts';

/** bigint and numeric columns arrive as strings; weights must stay exact, so refuse what is not. */
export function int(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`expected a safe integer, got ${String(value)}`);
  return n;
}

/** The driver hands timestamps over as PostgreSQL text; the API speaks ISO 8601 in UTC. */
export const iso = (value: unknown): string => new Date(value as string).toISOString();
export const isoOrNull = (value: unknown): string | null => (value == null ? null : iso(value));

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

/** A meeting (alias `m`) is in scope when any of its buildings is (the registry's building scope). */
export function meetingScopeSql(scope: BuildingScope): { sql: string; params: unknown[] } | null {
  const b = scopeWhere(scope);
  if (!b) return null;
  if (scope.kind === 'all') return b;
  return {
    sql: `exists (select 1 from meeting_building mb join building b on b.id = mb.building_id
                  where mb.meeting_id = m.id and ${b.sql})`,
    params: b.params,
  };
}

/** The largest common multiple of a set of share denominators, as a SQL expression over `dens(d)`. */
export const LCM_OF_DENOMINATORS = `
  with recursive ordered as (
    select d, row_number() over (order by d) as n from (select distinct d from dens) x
  ), acc(n, scale) as (
    select 0::bigint, 1::bigint
    union all
    select o.n, lcm(acc.scale, o.d::bigint) from acc join ordered o on o.n = acc.n + 1
  )
  select scale from acc order by n desc limit 1`;
