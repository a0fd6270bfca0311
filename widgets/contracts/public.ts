// What other capabilities' widgets may use of the contracts': signing a document in this browser
// with the user's device key (a commissioning act is signed as a contract is). The key never
// leaves IndexedDB; the bytes are hashed here before signing.
export { registerKey } from './client.ts';
export { getOrCreateSigningKey } from './key-store.ts';
export { canSign, DocumentChangedError } from './sign.ts';
