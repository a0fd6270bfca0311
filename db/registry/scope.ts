// Which buildings a principal's scope covers, as SQL, and whether it covers a given building: the
// registry's public scope helpers, shared by its own reads and by every capability whose rows hang
// off buildings (meetings, their initiation), so the scope rules exist once.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BuildingScope } from '../../domain/access/roles.ts';
import { executeBound, isUuid } from '../sql.ts';

/** The scope as a WHERE fragment on a building aliased `b`; null when the scope can see nothing. */
export function scopeWhere(scope: BuildingScope): { sql: string; params: unknown[] } | null {
  switch (scope.kind) {
    case 'all':
      return { sql: 'true', params: [] };
    case 'district':
      return isUuid(scope.districtId) ? { sql: 'b.district_id = ?', params: [scope.districtId] } : null;
    case 'organization':
      return isUuid(scope.organizationId)
        ? { sql: 'b.management_organization_id = ?', params: [scope.organizationId] }
        : null;
    case 'owner':
      return isUuid(scope.personId)
        ? {
            sql: `exists (select 1 from ownership o join apartment a on a.id = o.apartment_id
                          where a.building_id = b.id and o.person_id = ?)`,
            params: [scope.personId],
          }
        : null;
    case 'none':
      return null;
  }
}

/**
 * The scope as the key of a decision held in process (db/read-cache.ts): everything scopeWhere's
 * parameters are made of, so two scopes with one key always get the same answer from it.
 */
export function scopeKeyOf(scope: BuildingScope): string {
  switch (scope.kind) {
    case 'all':
    case 'none':
      return scope.kind;
    case 'district':
      return `district:${scope.districtId}`;
    case 'organization':
      return `organization:${scope.organizationId}`;
    case 'owner':
      return `owner:${scope.personId}`;
  }
}

/** False also when the building does not exist: callers tell 403 from 404 with the registry's getBuilding. */
export async function isBuildingInScope(
  em: EntityManager,
  scope: BuildingScope,
  buildingId: string,
): Promise<boolean> {
  const where = scopeWhere(scope);
  if (!where || !isUuid(buildingId)) return false;
  const rows = await em.execute<{ ok: boolean }[]>(
    `select exists (select 1 from building b where b.id = ? and ${where.sql}) as ok`,
    [buildingId, ...where.params],
  );
  return rows[0]?.ok === true;
}

/**
 * The people who act for organizations, district councils or named accounts: the persons behind
 * the user accounts granted `management_company` for one of `organizationIds` or `council` in one
 * of `councilDistrictIds`, and behind `userIds`. A notice to an organization reaches them by their
 * own channels (notifications), besides its mailbox, which is no person. Each person once.
 */
export async function peopleActingFor(
  em: EntityManager,
  who: {
    organizationIds?: (string | null)[];
    councilDistrictIds?: (string | null)[];
    userIds?: (string | null)[];
  },
): Promise<string[]> {
  const ids = (xs: (string | null)[] | undefined) => (xs ?? []).filter((x): x is string => !!x && isUuid(x));
  const rows = await executeBound<{ person_id: string }>(
    em,
    `select distinct u.person_id from user_account u
       left join role_grant g on g.user_id = u.id
      where u.person_id is not null
        and ((g.role = 'management_company' and g.organization_id = any($1::uuid[]))
          or (g.role = 'council' and g.district_id = any($2::uuid[]))
          or u.id = any($3::uuid[]))
      order by u.person_id`,
    [ids(who.organizationIds), ids(who.councilDistrictIds), ids(who.userIds)],
  );
  return rows.map((r) => r.person_id);
}
