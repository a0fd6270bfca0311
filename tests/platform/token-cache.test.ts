// The token verifier remembers verified tokens so a portal's repeated requests skip the signature
// check, but never past what the token itself allows: expiry still refuses, refusals are not kept.
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier } from '../../api/auth/verifier.ts';

let privateKey: CryptoKey;
let publicJwk: JWK;
beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
});
afterEach(() => vi.useRealTimers());

const sign = (claims: { exp: number; nbf?: number }) =>
  new SignJWT({ roles: ['resident'], pid: 'p-1', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('user-1')
    .sign(privateKey);

const verifier = () => createTokenVerifier({ algorithms: ['ES256'] }, publicJwk);
const seconds = (ms: number) => Math.floor(ms / 1000);

describe('verified-token cache', () => {
  it('answers a repeated token with the same frozen principal', async () => {
    const verify = await verifier();
    const token = await sign({ exp: seconds(Date.now()) + 600 });
    const first = await verify(token);
    expect(first).toMatchObject({ userId: 'user-1', roles: ['resident'] });
    expect(await verify(token)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const verify = await verifier();
    const token = await sign({ exp: seconds(start) + 60 });
    expect(await verify(token)).toHaveProperty('userId', 'user-1');
    vi.setSystemTime(start + 61_000);
    expect(await verify(token)).toEqual({ error: expect.stringMatching(/exp/) });
  });

  it('does not remember a refusal: a token becomes usable at its nbf', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    const verify = await verifier();
    const token = await sign({ nbf: seconds(start) + 30, exp: seconds(start) + 600 });
    expect(await verify(token)).toHaveProperty('error');
    vi.setSystemTime(start + 31_000);
    expect(await verify(token)).toHaveProperty('userId', 'user-1');
  });
});
