// Development signing key for the demo personas' tokens. Kept in the data folder so tokens a
// browser holds survive a restart of `npm start`; never used when NODE_ENV is not development.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { MuClaims } from './principal.ts';

export const DEV_ISSUER = 'mening-uyim-dev';
const ALG = 'ES256';

export interface DevTokenIssuer {
  publicJwk: JWK;
  sign(claims: MuClaims & { sub: string }, ttlSeconds?: number): Promise<string>;
}

export async function loadDevTokenIssuer(dataDir: string): Promise<DevTokenIssuer> {
  const file = path.join(dataDir, 'dev-jwt-key.json');
  let pair: { privateJwk: JWK; publicJwk: JWK };
  try {
    pair = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = `dev-${Date.now().toString(36)}`;
    pair = {
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG },
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' },
    };
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(pair), { mode: 0o600 });
  }
  const privateKey = await importJWK(pair.privateJwk, ALG);
  return {
    publicJwk: pair.publicJwk,
    sign: (claims, ttlSeconds = 8 * 3600) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: ALG, kid: pair.publicJwk.kid })
        .setIssuer(DEV_ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(privateKey),
  };
}
