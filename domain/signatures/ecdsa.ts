// The built-in scheme for development and for deployments without E-IMZO: ECDSA P-256 with
// SHA-256 over the raw document bytes, each user's public key registered in advance.
// WebCrypto only (no Node built-ins): the widget signs with the same code the API verifies with.
import type { SignerIdentity, VerificationResult } from './types.ts';

export type EcdsaEnvelope = {
  scheme: 'ecdsa-p256-sha256';
  publicKeyJwk: JsonWebKey;
  signatureBase64: string;
};

export const ECDSA_KEY_PARAMS: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };
export const ECDSA_SIGN_PARAMS: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
/** WebCrypto signs P-256 as r‖s (IEEE P1363), 32 bytes each — not DER. */
const SIGNATURE_BYTES = 64;

const subtle = () => globalThis.crypto.subtle;

const hex = (buf: ArrayBuffer): string =>
  Array.from(new Uint8Array(buf), (x) => x.toString(16).padStart(2, '0')).join('');

export async function documentSha256Hex(document: Uint8Array): Promise<string> {
  return hex(await subtle().digest('SHA-256', document as BufferSource));
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict: atob alone forgives whitespace and missing padding, which would let two texts mean one signature. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

const base64Url = (buf: ArrayBuffer): string =>
  bytesToBase64(new Uint8Array(buf)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Only the public members: an envelope that also carried `d` must not be imported as a private key. */
function publicEcJwk(jwk: JsonWebKey): { kty: 'EC'; crv: 'P-256'; x: string; y: string } | null {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') return null;
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return null;
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/**
 * RFC 7638 thumbprint of a P-256 public key: SHA-256 over the required members in lexicographic
 * order without whitespace, base64url. Comparing thumbprints instead of JWK objects ignores
 * optional members (kid, alg, key_ops, ext) that differ between exports of the same key.
 */
export async function jwkThumbprint(jwk: JsonWebKey): Promise<string> {
  const key = publicEcJwk(jwk);
  if (!key) throw new TypeError('not an EC P-256 public key');
  const canonical = `{"crv":"${key.crv}","kty":"${key.kty}","x":"${key.x}","y":"${key.y}"}`;
  return base64Url(await subtle().digest('SHA-256', new TextEncoder().encode(canonical)));
}

export async function signEcdsa(document: Uint8Array, privateKey: CryptoKey): Promise<string> {
  return bytesToBase64(
    new Uint8Array(await subtle().sign(ECDSA_SIGN_PARAMS, privateKey, document as BufferSource)),
  );
}

const malformed = (detail: string): VerificationResult => ({
  status: 'rejected',
  reason: 'malformed',
  detail,
});

/**
 * Verifies against the key registered for the expected signer, never against the envelope's key
 * alone: anyone can make a valid signature with a key of their own.
 */
export async function verifyEcdsa(
  document: Uint8Array,
  envelope: EcdsaEnvelope,
  registeredKeyJwk: JsonWebKey,
  signer: SignerIdentity = {},
): Promise<VerificationResult> {
  const offered = publicEcJwk(envelope.publicKeyJwk ?? {});
  if (!offered) return malformed('the envelope public key is not an EC P-256 JWK');
  const registered = publicEcJwk(registeredKeyJwk);
  if (!registered) return malformed('the registered key is not an EC P-256 JWK');
  const signature = base64ToBytes(envelope.signatureBase64 ?? '');
  if (!signature) return malformed('the signature is not valid base64');
  if (signature.length !== SIGNATURE_BYTES)
    return malformed(`an ECDSA P-256 signature is ${SIGNATURE_BYTES} bytes, got ${signature.length}`);

  if ((await jwkThumbprint(offered)) !== (await jwkThumbprint(registered)))
    return {
      status: 'rejected',
      reason: 'wrong_signer',
      detail: 'the signing key is not the one registered for the expected signer',
    };

  let key: CryptoKey;
  try {
    key = await subtle().importKey('jwk', registered, ECDSA_KEY_PARAMS, false, ['verify']);
  } catch (err) {
    return malformed(`the registered key cannot be imported: ${(err as Error).message}`);
  }
  const ok = await subtle().verify(
    ECDSA_SIGN_PARAMS,
    key,
    signature as BufferSource,
    document as BufferSource,
  );
  // A detached signature cannot tell a changed document from a forged or damaged signature.
  if (!ok)
    return {
      status: 'rejected',
      reason: 'bad_signature',
      detail:
        'the signature does not verify over this document (the document changed or the signature is bad)',
    };
  return { status: 'verified', signer };
}
