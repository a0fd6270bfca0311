// Counts of buildings by condition class, for a district's or a region's dashboard. A building
// never classified counts as unknown rather than disappearing, so the counts add up to the total.
import type { ClassificationOutcome } from './classification.ts';
import type { ConditionClass } from './types.ts';

export interface ClassCounts {
  green: number;
  yellow: number;
  red: number;
  unknown: number;
  total: number;
}

export interface ClassifiedBuilding {
  districtId: string;
  /** null as stored for a building never classified (BuildingView.conditionClass). */
  conditionClass: ConditionClass | ClassificationOutcome | null;
}

export const emptyCounts = (): ClassCounts => ({ green: 0, yellow: 0, red: 0, unknown: 0, total: 0 });

export function countByClass(buildings: readonly Pick<ClassifiedBuilding, 'conditionClass'>[]): ClassCounts {
  const counts = emptyCounts();
  for (const b of buildings) {
    counts[b.conditionClass ?? 'unknown'] += 1;
    counts.total += 1;
  }
  return counts;
}

/** Per district, in order of district id so the output is the same for the same input. */
export function countByDistrict(
  buildings: readonly ClassifiedBuilding[],
): { districtId: string; counts: ClassCounts }[] {
  const byDistrict = new Map<string, ClassifiedBuilding[]>();
  for (const b of buildings) {
    const list = byDistrict.get(b.districtId);
    if (list) list.push(b);
    else byDistrict.set(b.districtId, [b]);
  }
  return [...byDistrict.keys()]
    .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
    .map((districtId) => ({ districtId, counts: countByClass(byDistrict.get(districtId)!) }));
}
