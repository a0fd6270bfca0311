// Registry vocabulary shared by the database, the API, the workflows and the widgets.
// Pure types and constants only: widgets import this file into the browser bundle.

export const CONDITION_CLASSES = ['green', 'yellow', 'red'] as const;
export type ConditionClass = (typeof CONDITION_CLASSES)[number];

export const LANGUAGES = ['uz', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Whether an organization may manage buildings (DOMAIN.md: only once entered in the e-register). */
export const REGISTER_STATUSES = ['applicant', 'registered', 'suspended', 'removed'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

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

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
