// What of the domain's signature scheme a widget runs: hashing a document and signing it. Re-exported
// by name so the chunk public.ts fetches on first use leaves out the verification only the API needs.
export { documentSha256Hex, signEcdsa } from '../../domain/signatures/ecdsa.ts';
