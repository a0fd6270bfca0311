// What other capabilities' widgets may use of the contracts': signing a document in this browser
// with the user's device key (a commissioning act is signed as a contract is). The key never
// leaves IndexedDB; the bytes are hashed here before signing. The hashing, signing and key code is
// fetched when a document is first read or signed, so a card that only offers it downloads none.
import { loadWithRetry } from '../core/retry-import.ts';
import type { SigningKey } from './key-store.ts';

export { registerKey } from './client.ts';

export { canSign, DocumentChangedError } from './document-changed.ts';

/** The device's key (key-store.ts), its code fetched when a signature is first made. */
export const getOrCreateSigningKey = (userId: string): Promise<SigningKey> =>
  loadWithRetry(() => import('./key-store.ts')).then((m) => m.getOrCreateSigningKey(userId));

const ecdsa = () => loadWithRetry(() => import('./signature-code.ts'));

/** domain/signatures/ecdsa.ts documentSha256Hex, its code fetched on first use. */
export const documentSha256Hex = (document: Uint8Array): Promise<string> =>
  ecdsa().then((m) => m.documentSha256Hex(document));

/** domain/signatures/ecdsa.ts signEcdsa, its code fetched on first use. */
export const signEcdsa = (document: Uint8Array, privateKey: CryptoKey): Promise<string> =>
  ecdsa().then((m) => m.signEcdsa(document, privateKey));

const documentSignature = () => loadWithRetry(() => import('./document-signature.ts'));

/** document-signature.ts expectDocument, its code fetched on first use. */
export const expectDocument = (bytes: Uint8Array, expected: string): Promise<string> =>
  documentSignature().then((m) => m.expectDocument(bytes, expected));

/** document-signature.ts signatureOver, its code fetched when a signature is first made. */
export const signatureOver = (...args: Parameters<typeof import('./document-signature.ts').signatureOver>) =>
  documentSignature().then((m) => m.signatureOver(...args));
