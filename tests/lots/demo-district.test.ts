// The demo district as the lots see it: every building of the configured demo on a land plot (a
// few left to their street, as in the cadastre), and enough apartments that the proposal splits it
// into at least two lots of the default minimum, with every building in exactly one.
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../db/seed/generate.ts';
import { proposeLots } from '../../domain/lots/partition.ts';
import { DEFAULT_LOT_POLICY } from '../../domain/lots/policy.ts';
import type { LotBuilding } from '../../domain/lots/types.ts';
import { loadConfig } from '../../platform/config.ts';

const demo = generateDemo(loadConfig({}).demo);
const district = demo.districts[0]!;
const buildings = demo.buildings.filter((b) => b.district === district.id);
const apartments = new Map<string, number>();
for (const a of demo.apartments) apartments.set(a.building, (apartments.get(a.building) ?? 0) + 1);

const asLot = (b: (typeof buildings)[number]): LotBuilding => ({
  id: b.id,
  apartments: apartments.get(b.id) ?? 0,
  conditionClass: b.conditionClass,
  point: b.plotLon === null ? null : { lon: b.plotLon, lat: b.plotLat! },
  street: b.address.split(',')[0]!,
});

describe('the demo district on its land plots', () => {
  it('places nearly every building on a land plot inside the district, its centre on the building', () => {
    const placed = buildings.filter((b) => b.plotLon !== null);
    expect(placed.length / buildings.length).toBeGreaterThan(0.9);
    expect(placed.length).toBeLessThan(buildings.length);
    const plots = new Map(demo.landPlots.map((p) => [p.building, p]));
    expect(buildings.every((b) => plots.has(b.id) === (b.plotLon !== null))).toBe(true);
    for (const b of placed) {
      expect(b.plotLon!).toBeGreaterThan(69.2);
      expect(b.plotLon!).toBeLessThan(69.4);
      expect(b.plotLat!).toBeGreaterThan(41.3);
      expect(b.plotLat!).toBeLessThan(41.42);
      const ring = plots.get(b.id)!.boundary.coordinates[0]!;
      expect(ring[0]).toEqual(ring.at(-1));
      const lons = ring.map((p) => p[0]);
      const lats = ring.map((p) => p[1]);
      expect(Math.min(...lons)).toBeLessThan(b.plotLon!);
      expect(Math.max(...lons)).toBeGreaterThan(b.plotLon!);
      expect(Math.min(...lats)).toBeLessThan(b.plotLat!);
      expect(Math.max(...lats)).toBeGreaterThan(b.plotLat!);
    }
    // No two plots share a centroid.
    expect(new Set(placed.map((b) => `${b.plotLon},${b.plotLat}`)).size).toBe(placed.length);
  });

  it('splits into at least two lots of 7,000 apartments, every building in exactly one, the same each time', () => {
    const input = buildings.map(asLot);
    const proposal = proposeLots(input, DEFAULT_LOT_POLICY);
    expect(proposal.feasible).toBe(true);
    expect(proposal.lots.length).toBeGreaterThanOrEqual(2);
    for (const lot of proposal.lots)
      expect(lot.apartments).toBeGreaterThanOrEqual(DEFAULT_LOT_POLICY.minApartments);
    const ids = proposal.lots.flatMap((l) => l.buildingIds);
    expect(ids).toHaveLength(input.length);
    expect(new Set(ids)).toEqual(new Set(input.map((b) => b.id)));
    expect(proposeLots([...input].reverse(), DEFAULT_LOT_POLICY)).toEqual(proposal);
  });
});
