// Splitting an integer amount into integer parts that sum exactly to it: among co-owners by their
// shares of an apartment, among the days-segments of a month, between the building and the
// system. Largest-remainder method: every part gets the floor of its exact value, and the units
// left over go one each to the largest remainders. Ties go to the smaller key in plain code-unit
// order (not locale order, which differs between machines), so the split is the same on every
// run, in every workflow replay and in SQL ordering by the same key with COLLATE "C".
import { sumFractions } from '../common/fractions.ts';
import { assertTiyin } from './money.ts';

export interface Share {
  numerator: number;
  denominator: number;
}

export interface Weighted {
  key: string;
  /** Non-negative; only the ratios matter. */
  weight: bigint;
}

/**
 * `total` split in proportion to the weights, in multiples of `unit` tiyin, in input order. A
 * negative total (a reversal) is split as its absolute value and negated, so a reversal takes back
 * from each party exactly what the charge gave it.
 */
export function apportion(total: number, weights: readonly Weighted[], unit = 1): number[] {
  assertTiyin(total, 'total');
  if (!Number.isSafeInteger(unit) || unit < 1) throw new RangeError(`unit must be a positive integer`);
  if (total % unit !== 0) throw new RangeError(`total ${total} is not a multiple of ${unit} tiyin`);
  const keys = new Set(weights.map((w) => w.key));
  if (keys.size !== weights.length) throw new RangeError('keys must be unique: they break ties');
  if (weights.some((w) => w.weight < 0n)) throw new RangeError('weights must not be negative');
  const sum = weights.reduce((s, w) => s + w.weight, 0n);
  if (total === 0) return weights.map(() => 0);
  if (sum === 0n) throw new RangeError('cannot split a non-zero total by weights that are all zero');

  const units = BigInt(Math.abs(total) / unit);
  const floors = weights.map((w) => (units * w.weight) / sum);
  let left = units - floors.reduce((s, f) => s + f, 0n);
  // Σ remainders = left × sum and each remainder < sum, so more than `left` parts have a non-zero
  // remainder: a zero-weight part never receives a leftover unit.
  const order = weights
    .map((w, i) => ({ i, key: w.key, rest: (units * w.weight) % sum }))
    .sort((a, b) => (a.rest === b.rest ? (a.key < b.key ? -1 : 1) : a.rest > b.rest ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    floors[i]! += 1n;
    left -= 1n;
  }
  const sign = total < 0 ? -1 : 1;
  return floors.map((f) => sign * Number(f) * unit);
}

export function validateShares(owners: readonly { ownerId: string; share: Share }[]): void {
  if (owners.length === 0) throw new RangeError('an apartment needs at least one owner to charge');
  for (const { ownerId, share } of owners) {
    const { numerator: n, denominator: d } = share;
    if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || n < 1 || d < 1 || n > d)
      throw new RangeError(`share of ${ownerId} must be a fraction n/d with 0 < n ≤ d, got ${n}/${d}`);
  }
  const sum = sumFractions(owners.map((o) => ({ num: o.share.numerator, den: o.share.denominator })));
  if (sum.num !== sum.den)
    throw new RangeError(
      `owners' shares add up to ${sum.num}/${sum.den}, not 1: the parts could not sum to the whole`,
    );
}

/**
 * An amount split among owners by their exact shares (½ + ½, ⅔ + ⅓, ⅓ + ⅓ + ⅓), the parts summing
 * exactly to the amount. Shares must add up to exactly 1.
 */
export function allocateByShares(
  total: number,
  owners: readonly { ownerId: string; share: Share }[],
  unit = 1,
): { ownerId: string; amount: number }[] {
  validateShares(owners);
  // Over the common denominator the shares become integer weights with the same ratios.
  const common = owners.reduce((l, o) => lcm(l, BigInt(o.share.denominator)), 1n);
  const weights = owners.map((o) => ({
    key: o.ownerId,
    weight: (BigInt(o.share.numerator) * common) / BigInt(o.share.denominator),
  }));
  const parts = apportion(total, weights, unit);
  return owners.map((o, i) => ({ ownerId: o.ownerId, amount: parts[i]! }));
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const lcm = (a: bigint, b: bigint): bigint => (a / gcd(a, b)) * b;
