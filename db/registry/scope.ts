// Which buildings a principal's scope covers, as SQL, and whether it covers a given building: the
// registry's public scope helpers, shared by its own reads and by every capability whose rows hang
// off buildings (meetings, their initiation), so the scope rules exist once.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BuildingScope } from '../../domain/access/roles.ts';
import { isUuid } from '../sql.ts';

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
