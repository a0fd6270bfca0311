// A caller that proves itself with a secret we share (a gateway's callback token, a webhook's
// secret header). Both sides are hashed first, so the comparison is timingSafeEqual over two
// equal-length digests: its time tells a stranger neither how much of the secret matched nor
// how long the secret is.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** True when `given` is the configured secret; nothing matches a secret that is not configured. */
export function sharedSecretMatches(given: string | undefined, secret: string | undefined): boolean {
  if (!secret || given === undefined) return false;
  return timingSafeEqual(digest(given), digest(secret));
}
