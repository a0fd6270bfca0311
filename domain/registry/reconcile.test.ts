import { describe, expect, it } from 'vitest';
import { type ReconciliationInput, reconcileBuilding } from './reconcile.ts';

type Apartment = ReconciliationInput['apartments'][number];

const apt = (number: string, area: number, shares: [number, number][]): Apartment => ({
  id: `apt-${number}`,
  number,
  area,
  shares: shares.map(([num, den]) => ({ num, den })),
});

const building = (apartments: Apartment[], livingArea = 1000, totalArea = 1200): ReconciliationInput => ({
  building: { id: 'b1', totalArea, livingArea },
  apartments,
});

describe('reconcileBuilding', () => {
  it('accepts a consistent building, including thirds that sum to exactly one', () => {
    const input = building([
      apt('1', 50.5, [[1, 1]]),
      apt('2', 60.25, [
        [1, 3],
        [2, 3],
      ]),
      apt('3', 70, [
        [1, 2],
        [1, 4],
        [1, 4],
      ]),
    ]);
    expect(reconcileBuilding(input)).toEqual([]);
  });

  it('reports an apartment without owners', () => {
    expect(reconcileBuilding(building([apt('7', 40, [])]))).toEqual([
      { kind: 'no_owner', apartmentId: 'apt-7', apartmentNumber: '7' },
    ]);
  });

  it('reports shares that fall short of or exceed one, with the exact sum', () => {
    const findings = reconcileBuilding(
      building([
        apt('1', 40, [
          [1, 3],
          [1, 3],
        ]),
        apt('2', 40, [
          [1, 2],
          [2, 3],
        ]),
      ]),
    );
    expect(findings).toEqual([
      {
        kind: 'shares_not_whole',
        apartmentId: 'apt-1',
        apartmentNumber: '1',
        sum: { numerator: 2, denominator: 3 },
      },
      {
        kind: 'shares_not_whole',
        apartmentId: 'apt-2',
        apartmentNumber: '2',
        sum: { numerator: 7, denominator: 6 },
      },
    ]);
  });

  it('reports non-positive shares instead of summing them', () => {
    expect(
      reconcileBuilding(
        building([
          apt('1', 40, [
            [0, 2],
            [1, 1],
          ]),
        ]),
      ),
    ).toEqual([
      {
        kind: 'invalid_share',
        apartmentId: 'apt-1',
        apartmentNumber: '1',
        share: { numerator: 0, denominator: 2 },
      },
    ]);
  });

  it('allows apartment areas that exactly fill the living area (decimal sums are exact)', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; in hundredths it is exactly 0.3.
    const input = building([apt('1', 0.1, [[1, 1]]), apt('2', 0.2, [[1, 1]])], 0.3, 0.3);
    expect(reconcileBuilding(input)).toEqual([]);
  });

  it('reports apartments exceeding the living area by one hundredth', () => {
    const input = building([apt('1', 500, [[1, 1]]), apt('2', 500.01, [[1, 1]])], 1000, 1200);
    expect(reconcileBuilding(input)).toEqual([
      { kind: 'apartments_exceed_living_area', apartmentsArea: 1000.01, livingArea: 1000 },
    ]);
  });

  it('reports apartments exceeding both living and total area', () => {
    const input = building([apt('1', 1300, [[1, 1]])], 1000, 1200);
    expect(reconcileBuilding(input).map((f) => f.kind)).toEqual([
      'apartments_exceed_living_area',
      'apartments_exceed_total_area',
    ]);
  });

  it('reports a declared living area larger than the total area, but not an equal one', () => {
    expect(reconcileBuilding(building([], 1200, 1200))).toEqual([]);
    expect(reconcileBuilding(building([], 1200.01, 1200))).toEqual([
      { kind: 'living_area_exceeds_total_area', livingArea: 1200.01, totalArea: 1200 },
    ]);
  });
});
