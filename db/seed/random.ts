// A small seeded PRNG, so demo data is the same on every machine for the same seed and needs no
// faker-style dependency. mulberry32: 32-bit state, good enough spread for synthetic data.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks values[i] with probability weights[i] / sum(weights). */
  weighted<const T>(values: readonly T[], weights: readonly number[]): T;
  /** Digits as a string, leading zeros kept. */
  digits(n: number): string;
  /** A version-4-shaped UUID drawn from this stream. */
  uuid(): string;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const u32 = () => Math.floor(next() * 4294967296) >>> 0;
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (values, weights) => {
      if (values.length === 0 || values.length !== weights.length) throw new Error('weighted: bad options');
      let r = next() * weights.reduce((s, w) => s + w, 0);
      for (let i = 0; i < values.length; i++) {
        r -= weights[i]!;
        if (r < 0) return values[i] as (typeof values)[number];
      }
      return values[values.length - 1] as (typeof values)[number];
    },
    digits: (n) => {
      let s = '';
      for (let i = 0; i < n; i++) s += Math.floor(next() * 10);
      return s;
    },
    uuid: () => {
      const [w0, w1, w2, w3] = [u32(), u32(), u32(), u32()];
      // Version nibble 4 and variant bits 10xx, so strict UUID validators (zod) accept it.
      const time_hi = ((w1 & 0x0fff) | 0x4000) >>> 0;
      const clock = (((w2 >>> 16) & 0x3fff) | 0x8000) >>> 0;
      return `${hex(w0, 8)}-${hex(w1 >>> 16, 4)}-${hex(time_hi, 4)}-${hex(clock, 4)}-${hex(w2 & 0xffff, 4)}${hex(w3, 8)}`;
    },
  };
  return rng;
}
