import { describe, expect, it } from 'vitest';
import { allocateByShares, apportion } from './shares.ts';

const owners = (...shares: [string, number, number][]) =>
  shares.map(([ownerId, numerator, denominator]) => ({ ownerId, share: { numerator, denominator } }));
const amounts = (r: { amount: number }[]) => r.map((x) => x.amount);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('allocateByShares', () => {
  it('⅓ + ⅓ + ⅓ of an odd amount sums exactly; the leftover tiyin go to the smallest owner ids', () => {
    const r = allocateByShares(100_001, owners(['c', 1, 3], ['a', 1, 3], ['b', 1, 3]));
    expect(r).toEqual([
      { ownerId: 'c', amount: 33_333 },
      { ownerId: 'a', amount: 33_334 },
      { ownerId: 'b', amount: 33_334 },
    ]);
    expect(sum(amounts(r))).toBe(100_001);
  });

  it('½ + ½ of an odd amount: the tie goes to the smaller id whatever the input order', () => {
    expect(amounts(allocateByShares(7, owners(['b', 1, 2], ['a', 1, 2])))).toEqual([3, 4]);
    expect(amounts(allocateByShares(7, owners(['a', 1, 2], ['b', 1, 2])))).toEqual([4, 3]);
  });

  it('⅔ + ⅓ gives the larger remainder the leftover, not the smaller id', () => {
    // 100 × ⅔ = 66.67, 100 × ⅓ = 33.33: 'a' has the smaller id but the smaller remainder.
    expect(amounts(allocateByShares(100, owners(['a', 1, 3], ['b', 2, 3])))).toEqual([33, 67]);
  });

  it('mixed denominators (½ + ¼ + ⅙ + 1/12) split over their common denominator', () => {
    const r = allocateByShares(1_000_003, owners(['p', 1, 2], ['q', 1, 4], ['r', 1, 6], ['s', 1, 12]));
    // Exact parts 500 001.5, 250 000.75, 166 667.17, 83 333.58: the 2 leftover tiyin go to .75 and .58.
    expect(amounts(r)).toEqual([500_001, 250_001, 166_667, 83_334]);
    expect(sum(amounts(r))).toBe(1_000_003);
  });

  it('a reversal takes back exactly what the charge gave', () => {
    const o = owners(['c', 1, 3], ['a', 1, 3], ['b', 1, 3]);
    expect(amounts(allocateByShares(-100_001, o))).toEqual(
      amounts(allocateByShares(100_001, o)).map((x) => -x),
    );
  });

  it('splits in whole so`m when asked', () => {
    expect(amounts(allocateByShares(100_000, owners(['a', 1, 3], ['b', 1, 3], ['c', 1, 3]), 100))).toEqual([
      33_400, 33_300, 33_300,
    ]);
    expect(() => allocateByShares(100_050, owners(['a', 1, 1]), 100)).toThrow(/multiple of 100/);
  });

  it('refuses shares that do not make the whole, bad fractions and duplicate owners', () => {
    expect(() => allocateByShares(100, owners(['a', 1, 2], ['b', 1, 3]))).toThrow(/5\/6, not 1/);
    expect(() => allocateByShares(100, owners(['a', 2, 3], ['b', 2, 3]))).toThrow(/4\/3, not 1/);
    expect(() => allocateByShares(100, owners(['a', 0, 1], ['b', 1, 1]))).toThrow(/share of a/);
    expect(() => allocateByShares(100, owners(['a', 3, 2]))).toThrow(/share of a/);
    expect(() => allocateByShares(100, owners(['a', 1, 2], ['a', 1, 2]))).toThrow(/unique/);
    expect(() => allocateByShares(100, [])).toThrow(/at least one owner/);
    expect(() => allocateByShares(1.5, owners(['a', 1, 1]))).toThrow(/total/);
  });
});

describe('apportion', () => {
  it('never gives a leftover unit to a zero weight, and splits zero into zeros', () => {
    const w = (key: string, weight: bigint) => ({ key, weight });
    expect(apportion(5, [w('a', 0n), w('b', 1n), w('c', 1n)])).toEqual([0, 3, 2]);
    expect(apportion(0, [w('a', 0n)])).toEqual([0]);
    expect(() => apportion(5, [w('a', 0n)])).toThrow(/all zero/);
    expect(() => apportion(5, [w('a', -1n), w('b', 2n)])).toThrow(/negative/);
  });
});
