// Comparing a secret-derived value an attacker controls half of (a Click signature, a Payme
// password) without leaking through timing how many leading characters matched.

/**
 * Equal strings, compared over every position of the longer one whatever differs first, so the
 * time depends only on the lengths (which are public: an md5 is always 32 hex digits).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

/** Two hex digests, case-insensitively (Click may send upper case), in constant time. */
export function hexDigestEqual(a: string, b: string): boolean {
  const hex = /^[0-9a-fA-F]*$/;
  // Lower-casing first is not secret-dependent in timing beyond the length; a non-hex value fails
  // after the same full comparison.
  const equal = constantTimeEqual(a.toLowerCase(), b.toLowerCase());
  return equal && hex.test(a) && a.length > 0;
}
