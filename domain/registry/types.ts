// Registry vocabulary shared by the database, the API, the workflows and the widgets.
// Pure types and constants only: widgets import this file into the browser bundle.
import type { RegisterStatus } from '../common/register-status.ts';

export const CONDITION_CLASSES = ['green', 'yellow', 'red'] as const;
export type ConditionClass = (typeof CONDITION_CLASSES)[number];

/**
 * A building's land plot as GeoJSON (RFC 7946): one outer ring of [lon, lat] positions, closed
 * (the last position repeats the first). The lots' map draws it; the partition reads its centroid.
 */
export interface LandPlotPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}

export interface DistrictView {
  id: string;
  code: string;
  name: string;
  regionId: string;
  regionName: string;
  council: { id: string; name: string; email: string | null };
  buildingCount: number;
}

export interface OrganizationRef {
  id: string;
  tin: string;
  name: string;
  registerStatus: RegisterStatus;
}

export interface BuildingView {
  id: string;
  address: string;
  cadastralNumber: string;
  yearBuilt: number;
  floors: number;
  entrances: number;
  /** m², as a decimal string would lose nothing but the API speaks numbers rounded to 0.01 m². */
  totalArea: number;
  livingArea: number;
  conditionClass: ConditionClass | null;
  district: { id: string; name: string };
  managementOrganization: OrganizationRef | null;
  apartmentCount: number;
}

export interface ApartmentView {
  id: string;
  buildingId: string;
  number: string;
  entrance: number;
  floor: number;
  area: number;
}

export interface OwnershipView {
  personId: string;
  fullName: string;
  /** Exact fraction of the apartment this person owns, e.g. 1/2 for one of two co-owners. */
  share: { numerator: number; denominator: number };
}

export interface MyApartmentView extends ApartmentView {
  address: string;
  share: { numerator: number; denominator: number };
  coOwners: number;
}
