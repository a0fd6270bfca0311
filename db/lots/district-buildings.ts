// A district's buildings as the lots' editor draws them: apartments, condition class, where they
// stand (the land plot's centre, else the street of the address) and the lot each is in now, so a
// browser checks the officer's edits of a proposal with the same rules the save applies.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MixClass } from '../../domain/lots/types.ts';
import { isUuid } from '../sql.ts';

export interface DistrictLotBuilding {
  id: string;
  address: string;
  apartments: number;
  conditionClass: MixClass;
  lon: number | null;
  lat: number | null;
  lotId: string | null;
}

export async function districtBuildingsForLots(
  em: EntityManager,
  districtId: string,
): Promise<DistrictLotBuilding[]> {
  if (!isUuid(districtId)) return [];
  return em.execute<DistrictLotBuilding[]>(
    `select b.id, b.address, (select count(*) from apartment a where a.building_id = b.id)::int as apartments,
            coalesce(b.condition_class::text, 'unassessed') as "conditionClass", b.plot_lon as lon,
            b.plot_lat as lat, m.lot_id as "lotId"
       from building b left join lot_membership m on m.building_id = b.id and m.until is null
      where b.district_id = ? order by b.address_sort_key, b.id`,
    [districtId],
  );
}
