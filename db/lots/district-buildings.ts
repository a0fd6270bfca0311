// A district's buildings as the lots' editor draws them: apartments, condition class, where they
// stand (the land plot's centre, else the street of the address), the plot's outline from the
// registry's GeoJSON (each polygon's outer ring: holes change nothing at a district's scale) and the
// lot each is in now, so a browser draws the map and checks the officer's edits of a proposal with
// the same rules the save applies.
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
  /** The land plot's outer rings, [lon, lat] each; null while no plot is on record. */
  outline: [number, number][][] | null;
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
            b.plot_lat as lat, m.lot_id as "lotId",
            case lp.boundary->>'type'
              when 'Polygon' then jsonb_build_array(lp.boundary->'coordinates'->0)
              when 'MultiPolygon' then (select jsonb_agg(poly->0) from jsonb_array_elements(lp.boundary->'coordinates') poly)
            end as outline
       from building b left join lot_membership m on m.building_id = b.id and m.until is null
       left join land_plot lp on lp.building_id = b.id
      where b.district_id = ? order by b.address_sort_key, b.id`,
    [districtId],
  );
}
