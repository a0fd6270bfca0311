// Who considers an appeal first, by category, and who considers it next. The management
// organization answers for what it runs [design: docs/domain/appeals.md holds management
// organizations to ZRU-445's terms]; the district council for what owners decide together; the
// territorial housing inspection for what threatens safety, since only it may order works or
// sanctions.
import type { AppealCategory, AppealLevel, BodyRef } from './types.ts';

export interface CategoryInfo {
  /** The first body to consider appeals of this category. [design] */
  first: AppealLevel;
  /** Open311 group and English fallback name; widgets translate by the code. */
  group: 'services' | 'utilities' | 'management' | 'governance' | 'safety';
  name: string;
  description: string;
  keywords: string[];
}

export const CATEGORY_INFO: Record<AppealCategory, CategoryInfo> = {
  maintenance: {
    first: 'management_organization',
    group: 'services',
    name: 'Maintenance and repair',
    description: 'Repairs of the roof, facade, entrances, stairs and other common property.',
    keywords: ['repair', 'roof', 'leak', 'entrance'],
  },
  cleaning: {
    first: 'management_organization',
    group: 'services',
    name: 'Cleaning and waste',
    description: 'Cleaning of entrances and the yard, waste collection.',
    keywords: ['cleaning', 'waste', 'yard'],
  },
  heating: {
    first: 'management_organization',
    group: 'utilities',
    name: 'Heating',
    description: 'No heat, cold radiators, leaks in the heating system.',
    keywords: ['heating', 'radiator', 'cold'],
  },
  water: {
    first: 'management_organization',
    group: 'utilities',
    name: 'Water and sewerage',
    description: 'Water supply, pressure, hot water, sewer blockages.',
    keywords: ['water', 'sewer', 'pressure'],
  },
  lift: {
    first: 'management_organization',
    group: 'services',
    name: 'Lift',
    description: 'A lift that is stopped, unsafe or not serviced.',
    keywords: ['lift', 'elevator'],
  },
  dispatch: {
    first: 'management_organization',
    group: 'services',
    name: 'Dispatch service',
    description: 'The 24-hour dispatch service did not answer or did not come.',
    keywords: ['dispatch', 'emergency', 'phone'],
  },
  management_fees: {
    first: 'management_organization',
    group: 'management',
    name: 'Fees and charges',
    description: 'Questions about fees, charges and payments for management.',
    keywords: ['fee', 'payment', 'tariff'],
  },
  // Violations of meeting procedure are the council's to check: it watches over meetings and
  // may call one itself where the law is broken (docs/domain/meetings.md).
  meeting_procedure: {
    first: 'council',
    group: 'governance',
    name: 'General meeting procedure',
    description: 'Notice, quorum, voting or protocol of a general meeting of owners.',
    keywords: ['meeting', 'vote', 'protocol', 'quorum'],
  },
  contract: {
    first: 'management_organization',
    group: 'management',
    name: 'Management contract',
    description: 'Terms and performance of the management contract.',
    keywords: ['contract', 'agreement'],
  },
  common_property: {
    first: 'management_organization',
    group: 'management',
    name: 'Use of common property',
    description: 'Lease or use of basements, roofs, yards and other common property.',
    keywords: ['basement', 'lease', 'common property'],
  },
  // Cracks, collapse, gas and fire risks go straight to the inspection: waiting 15 days for the
  // organization that may have caused them would defeat the point.
  building_safety: {
    first: 'inspection',
    group: 'safety',
    name: 'Building safety',
    description: 'Cracks, risk of collapse, gas, fire or electrical danger.',
    keywords: ['crack', 'collapse', 'gas', 'fire', 'danger'],
  },
  other: {
    first: 'management_organization',
    group: 'services',
    name: 'Other',
    description: 'Anything else about the building or its management.',
    keywords: ['other'],
  },
};

/** What routing needs of a building: BuildingView satisfies it. */
export interface RoutableBuilding {
  district: { id: string; name: string };
  managementOrganization: { id: string; name: string } | null;
}

/** A body on the platform's ladder of levels. */
export type LevelBody = BodyRef & { kind: AppealLevel };

/** The body of a level for a building; a building without an organization falls to its council. */
export function bodyFor(level: AppealLevel, building: RoutableBuilding): LevelBody {
  const org = building.managementOrganization;
  if (level === 'management_organization' && org) {
    return { kind: 'management_organization', id: org.id, name: org.name };
  }
  const kind = level === 'inspection' ? 'inspection' : 'council';
  return { kind, id: building.district.id, name: building.district.name };
}

export const route = (category: AppealCategory, building: RoutableBuilding): LevelBody =>
  bodyFor(CATEGORY_INFO[category].first, building);

/** The level a dispute of this level's answer goes to; null at the top. */
export function nextLevel(level: AppealLevel): AppealLevel | null {
  if (level === 'management_organization') return 'council';
  if (level === 'council') return 'inspection';
  return null;
}
