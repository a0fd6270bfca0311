// A shared secret (the SMS gateway's callback token, Telegram's webhook secret) is compared in
// constant time over equal-length digests: the comparison's time depends neither on how much of
// the secret a guess got right nor on the guess's length.
import { describe, expect, it, vi } from 'vitest';

const compared = vi.hoisted(() => [] as [number, number][]);
vi.mock('node:crypto', async (original) => {
  const crypto = await original<typeof import('node:crypto')>();
  return {
    ...crypto,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return crypto.timingSafeEqual(a, b);
    },
  };
});
const { sharedSecretMatches } = await import('../../api/auth/shared-secret.ts');

describe('sharedSecretMatches', () => {
  it('takes the secret and nothing else', () => {
    const secret = 'cb-2f1c5a0e9d';
    expect(sharedSecretMatches(secret, secret)).toBe(true);
    for (const guess of ['cb-2f1c5a0e9e', 'cb-2f1c5a0e9', `${secret}0`, '', 'x'])
      expect(sharedSecretMatches(guess, secret), guess).toBe(false);
  });

  it('refuses everyone when no secret is configured', () => {
    expect(sharedSecretMatches('', undefined)).toBe(false);
    expect(sharedSecretMatches('', '')).toBe(false);
    expect(sharedSecretMatches(undefined, 'cb-secret')).toBe(false);
  });

  it('compares in constant time over digests of one length, whatever the guess', () => {
    compared.length = 0;
    for (const guess of ['a', 'cb-2f1c5a0e9', 'a much longer guess than the secret itself'])
      sharedSecretMatches(guess, 'cb-2f1c5a0e9d');
    expect(compared).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });
});
