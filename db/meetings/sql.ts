// SQL only meetings' queries share: their scope over buildings and exact share arithmetic.
import type { BuildingScope } from '../../domain/access/roles.ts';
import { scopeWhere } from '../registry/scope.ts';

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
