// Signing the pending document of a contract with the built-in scheme. The bytes are fetched again
// and hashed here, never trusted from the view: the user signs exactly what the server will verify,
// and refuses when that is no longer the document the card shows.
import { documentSha256Hex, signEcdsa } from '../../domain/signatures/ecdsa.ts';
import type { RequestOptions } from '../core/api.ts';
import { getMe } from '../core/me.ts';
import { type ContractView, getDocumentBytes, registerKey, sign } from './client.ts';
import { getOrCreateSigningKey } from './key-store.ts';

/** The bytes behind `pending.documentSha256` hash to something else: the document changed. */
export class DocumentChangedError extends Error {
  readonly expected: string;
  readonly actual: string;

  constructor(expected: string, actual: string) {
    super(`the document hashes to ${actual}, not ${expected}`);
    this.name = 'DocumentChangedError';
    this.expected = expected;
    this.actual = actual;
  }
}

/** WebCrypto lives in secure contexts only, and the key needs IndexedDB to outlive the page. */
export const canSign = (): boolean =>
  typeof crypto !== 'undefined' && Boolean(crypto.subtle) && typeof indexedDB !== 'undefined';

export async function signPending(view: ContractView, options: RequestOptions): Promise<ContractView> {
  const pending = view.pending;
  if (!pending) throw new Error('nothing awaits signature');
  const expected = pending.documentSha256.toLowerCase();
  // One key per user on this device; the token says who the user is, /me turns that into an id.
  const { userId } = await getMe(options);
  const key = await getOrCreateSigningKey(userId);
  await registerKey(key.publicKeyJwk, options);
  const bytes = new Uint8Array(await getDocumentBytes(view.id, expected, options));
  const actual = await documentSha256Hex(bytes);
  if (actual !== expected) throw new DocumentChangedError(expected, actual);
  const signatureBase64 = await signEcdsa(bytes, key.privateKey);
  return sign(
    view.id,
    {
      documentSha256: expected,
      signature: { scheme: 'ecdsa-p256-sha256', publicKeyJwk: key.publicKeyJwk, signatureBase64 },
    },
    { ...options, idempotencyKey: crypto.randomUUID() },
  );
}
