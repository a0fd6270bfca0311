// Bearer tokens are verified against the identity provider's JWKS, a configured public key, or (in
// development only) the key the dev token endpoint signs with. The algorithm list is explicit:
// a token may never choose its own verification algorithm.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  importSPKI,
  type JWK,
  type JWTVerifyGetKey,
  jwtVerify,
  type KeyObject,
} from 'jose';
import type { Principal } from '../../domain/access/roles.ts';
import type { Config } from '../../platform/config.ts';
import { type MuClaims, principalFromClaims } from './principal.ts';

export type TokenVerifier = (token: string) => Promise<Principal | { error: string }>;

/**
 * A portal sends the same token with every request, and an ECDSA or RSA check costs more than the
 * read it guards: a verified token is remembered by its exact text until it expires, and for at
 * most CACHE_MS, so a key the provider withdraws stops admitting its tokens within that time too.
 * Refusals are not remembered (a token that is not yet valid may become so).
 */
const CACHE_MS = 5 * 60_000;
const CACHE_ENTRIES = 10_000;

type KeySource = JWTVerifyGetKey | KeyObject | CryptoKey;

export async function createTokenVerifier(auth: Config['auth'], devPublicJwk?: JWK): Promise<TokenVerifier> {
  let key: KeySource;
  if (auth.jwksUrl) {
    key = createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  } else if (auth.publicKey) {
    key = await importSPKI(auth.publicKey.replace(/\\n/g, '\n'), auth.algorithms[0] ?? 'ES256');
  } else if (devPublicJwk) {
    key = createLocalJWKSet({ keys: [devPublicJwk] });
  } else {
    throw new Error('No token verification key: set JWT_JWKS_URL or JWT_PUBLIC_KEY (production needs one)');
  }
  const verified = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const now = Date.now();
    const hit = verified.get(token);
    if (hit && now < hit.until) return hit.principal;
    if (hit) verified.delete(token);
    try {
      const { payload } = await jwtVerify<MuClaims>(token, key as JWTVerifyGetKey, {
        algorithms: auth.algorithms,
        ...(auth.issuer ? { issuer: auth.issuer } : {}),
        ...(auth.audience ? { audience: auth.audience } : {}),
      });
      const principal = principalFromClaims(payload);
      // Only tokens that expire are remembered, and frozen: every request gets the same object.
      if (!('error' in principal) && typeof payload.exp === 'number') {
        if (verified.size >= CACHE_ENTRIES) verified.delete(verified.keys().next().value!);
        Object.freeze(principal.roles);
        verified.set(token, {
          principal: Object.freeze(principal),
          until: Math.min(payload.exp * 1000, now + CACHE_MS),
        });
      }
      return principal;
    } catch (err) {
      return { error: `invalid token: ${(err as Error).message}` };
    }
  };
}
