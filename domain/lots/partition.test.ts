import { describe, expect, it } from 'vitest';
import { syntheticDistrict } from './district.test-data.ts';
import { MIX_CLASSES, proposeLots } from './partition.ts';
import { DEFAULT_LOT_POLICY, resolveLotPolicy } from './policy.ts';
import { metres, spatialOrder } from './spatial.ts';
import type { GeoPoint, LotBuilding, LotFigures } from './types.ts';

const policy = DEFAULT_LOT_POLICY;

function centroid(points: GeoPoint[]): GeoPoint {
  return {
    lon: points.reduce((s, p) => s + p.lon, 0) / points.length,
    lat: points.reduce((s, p) => s + p.lat, 0) / points.length,
  };
}

/** Mean distance of the located buildings to their lot's centre, in metres. */
function spread(buildings: LotBuilding[], lots: { buildingIds: string[] }[]): number {
  const byId = new Map(buildings.map((b) => [b.id, b]));
  let sum = 0;
  let n = 0;
  for (const lot of lots) {
    const points = lot.buildingIds.flatMap((id) => (byId.get(id)!.point ? [byId.get(id)!.point!] : []));
    const c = centroid(points);
    for (const p of points) {
      sum += metres(p, c);
      n++;
    }
  }
  return sum / n;
}

/** How far the lots' shares of each class stray from the district's, summed over lots and classes. */
function mixDeviation(lots: LotFigures[]): number {
  const all = lots.reduce((s, l) => s + l.buildingIds.length, 0);
  let d = 0;
  for (const c of MIX_CLASSES) {
    const share = lots.reduce((s, l) => s + l.mix[c], 0) / all;
    for (const l of lots) d += Math.abs(l.mix[c] / l.buildingIds.length - share);
  }
  return d;
}

describe('proposeLots on a 2,000-building district', () => {
  const district = syntheticDistrict(2000, 7);
  const total = district.reduce((s, b) => s + b.apartments, 0);
  const proposal = proposeLots(district, policy);

  it('makes as many lots as the apartments allow, each of at least 7,000 apartments', () => {
    expect(proposal.feasible).toBe(true);
    expect(proposal.lots).toHaveLength(Math.floor(total / 7000));
    for (const lot of proposal.lots) expect(lot.apartments).toBeGreaterThanOrEqual(7000);
    expect(proposal.lots.reduce((s, l) => s + l.apartments, 0)).toBe(total);
  });

  it('puts every building in exactly one lot', () => {
    const ids = proposal.lots.flatMap((l) => l.buildingIds);
    expect(ids).toHaveLength(district.length);
    expect(new Set(ids)).toEqual(new Set(district.map((b) => b.id)));
  });

  it('gives the same lots whatever order the buildings come in', () => {
    const shuffled = [...district].reverse();
    shuffled.push(shuffled.shift()!);
    expect(proposeLots(shuffled, policy)).toEqual(proposal);
  });

  it('keeps each lot a neighbourhood: buildings sit far closer to their lot centre than to the district centre', () => {
    const whole = spread(district, [{ buildingIds: district.map((b) => b.id) }]);
    // Cut into k compact pieces, a lot's radius is about 1/√k of the district's.
    expect(spread(district, proposal.lots)).toBeLessThan(whole * 0.45);
  });

  it('keeps the lots within a quarter of the mean size', () => {
    const mean = total / proposal.lots.length;
    for (const lot of proposal.lots) expect(Math.abs(lot.apartments - mean) / mean).toBeLessThan(0.25);
  });

  it('evens out the class mix compared with cutting at even sizes alone', () => {
    const unbalanced = proposeLots(district, resolveLotPolicy({ balanceWindow: 0 }));
    expect(mixDeviation(proposal.lots)).toBeLessThan(mixDeviation(unbalanced.lots));
  });
});

describe('proposeLots at the edges', () => {
  it('makes one lot, marked infeasible, of a district too small for one', () => {
    const small = syntheticDistrict(50, 3);
    const proposal = proposeLots(small, policy);
    expect(proposal.feasible).toBe(false);
    expect(proposal.lots).toHaveLength(1);
    expect(proposal.lots[0]!.buildingIds).toHaveLength(50);
  });

  it('makes one feasible lot of a district of between one and two lots', () => {
    const proposal = proposeLots(syntheticDistrict(2000, 7), resolveLotPolicy({ minApartments: 80_000 }));
    expect(proposal).toMatchObject({ feasible: true, lots: [{}] });
  });

  it('follows the minimum of the policy, not a constant', () => {
    const proposal = proposeLots(syntheticDistrict(2000, 7), resolveLotPolicy({ minApartments: 20_000 }));
    for (const lot of proposal.lots) expect(lot.apartments).toBeGreaterThanOrEqual(20_000);
    expect(proposal.lots.length).toBeGreaterThan(1);
  });

  it('refuses a building listed twice and apartments that are not whole', () => {
    const [b] = syntheticDistrict(1);
    expect(() => proposeLots([b!, b!], policy)).toThrow(/twice/);
    expect(() => proposeLots([{ ...b!, apartments: 1.5 }], policy)).toThrow(/whole/);
  });

  it('places a building without a land plot where its street is', () => {
    const on = (id: string, lon: number, street: string, point = true): LotBuilding => ({
      id,
      apartments: 10,
      conditionClass: 'green',
      point: point ? { lon, lat: 41.3 } : null,
      street,
    });
    const order = spatialOrder([
      on('a', 69.2, 'West'),
      on('b', 69.21, 'West'),
      on('c', 69.3, 'East'),
      on('d', 69.31, 'East'),
      on('x', 0, 'East', false),
      on('z', 0, 'Nowhere', false),
    ]).map((b) => b.id);
    expect(Math.abs(order.indexOf('x') - order.indexOf('c'))).toBeLessThanOrEqual(2);
    expect(order.at(-1)).toBe('z');
  });
});
