// The user's key for the built-in signature scheme. The private key is generated non-extractable and
// the CryptoKeyPair object itself is kept in IndexedDB (structured clone preserves that flag), so no
// script on the portal's origin can ever read the key material, only ask the browser to sign.
import { ECDSA_KEY_PARAMS, jwkThumbprint } from '../../domain/signatures/ecdsa.ts';

export interface SigningKey {
  privateKey: CryptoKey;
  publicKeyJwk: JsonWebKey;
  /** RFC 7638 thumbprint, as the API reports registered keys. */
  thumbprint: string;
}

export const KEY_DATABASE = 'mening-uyim-keys';
export const KEY_STORE = 'signing-keys';

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(KEY_DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(KEY_STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`${KEY_DATABASE} is blocked by another tab`));
  });
}

function readPair(db: IDBDatabase, userId: string): Promise<CryptoKeyPair | undefined> {
  return new Promise((resolve, reject) => {
    const request = db.transaction(KEY_STORE, 'readonly').objectStore(KEY_STORE).get(userId);
    request.onsuccess = () => resolve(request.result as CryptoKeyPair | undefined);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Stores `pair` unless another tab stored one first, and answers the pair that is now stored. The
 * read and the write share one transaction, so two tabs never end up signing with different keys.
 */
function storeFirst(db: IDBDatabase, userId: string, pair: CryptoKeyPair): Promise<CryptoKeyPair> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(KEY_STORE, 'readwrite');
    const store = tx.objectStore(KEY_STORE);
    let result = pair;
    const existing = store.get(userId);
    existing.onsuccess = () => {
      if (existing.result) result = existing.result as CryptoKeyPair;
      else store.add(pair, userId);
    };
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('key store transaction aborted'));
  });
}

async function loadOrCreate(userId: string): Promise<SigningKey> {
  const db = await openDatabase();
  try {
    let pair = await readPair(db, userId);
    if (!pair) {
      // Key generation is asynchronous and would let an IndexedDB transaction auto-commit, so the
      // pair is made first and stored in a transaction of its own.
      const fresh = await crypto.subtle.generateKey({ ...ECDSA_KEY_PARAMS } as EcKeyGenParams, false, [
        'sign',
        'verify',
      ]);
      pair = await storeFirst(db, userId, fresh);
    }
    // Public keys stay exportable whatever the flag says; only the private half is locked.
    const publicKeyJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    return { privateKey: pair.privateKey, publicKeyJwk, thumbprint: await jwkThumbprint(publicKeyJwk) };
  } finally {
    db.close();
  }
}

// Two elements asking at once in one page share one answer instead of racing to generate.
const pending = new Map<string, Promise<SigningKey>>();

/** The user's signing key on this device, generated and stored on first use. */
export function getOrCreateSigningKey(userId: string): Promise<SigningKey> {
  let key = pending.get(userId);
  if (!key) {
    key = loadOrCreate(userId);
    pending.set(userId, key);
    // A failure (private browsing without IndexedDB, a blocked upgrade) must not stick.
    key.catch(() => pending.delete(userId));
  }
  return key;
}
