// Which buildings a principal's scope covers, as SQL. Shared by the registry's reads and by every
// capability whose rows hang off buildings (meetings), so the scope rules exist once.
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
