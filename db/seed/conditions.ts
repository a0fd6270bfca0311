// The assessments behind every demo building's class. The seed draws a class per building (plan.ts
// conditionOf); a class shown without the inspections that led to it would be a claim nobody can
// check, so each classed building gets an inspection of every required element, worn as its class
// needs, and the classification those assessments give under the default policy, with its reasons,
// as the registry would have recorded it. Unclassed buildings stay unassessed. Derived from the
// building's place in the list, not from the seed's random stream, so the rest of the data set is
// unchanged; ids are fresh, as each seed is a new data set.
import { randomUUID } from 'node:crypto';
import type { BuildingElement, ElementAssessment } from '../../domain/registry/assessment.ts';
import { classifyBuilding } from '../../domain/registry/classification.ts';
import { DEFAULT_CLASSIFICATION_POLICY } from '../../domain/registry/classification-policy.ts';
import type { ConditionClass } from '../../domain/registry/types.ts';
import { DEMO_IDS } from './personas.ts';

const POLICY = DEFAULT_CLASSIFICATION_POLICY;
const INSPECTOR = { id: DEMO_IDS.users.inspector, name: 'Jasur Nazarov' };
/** A month before the data set's buildings were recorded (generate.ts DEMO_CREATED_AT). */
const ASSESSED_AT = Date.parse('2026-06-01T10:00:00+05:00');

/** The element whose wear makes a yellow or red building so, in turn, so the demo is not uniform. */
const YELLOW_BY: BuildingElement[] = ['roof', 'heating', 'water_supply', 'sewerage', 'electricity'];
const RED_BY: BuildingElement[] = ['facade', 'roof', 'foundation'];

function wearsFor(cls: ConditionClass, n: number): Map<BuildingElement, number> {
  const wears = new Map<BuildingElement, number>();
  // Below both element thresholds and, averaged, below the yellow average.
  POLICY.required.forEach((element, i) => {
    wears.set(element, 12 + ((n + i * 7) % 14));
  });
  if (cls === 'yellow') wears.set(YELLOW_BY[n % YELLOW_BY.length]!, POLICY.yellowWear + (n % 20));
  if (cls === 'red') wears.set(RED_BY[n % RED_BY.length]!, POLICY.redWear + (n % 15));
  return wears;
}

export interface DemoConditionRows {
  assessments: {
    id: string;
    building: string;
    element: BuildingElement;
    wearPercent: number;
    defects: [];
    inspectorId: string;
    inspectorName: string;
    assessedAt: Date;
    createdAt: Date;
  }[];
  classifications: {
    id: string;
    building: string;
    outcome: ConditionClass;
    previousOutcome: null;
    reasons: ReturnType<typeof classifyBuilding>['reasons'];
    averageWear: number | null;
    policy: typeof POLICY;
    cause: string;
    decidedAt: Date;
  }[];
}

export function demoConditionRows(
  buildings: readonly { id: string; conditionClass: ConditionClass | null; createdAt: Date }[],
): DemoConditionRows {
  const rows: DemoConditionRows = { assessments: [], classifications: [] };
  buildings.forEach((b, n) => {
    if (!b.conditionClass) return;
    const assessed: ElementAssessment[] = [...wearsFor(b.conditionClass, n)].map(
      ([element, wearPercent]) => ({
        element,
        wearPercent,
        defects: [],
        inspectorId: INSPECTOR.id,
        assessedAt: ASSESSED_AT,
      }),
    );
    const result = classifyBuilding(POLICY, assessed);
    // The rows must tell the class the building shows; a policy change that breaks this fails the seed.
    if (result.class !== b.conditionClass)
      throw new Error(`demo assessments of ${b.id} give ${result.class}, not ${b.conditionClass}`);
    for (const a of assessed)
      rows.assessments.push({
        id: randomUUID(),
        building: b.id,
        element: a.element,
        wearPercent: a.wearPercent,
        defects: [],
        inspectorId: INSPECTOR.id,
        inspectorName: INSPECTOR.name,
        assessedAt: new Date(ASSESSED_AT),
        createdAt: b.createdAt,
      });
    rows.classifications.push({
      id: randomUUID(),
      building: b.id,
      outcome: b.conditionClass,
      previousOutcome: null,
      reasons: result.reasons,
      averageWear: result.averageWear,
      policy: POLICY,
      cause: 'assessment',
      decidedAt: b.createdAt,
    });
  });
  return rows;
}
