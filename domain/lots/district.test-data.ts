// A synthetic district for the lots' tests: buildings scattered over a Tashkent district, sizes as
// Soviet and new housing stock mixes them, the old core more often red, and a few buildings known
// only by their street. Deterministic by seed.
import type { ConditionClass } from '../registry/types.ts';
import type { LotBuilding } from './types.ts';

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SIZES = [20, 32, 40, 45, 60, 60, 72, 80, 90, 108, 144, 180];

export function syntheticDistrict(count: number, seed = 1): LotBuilding[] {
  const r = random(seed);
  const streets = Array.from({ length: Math.max(4, Math.round(count / 25)) }, (_, i) => `Street ${i + 1}`);
  return Array.from({ length: count }, (_, i) => {
    const lon = 69.2 + r() * 0.08;
    const lat = 41.27 + r() * 0.06;
    const old = lon < 69.23 && lat > 41.3;
    const roll = r();
    const conditionClass: ConditionClass | null =
      roll < 0.05 ? null : roll < (old ? 0.5 : 0.15) ? 'red' : roll < 0.6 ? 'yellow' : 'green';
    const street = streets[Math.floor(((lon - 69.2) / 0.08) * streets.length)]!;
    const located = r() > 0.05;
    return {
      id: `b-${String(i).padStart(5, '0')}`,
      apartments: SIZES[Math.floor(r() * SIZES.length)]!,
      conditionClass,
      point: located ? { lon, lat } : null,
      street: located || r() > 0.2 ? street : `Lane ${i}`,
    };
  });
}
