import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROGRAMME_POLICY,
  draftProgramme,
  type ProgrammeBuilding,
  programmeTotals,
} from './programme.ts';

const policy = DEFAULT_PROGRAMME_POLICY;

const building = (
  id: string,
  conditionClass: ProgrammeBuilding['conditionClass'],
  elements: ProgrammeBuilding['elements'],
): ProgrammeBuilding => ({ id, conditionClass, totalArea: 3000, elements });

describe('draftProgramme', () => {
  const buildings = [
    building('g', 'green', [
      { element: 'roof', wearPercent: 20, criticalDefects: 0 },
      { element: 'heating', wearPercent: 45, criticalDefects: 0 },
    ]),
    building('r', 'red', [
      { element: 'facade', wearPercent: 75, criticalDefects: 0 },
      { element: 'sewerage', wearPercent: 50, criticalDefects: 0 },
      { element: 'electricity', wearPercent: 65, criticalDefects: 0 },
    ]),
    building('y', 'yellow', [
      { element: 'elevators', wearPercent: 30, criticalDefects: 1 },
      { element: 'water_supply', wearPercent: 55, criticalDefects: 0 },
    ]),
  ];
  const works = draftProgramme(buildings, policy);

  it('gives a work to each element worn past the threshold or with a critical defect, and none to the others', () => {
    expect(works.map((w) => `${w.buildingId}:${w.element}`).sort()).toEqual(
      ['g:heating', 'r:electricity', 'r:facade', 'r:sewerage', 'y:elevators', 'y:water_supply'].sort(),
    );
  });

  it('puts urgent works first and in year 1, then red buildings before the others, worst element first, spreading the cost over the years', () => {
    expect(works.map((w) => `${w.buildingId}:${w.element}:${w.year}`)).toEqual([
      'r:facade:1',
      'y:elevators:1',
      'r:electricity:3',
      'r:sewerage:3',
      'y:water_supply:4',
      'g:heating:5',
    ]);
  });

  it('never moves a year back: the draft is in programme order', () => {
    const years = works.map((w) => w.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('costs each work by the building area and names who pays by default', () => {
    expect(works[0]).toMatchObject({ estimatedCost: 3000 * policy.costPerM2.facade, source: 'state_fund' });
    expect(works[1]).toMatchObject({ source: 'district_funds' });
    expect(works.find((w) => w.element === 'heating')).toMatchObject({ source: 'owners_contributions' });
  });

  it('follows the policy: a lower threshold brings in more works', () => {
    const more = draftProgramme(buildings, { ...policy, workWear: 20 });
    expect(more.length).toBe(works.length + 1);
  });
});

describe('programmeTotals', () => {
  it('sums by year and by source to the same total', () => {
    const works = draftProgramme(
      [
        building('a', 'red', [{ element: 'roof', wearPercent: 90, criticalDefects: 2 }]),
        building('b', null, [{ element: 'gas', wearPercent: 50, criticalDefects: 0 }]),
      ],
      policy,
    );
    const t = programmeTotals(works, 5);
    expect(t.total).toBe(works.reduce((s, w) => s + w.estimatedCost, 0));
    expect(t.byYear.reduce((s, n) => s + n, 0)).toBe(t.total);
    expect(Object.values(t.bySource).reduce((s, n) => s + n, 0)).toBe(t.total);
    expect(t.bySource.state_fund).toBe(3000 * policy.costPerM2.roof);
  });
});
