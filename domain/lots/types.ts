// The vocabulary of lots: what the partition needs to know of a building, and what a lot is.
import type { ConditionClass } from '../registry/types.ts';

/** A point in degrees (WGS 84), e.g. the centroid of the building's land plot. */
export interface GeoPoint {
  lon: number;
  lat: number;
}

/** A building as the partition sees it. */
export interface LotBuilding {
  id: string;
  apartments: number;
  /** The registry's class; null while the building is unassessed. */
  conditionClass: ConditionClass | null;
  /** Null when the building has no land plot on record: its street places it then. */
  point: GeoPoint | null;
  /** The street of its address, normalized by the caller (used when `point` is null). */
  street: string;
}

/** A building's class as the lot's mix counts it. */
export type MixClass = ConditionClass | 'unassessed';

export type ClassMix = Record<MixClass, number>;

/** A lot of a partition: buildings by id, in the partition's spatial order. */
export interface Lot {
  buildingIds: string[];
}

/** A lot with the figures the officer and the checks read. */
export interface LotFigures extends Lot {
  apartments: number;
  /** Buildings by class. */
  mix: ClassMix;
}
