// The two steps every signing widget takes, whatever it signs (a contract, an act, a lot's
// decision): the bytes shown must be the document the server names, and the signature the API's
// signed routes take is made over those very bytes. Apart from public.ts, whose hashing alone a
// widget that only shows a document (the meeting's sign-off reads the protocol) also needs.
import type { RequestOptions } from '../core/api.ts';
import { registerKey } from './client.ts';
import { DocumentChangedError } from './document-changed.ts';
import { documentSha256Hex, getOrCreateSigningKey, signEcdsa } from './public.ts';

/**
 * The bytes' SHA-256 (hex) when it is `expected`, in any case; DocumentChangedError otherwise, so
 * that only the document the server names is shown and signed.
 */
export async function expectDocument(bytes: Uint8Array, expected: string): Promise<string> {
  const want = expected.toLowerCase();
  const actual = await documentSha256Hex(bytes);
  if (actual !== want) throw new DocumentChangedError(want, actual);
  return actual;
}

/**
 * What every signed route takes: this device's signature over the bytes the person was shown
 * (checked against `sha256` once more, never downloaded again), its key registered first.
 */
export async function signatureOver(
  bytes: Uint8Array,
  sha256: string,
  userId: string,
  options: RequestOptions,
) {
  const documentSha256 = await expectDocument(bytes, sha256);
  const key = await getOrCreateSigningKey(userId);
  await registerKey(key.publicKeyJwk, options);
  const signatureBase64 = await signEcdsa(bytes, key.privateKey);
  return {
    documentSha256,
    signature: { scheme: 'ecdsa-p256-sha256' as const, publicKeyJwk: key.publicKeyJwk, signatureBase64 },
  };
}
