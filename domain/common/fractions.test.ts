import { describe, expect, it } from 'vitest';
import { sumFractions } from './fractions.ts';

describe('sumFractions', () => {
  it('adds exactly and reduces', () => {
    expect(
      sumFractions([
        { num: 1, den: 3 },
        { num: 2, den: 3 },
      ]),
    ).toEqual({ num: 1n, den: 1n });
    expect(
      sumFractions([
        { num: 1, den: 2 },
        { num: 1, den: 3 },
        { num: 1, den: 6 },
      ]),
    ).toEqual({ num: 1n, den: 1n });
    expect(
      sumFractions([
        { num: 1, den: 3 },
        { num: 1, den: 3 },
      ]),
    ).toEqual({ num: 2n, den: 3n });
    expect(sumFractions([])).toEqual({ num: 0n, den: 1n });
  });

  it('does not overflow on many co-owners with large coprime denominators', () => {
    const primes = [1_000_003, 1_000_033, 1_000_037, 1_000_039];
    const parts = primes.flatMap((p) => [
      { num: 1, den: p },
      { num: p - 1, den: p },
    ]);
    expect(sumFractions(parts)).toEqual({ num: 4n, den: 1n });
  });
});
