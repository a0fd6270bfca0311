import { describe, expect, it } from 'vitest';
import type { BuildingElement, ElementAssessment } from './assessment.ts';
import { classifyBuilding, isReclassification, weightedAverageWear } from './classification.ts';
import { DEFAULT_CLASSIFICATION_POLICY, resolveClassificationPolicy } from './classification-policy.ts';

const P = DEFAULT_CLASSIFICATION_POLICY;
const REQUIRED = P.required;

const a = (
  element: BuildingElement,
  wearPercent: number,
  critical: string[] = [],
  at = 1,
): ElementAssessment => ({
  element,
  wearPercent,
  defects: critical.map((description) => ({ description, critical: true })),
  inspectorId: 'insp',
  assessedAt: at,
});
/** Every required element at the same wear, then the overrides. */
const building = (wear: number, ...over: ElementAssessment[]) => [
  ...REQUIRED.map((e) => a(e, wear)),
  ...over.map((o) => ({ ...o, assessedAt: 2 })),
];

describe('classifyBuilding', () => {
  it('is green with no rule fired', () => {
    const c = classifyBuilding(P, building(10));
    expect(c).toMatchObject({ class: 'green', reasons: [], averageWear: 10 });
    expect(c.basis.map((b) => b.element)).toEqual([
      'roof',
      'facade',
      'foundation',
      'heating',
      'water_supply',
      'sewerage',
      'electricity',
    ]);
  });

  it('element wear: 39 green, 40 yellow, 69 yellow, 70 red', () => {
    const cls = (w: number) => classifyBuilding(P, building(0, a('sewerage', w)));
    expect(cls(39).class).toBe('green');
    expect(cls(40).class).toBe('yellow');
    expect(cls(40).reasons).toEqual([
      { rule: 'element_wear', class: 'yellow', element: 'sewerage', wearPercent: 40, threshold: 40 },
    ]);
    expect(cls(69).class).toBe('yellow');
    expect(cls(70).class).toBe('red');
    expect(cls(70).reasons[0]).toEqual({
      rule: 'element_wear',
      class: 'red',
      element: 'sewerage',
      wearPercent: 70,
      threshold: 70,
    });
    // A red element does not also report its yellow rule.
    expect(cls(70).reasons.filter((r) => r.rule === 'element_wear')).toHaveLength(1);
  });

  it('average wear: exactly 30 is yellow, 29.99 green; exactly 60 red, below yellow', () => {
    // Weights 3+2+2+2+1+1+1 = 12; all at 30 except none → average 30, no element ≥ 40.
    expect(classifyBuilding(P, building(30))).toMatchObject({
      class: 'yellow',
      averageWear: 30,
      reasons: [{ rule: 'average_wear', class: 'yellow', averageWear: 30, threshold: 30 }],
    });
    expect(classifyBuilding(P, building(29.99)).class).toBe('green');
    // Per-element thresholds off to isolate the average rule.
    const avgOnly = resolveClassificationPolicy({ redWear: 101, yellowWear: 101 });
    expect(classifyBuilding(avgOnly, building(60)).reasons).toEqual([
      { rule: 'average_wear', class: 'red', averageWear: 60, threshold: 60 },
    ]);
    expect(classifyBuilding(avgOnly, building(59.99)).class).toBe('yellow');
  });

  it('weights the average: foundation counts three times', () => {
    // (3·48 + 9·0) / 12 = 12 → green on average, but foundation alone is yellow.
    const c = classifyBuilding(P, building(0, a('foundation', 48)));
    expect(c.averageWear).toBe(12);
    // A worn foundation drives the average: (3·100 + 9·48) / 12 = 61.
    const d = classifyBuilding(P, building(48, a('foundation', 100)));
    expect(d.averageWear).toBe(61);
    expect(d.reasons.map((r) => r.rule)).toContain('average_wear');
  });

  it('a critical defect is red in a load-bearing element, yellow elsewhere', () => {
    const facade = classifyBuilding(P, building(0, a('facade', 5, ['crack in bearing wall'])));
    expect(facade.class).toBe('red');
    expect(facade.reasons).toEqual([
      {
        rule: 'critical_defect',
        class: 'red',
        element: 'facade',
        loadBearing: true,
        defects: ['crack in bearing wall'],
      },
    ]);
    const gas = classifyBuilding(P, building(0, a('gas', 5, ['leak'])));
    expect(gas.class).toBe('yellow');
    expect(gas.reasons[0]).toMatchObject({ rule: 'critical_defect', element: 'gas', loadBearing: false });
    const minor = building(0, { ...a('roof', 5), defects: [{ description: 'moss', critical: false }] });
    expect(classifyBuilding(P, minor).class).toBe('green');
  });

  it('is unknown when a required element is missing, and still lists what fired', () => {
    const c = classifyBuilding(
      P,
      building(0, a('foundation', 5, ['subsidence'])).filter((x) => x.element !== 'heating'),
    );
    expect(c.class).toBe('unknown');
    expect(c.reasons.map((r) => [r.rule, r.class])).toEqual([
      ['missing_assessment', 'unknown'],
      ['critical_defect', 'red'],
    ]);
    expect(classifyBuilding(P, []).averageWear).toBeNull();
  });

  it('optional elements count when assessed and are not required', () => {
    expect(classifyBuilding(P, building(0, a('elevators', 75))).class).toBe('red');
  });

  it('reads only the latest assessment of an element', () => {
    const old = a('roof', 90, ['hole'], 1);
    expect(classifyBuilding(P, [...building(0, a('roof', 10)), old]).class).toBe('green');
  });

  it('sorts reasons most severe first', () => {
    const c = classifyBuilding(P, building(0, a('gas', 45), a('roof', 80)));
    expect(c.reasons.map((r) => r.class)).toEqual(['red', 'yellow']);
  });
});

describe('policy and helpers', () => {
  it('merges weights element by element', () => {
    const p = resolveClassificationPolicy({ weights: { gas: 5 } }, undefined, { redWear: 80 });
    expect(p.weights).toEqual({ ...P.weights, gas: 5 });
    expect(p.redWear).toBe(80);
    expect(P.weights.gas).toBe(1);
  });
  it('leaves zero-weight elements out of the average', () => {
    const p = resolveClassificationPolicy({ weights: { roof: 0 } });
    expect(weightedAverageWear(p, [a('roof', 100)])).toBeNull();
    expect(weightedAverageWear(p, [a('roof', 100), a('gas', 20)])).toBe(20);
  });
  it('tells a reclassification', () => {
    const c = classifyBuilding(P, building(10));
    expect(isReclassification('green', c)).toBe(false);
    expect(isReclassification(null, c)).toBe(true);
    expect(isReclassification(null, classifyBuilding(P, []))).toBe(false);
  });
});
