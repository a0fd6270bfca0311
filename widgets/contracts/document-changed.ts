// What a widget that signs checks before it draws its button and after it reads a document, apart
// from the signing code (sign.ts, key-store.ts), which is fetched only when a signature is made.
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
