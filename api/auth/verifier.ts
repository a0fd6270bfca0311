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
  return async (token) => {
    try {
      const { payload } = await jwtVerify<MuClaims>(token, key as JWTVerifyGetKey, {
        algorithms: auth.algorithms,
        ...(auth.issuer ? { issuer: auth.issuer } : {}),
        ...(auth.audience ? { audience: auth.audience } : {}),
      });
      return principalFromClaims(payload);
    } catch (err) {
      return { error: `invalid token: ${(err as Error).message}` };
    }
  };
}
