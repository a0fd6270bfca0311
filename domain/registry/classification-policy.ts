// The green/yellow/red rule set as data (docs/domain/registry.md: buildings are assessed and
// classified; no criteria published). Every value is [design]: a region replaces them through
// resolveClassificationPolicy, and the classification names the thresholds it used, so a class
// is always explained by the numbers of the policy in force when it was computed.
import type { BuildingElement } from './assessment.ts';

export interface ClassificationPolicy {
  /** Any element at or above this wear makes the building red. [design] 70 */
  redWear: number;
  /** Any element at or above this wear makes it at least yellow. [design] 40 */
  yellowWear: number;
  /** Weighted average wear at or above this makes it red. [design] 60 */
  redAverage: number;
  /** Weighted average wear at or above this makes it at least yellow. [design] 30 */
  yellowAverage: number;
  /**
   * A critical defect here makes the building red; anywhere else, yellow.
   * [design] foundation, facade (the bearing walls) and roof
   */
  loadBearing: BuildingElement[];
  /**
   * Elements every building has; without a current assessment of each the class is unknown.
   * [design] all but gas and elevators, which many buildings lack
   */
  required: BuildingElement[];
  /**
   * Weight of each element in the average wear; an element with no assessment is left out and
   * the others re-weighted. [design] the bearing structure and heating count most
   */
  weights: Record<BuildingElement, number>;
}

export const DEFAULT_CLASSIFICATION_POLICY: ClassificationPolicy = {
  redWear: 70,
  yellowWear: 40,
  redAverage: 60,
  yellowAverage: 30,
  loadBearing: ['foundation', 'facade', 'roof'],
  required: ['roof', 'facade', 'foundation', 'heating', 'water_supply', 'sewerage', 'electricity'],
  weights: {
    foundation: 3,
    facade: 2,
    roof: 2,
    heating: 2,
    water_supply: 1,
    sewerage: 1,
    electricity: 1,
    gas: 1,
    elevators: 1,
  },
};

export type ClassificationPolicyOverrides = Partial<Omit<ClassificationPolicy, 'weights'>> & {
  weights?: Partial<Record<BuildingElement, number>>;
};

/** Layers overrides (national, then region) over the defaults; weights merge element by element. */
export function resolveClassificationPolicy(
  ...layers: (ClassificationPolicyOverrides | undefined)[]
): ClassificationPolicy {
  let policy = DEFAULT_CLASSIFICATION_POLICY;
  for (const layer of layers) {
    if (!layer) continue;
    policy = { ...policy, ...layer, weights: { ...policy.weights, ...layer.weights } };
  }
  return policy;
}
