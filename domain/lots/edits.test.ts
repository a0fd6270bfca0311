import { describe, expect, it } from 'vitest';
import { syntheticDistrict } from './district.test-data.ts';
import { checkLots, mergeLots, moveBuilding, splitLot } from './edits.ts';
import { proposeLots } from './partition.ts';
import { DEFAULT_LOT_POLICY } from './policy.ts';

const policy = DEFAULT_LOT_POLICY;
const district = syntheticDistrict(2000, 7);
const proposal = proposeLots(district, policy);
const lots = proposal.lots.map((l) => ({ buildingIds: l.buildingIds }));

describe('checkLots', () => {
  it('finds nothing wrong with the proposal', () => {
    expect(checkLots(district, lots, policy).violations).toEqual([]);
  });

  it('names a building in two lots and a building the district does not have', () => {
    const twice = [
      { buildingIds: [...lots[0]!.buildingIds, lots[1]!.buildingIds[0]!, 'nope'] },
      ...lots.slice(1),
    ];
    expect(checkLots(district, twice, policy).violations).toEqual([
      { code: 'building_unknown', buildingId: 'nope', lot: 0 },
      { code: 'building_in_two_lots', buildingId: lots[1]!.buildingIds[0], lots: [0, 1] },
    ]);
  });

  it('names an empty lot', () => {
    expect(checkLots(district, [...lots, { buildingIds: [] }], policy).violations).toEqual([
      { code: 'lot_empty', lot: lots.length },
    ]);
  });
});

describe('edits', () => {
  it('moving buildings out of a lot until it is under the minimum says so, with the figures', () => {
    let edited = lots;
    const byId = new Map(district.map((b) => [b.id, b]));
    let left = proposal.lots[0]!.apartments;
    for (const id of lots[0]!.buildingIds) {
      if (left < policy.minApartments) break;
      edited = moveBuilding(edited, id, 1);
      left -= byId.get(id)!.apartments;
    }
    const checked = checkLots(district, edited, policy);
    expect(checked.violations).toEqual([{ code: 'lot_too_small', lot: 0, apartments: left, minimum: 7000 }]);
    expect(checked.lots[1]!.apartments).toBe(
      proposal.lots[1]!.apartments + proposal.lots[0]!.apartments - left,
    );
  });

  it('a moved building is in its new lot only', () => {
    const id = lots[0]!.buildingIds[0]!;
    const moved = moveBuilding(lots, id, 2);
    expect(moved.filter((l) => l.buildingIds.includes(id))).toEqual([moved[2]]);
  });

  it('merging two lots keeps every building once and one lot fewer', () => {
    const merged = mergeLots(lots, 0, 1);
    expect(merged).toHaveLength(lots.length - 1);
    expect(merged[0]!.buildingIds).toHaveLength(lots[0]!.buildingIds.length + lots[1]!.buildingIds.length);
    expect(checkLots(district, merged, policy).violations).toEqual([]);
  });

  it('splitting a merged lot gives two lots that each meet the minimum', () => {
    const merged = mergeLots(lots, 0, 1);
    const { lots: split, split: done } = splitLot(district, merged, 0, policy);
    expect(done).toBe(true);
    expect(split).toHaveLength(lots.length);
    expect(checkLots(district, split, policy).violations).toEqual([]);
  });

  it('a lot too small for two stays whole', () => {
    expect(splitLot(district, lots, 0, policy)).toEqual({ lots, split: false });
  });

  it('refuses lots that do not exist', () => {
    expect(() => moveBuilding(lots, 'x', 99)).toThrow(RangeError);
    expect(() => mergeLots(lots, 0, 0)).toThrow(RangeError);
    expect(() => splitLot(district, lots, 99, policy)).toThrow(RangeError);
  });
});
