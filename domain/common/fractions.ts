// Exact arithmetic on ownership shares: BigInt numerators and denominators, so 1/3 + 2/3 is exactly
// 1 however many co-owners with large coprime denominators there are. The registry checks that an
// apartment's shares make a whole; billing splits a charge by them.

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Exact sum of fractions with positive denominators, reduced. */
export function sumFractions(parts: readonly { num: number; den: number }[]): { num: bigint; den: bigint } {
  let num = 0n;
  let den = 1n;
  for (const p of parts) {
    num = num * BigInt(p.den) + BigInt(p.num) * den;
    den *= BigInt(p.den);
    const g = gcd(num, den);
    if (g > 1n) [num, den] = [num / g, den / g];
  }
  return { num, den };
}
