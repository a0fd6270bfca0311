// The officer's edits of a partition and the checks they must pass. An edit always returns the new
// partition, even a wrong one, with what is wrong with it, so the editor shows the problem live;
// saving a partition with any violation is refused (lotsErrors in errors.ts).

import { figuresOf, proposeLots } from './partition.ts';
import type { LotPolicy } from './policy.ts';
import type { Lot, LotBuilding, LotFigures } from './types.ts';

export type Violation =
  | { code: 'lot_too_small'; lot: number; apartments: number; minimum: number }
  | { code: 'lot_empty'; lot: number }
  | { code: 'building_in_two_lots'; buildingId: string; lots: number[] }
  | { code: 'building_unknown'; buildingId: string; lot: number };

export interface Checked {
  lots: LotFigures[];
  violations: Violation[];
}

/** The lots' figures and every rule they break (lots numbered from 0 as given). */
export function checkLots(
  buildings: readonly LotBuilding[],
  lots: readonly Lot[],
  policy: LotPolicy,
): Checked {
  const byId = new Map(buildings.map((b) => [b.id, b]));
  const seen = new Map<string, number[]>();
  const violations: Violation[] = [];
  const figures = lots.map((lot, i) => {
    if (lot.buildingIds.length === 0) violations.push({ code: 'lot_empty', lot: i });
    const known: LotBuilding[] = [];
    for (const id of lot.buildingIds) {
      const b = byId.get(id);
      if (!b) violations.push({ code: 'building_unknown', buildingId: id, lot: i });
      else known.push(b);
      seen.set(id, [...(seen.get(id) ?? []), i]);
    }
    const f = figuresOf(known);
    if (known.length > 0 && f.apartments < policy.minApartments)
      violations.push({
        code: 'lot_too_small',
        lot: i,
        apartments: f.apartments,
        minimum: policy.minApartments,
      });
    return f;
  });
  for (const [buildingId, in_] of seen)
    if (in_.length > 1) violations.push({ code: 'building_in_two_lots', buildingId, lots: in_ });
  return { lots: figures, violations };
}

const without = (lot: Lot, id: string): Lot => ({ buildingIds: lot.buildingIds.filter((b) => b !== id) });

/** The building leaves whatever lot holds it and joins lot `to` (a building is in one lot at most). */
export function moveBuilding(lots: readonly Lot[], buildingId: string, to: number): Lot[] {
  if (!lots[to]) throw new RangeError(`there is no lot ${to}`);
  return lots.map((lot, i) => {
    const rest = without(lot, buildingId);
    return i === to ? { buildingIds: [...rest.buildingIds, buildingId] } : rest;
  });
}

/** Lot `b` joins lot `a`; the lots after `b` move up by one. */
export function mergeLots(lots: readonly Lot[], a: number, b: number): Lot[] {
  if (a === b || !lots[a] || !lots[b]) throw new RangeError('merge needs two different existing lots');
  return lots
    .map((lot, i) => (i === a ? { buildingIds: [...lot.buildingIds, ...lots[b]!.buildingIds] } : lot))
    .filter((_, i) => i !== b);
}

/**
 * Lot `at` in two, cut the way the proposal cuts a district (neighbours together, even halves);
 * the second half follows the first. A lot too small for two stays as it is, and says so.
 */
export function splitLot(
  buildings: readonly LotBuilding[],
  lots: readonly Lot[],
  at: number,
  policy: LotPolicy,
): { lots: Lot[]; split: boolean } {
  const lot = lots[at];
  if (!lot) throw new RangeError(`there is no lot ${at}`);
  const ids = new Set(lot.buildingIds);
  const own = buildings.filter((b) => ids.has(b.id));
  const halves = proposeLots(own, policy).lots;
  if (halves.length < 2) return { lots: [...lots], split: false };
  // The proposal may cut more than twice a lot that is far over the minimum: keep two halves.
  const middle = Math.ceil(halves.length / 2);
  const first = halves.slice(0, middle).flatMap((h) => h.buildingIds);
  const second = halves.slice(middle).flatMap((h) => h.buildingIds);
  return {
    lots: [...lots.slice(0, at), { buildingIds: first }, { buildingIds: second }, ...lots.slice(at + 1)],
    split: true,
  };
}
