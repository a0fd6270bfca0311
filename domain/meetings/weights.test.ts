import { describe, expect, it } from 'vitest';
import { areaCenti, ownerWeight, percentOf, weightScale } from './weights.ts';

describe('weightScale', () => {
  it('is the least common multiple of the share denominators', () => {
    expect(weightScale([])).toBe(1);
    expect(weightScale([1, 1])).toBe(1);
    expect(weightScale([2, 3])).toBe(6);
    expect(weightScale([2, 4, 6, 3])).toBe(12);
    expect(weightScale(new Set([5, 7]))).toBe(35);
  });

  it('refuses denominators that are not positive integers', () => {
    expect(() => weightScale([0])).toThrow(RangeError);
    expect(() => weightScale([1.5])).toThrow(RangeError);
    expect(() => weightScale([-2])).toThrow(RangeError);
  });
});

describe('ownerWeight', () => {
  it('area weighting: centi-m² × share × scale, exact for ⅔ + ⅓ and ½ + ½', () => {
    const scale = weightScale([1, 2, 3]);
    const apt = { areaM2: 45.5 };
    const twoThirds = ownerWeight('area', apt, { numerator: 2, denominator: 3 }, scale);
    const third = ownerWeight('area', apt, { numerator: 1, denominator: 3 }, scale);
    expect([twoThirds, third]).toEqual([18200, 9100]);
    expect(twoThirds + third).toBe(ownerWeight('area', apt, { numerator: 1, denominator: 1 }, scale));
    const half = ownerWeight('area', { areaM2: 60 }, { numerator: 1, denominator: 2 }, scale);
    expect(2 * half).toBe(6000 * scale);
  });

  it('apartment weighting: each apartment is worth the scale, split by shares', () => {
    expect(ownerWeight('apartment', { areaM2: 120 }, { numerator: 1, denominator: 1 }, 6)).toBe(6);
    expect(ownerWeight('apartment', { areaM2: 30 }, { numerator: 1, denominator: 3 }, 6)).toBe(2);
  });

  it('refuses a scale the share does not divide', () => {
    expect(() => ownerWeight('area', { areaM2: 50 }, { numerator: 1, denominator: 3 }, 4)).toThrow(
      /not a multiple/,
    );
  });

  it('takes the registry’s area to the hundredth, rounding away float noise', () => {
    expect(areaCenti(58.25)).toBe(5825);
    expect(areaCenti(0.1 + 0.2)).toBe(30);
    expect(areaCenti(0.29)).toBe(29);
  });
});

describe('percentOf', () => {
  it('rounds to hundredths of a percent and is 0 for an empty electorate', () => {
    expect(percentOf(1, 3)).toBe(33.33);
    expect(percentOf(2, 3)).toBe(66.67);
    expect(percentOf(5, 5)).toBe(100);
    expect(percentOf(0, 0)).toBe(0);
  });
});
