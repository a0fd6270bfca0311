// Vote weights as exact integers. An owner's weight is their apartment's area (or 1 apartment)
// times their share; shares are fractions like 1/2 or 2/3, so weights are scaled by the least
// common multiple of the electorate's share denominators, which turns every weight into an
// integer "vote unit". The SQL that snapshots an electorate uses the same formula.
import type { VoteWeighting } from './policy.ts';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

/** The scale for a set of share denominators: every share × scale is a whole number. */
export function weightScale(denominators: Iterable<number>): number {
  let scale = 1;
  for (const d of denominators) {
    if (!Number.isInteger(d) || d < 1)
      throw new RangeError(`share denominator must be a positive integer, got ${d}`);
    scale = lcm(scale, d);
  }
  return scale;
}

/** Area in whole hundredths of a m², the registry's precision. */
export const areaCenti = (areaM2: number): number => Math.round(areaM2 * 100);

export function ownerWeight(
  weighting: VoteWeighting,
  apartment: { areaM2: number },
  share: { numerator: number; denominator: number },
  scale: number,
): number {
  if (scale % share.denominator !== 0)
    throw new RangeError(`scale ${scale} is not a multiple of ${share.denominator}`);
  const base = weighting === 'area' ? areaCenti(apartment.areaM2) : 1;
  return base * share.numerator * (scale / share.denominator);
}

/** A weight as a share of the total, for display: never used to decide anything. */
export const percentOf = (weight: number, total: number): number =>
  total === 0 ? 0 : Math.round((weight / total) * 10_000) / 100;
