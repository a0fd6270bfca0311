// What other capabilities may read of the registry's storage besides its shared base
// (entities.ts, scope.ts): the latest condition assessment of each element of some buildings, as a
// lot's five-year programme is drafted from them.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BuildingElement } from '../../domain/registry/public.ts';

export interface LatestAssessment {
  buildingId: string;
  element: BuildingElement;
  wearPercent: number;
  criticalDefects: number;
}

/** The latest assessment of each assessed element of these buildings (none for the unassessed). */
export async function latestAssessmentsOf(
  em: EntityManager,
  buildingIds: readonly string[],
): Promise<LatestAssessment[]> {
  if (buildingIds.length === 0) return [];
  return em.execute<LatestAssessment[]>(
    `select distinct on (building_id, element) building_id as "buildingId", element,
            wear_percent as "wearPercent",
            (select count(*) from jsonb_array_elements(defects) d where (d->>'critical')::boolean)::int as "criticalDefects"
       from element_assessment where building_id = any(?::uuid[])
      order by building_id, element, assessed_at desc, created_at desc, id desc`,
    [`{${buildingIds.join(',')}}`],
  );
}
