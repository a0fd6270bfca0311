// Green / yellow / red from the latest assessment of each element, with every rule that fired,
// so a reclassification is stored and shown with its reasons rather than as a bare colour.
// The rules, in order of severity (thresholds from ClassificationPolicy):
//   red     — a critical defect in a load-bearing element; any element's wear ≥ redWear;
//             the weighted average wear ≥ redAverage
//   yellow  — a critical defect in any other element; any element's wear ≥ yellowWear;
//             the weighted average wear ≥ yellowAverage
//   green   — none of the above
//   unknown — a required element has no assessment: a building is not green for lack of data.
// An element that fires a red rule does not also report the yellow rule of the same kind.
import {
  BUILDING_ELEMENTS,
  type BuildingElement,
  type ElementAssessment,
  latestByElement,
} from './assessment.ts';
import type { ClassificationPolicy } from './classification-policy.ts';
import type { ConditionClass } from './types.ts';

export type ClassificationOutcome = ConditionClass | 'unknown';

export type ClassificationReason =
  | { rule: 'missing_assessment'; class: 'unknown'; element: BuildingElement }
  | {
      rule: 'critical_defect';
      class: 'red' | 'yellow';
      element: BuildingElement;
      loadBearing: boolean;
      defects: string[];
    }
  | {
      rule: 'element_wear';
      class: 'red' | 'yellow';
      element: BuildingElement;
      wearPercent: number;
      threshold: number;
    }
  | { rule: 'average_wear'; class: 'red' | 'yellow'; averageWear: number; threshold: number };

export interface Classification {
  class: ClassificationOutcome;
  /** Every rule that fired, most severe first; empty for green. */
  reasons: ClassificationReason[];
  /** Weighted average over the assessed elements, to hundredths; null when nothing is assessed. */
  averageWear: number | null;
  /** Which assessment of each element was read, so the class can be traced to inspections. */
  basis: { element: BuildingElement; assessedAt: number; inspectorId: string }[];
}

const SEVERITY: Record<ClassificationReason['class'], number> = { unknown: 3, red: 2, yellow: 1 };

/**
 * The average is rounded to hundredths before it is compared, so the number shown next to the
 * class is the number that decided it (no 59.999999 that displays as 60.00 and stays yellow).
 */
export function weightedAverageWear(
  policy: ClassificationPolicy,
  latest: readonly ElementAssessment[],
): number | null {
  let sum = 0;
  let weights = 0;
  for (const a of latest) {
    const w = policy.weights[a.element] ?? 0;
    sum += w * a.wearPercent;
    weights += w;
  }
  if (weights <= 0) return null;
  return Math.round((sum / weights) * 100) / 100;
}

export function classifyBuilding(
  policy: ClassificationPolicy,
  assessments: readonly ElementAssessment[],
): Classification {
  const byElement = latestByElement(assessments);
  // In the vocabulary's order, not the input's, so the same inspections always read the same.
  const latest = BUILDING_ELEMENTS.flatMap((e) => byElement[e] ?? []);
  const reasons: ClassificationReason[] = [];

  for (const element of policy.required) {
    if (!byElement[element]) reasons.push({ rule: 'missing_assessment', class: 'unknown', element });
  }
  for (const a of latest) {
    const critical = a.defects.filter((d) => d.critical).map((d) => d.description);
    if (critical.length > 0) {
      const loadBearing = policy.loadBearing.includes(a.element);
      const cls = loadBearing ? 'red' : 'yellow';
      reasons.push({
        rule: 'critical_defect',
        class: cls,
        element: a.element,
        loadBearing,
        defects: critical,
      });
    }
    const wear = a.wearPercent;
    if (wear >= policy.redWear) {
      reasons.push({
        rule: 'element_wear',
        class: 'red',
        element: a.element,
        wearPercent: wear,
        threshold: policy.redWear,
      });
    } else if (wear >= policy.yellowWear) {
      reasons.push({
        rule: 'element_wear',
        class: 'yellow',
        element: a.element,
        wearPercent: wear,
        threshold: policy.yellowWear,
      });
    }
  }
  const averageWear = weightedAverageWear(policy, latest);
  if (averageWear !== null && averageWear >= policy.redAverage) {
    reasons.push({ rule: 'average_wear', class: 'red', averageWear, threshold: policy.redAverage });
  } else if (averageWear !== null && averageWear >= policy.yellowAverage) {
    reasons.push({ rule: 'average_wear', class: 'yellow', averageWear, threshold: policy.yellowAverage });
  }

  // Stable sort keeps the rule order within a class, so the reasons read the same every time.
  reasons.sort((x, y) => SEVERITY[y.class] - SEVERITY[x.class]);
  const worst = reasons[0]?.class ?? 'green';
  return {
    class: worst,
    reasons,
    averageWear,
    basis: latest.map((a) => ({ element: a.element, assessedAt: a.assessedAt, inspectorId: a.inspectorId })),
  };
}

/** Whether a new classification differs from the stored one and so must be recorded with its reasons. */
export const isReclassification = (stored: ConditionClass | null, next: Classification): boolean =>
  (stored ?? 'unknown') !== next.class;
