// Signing an act with the user's device key, as <mu-contract> signs a contract: the key stays in
// this browser (the contracts' key store, through widgets/contracts/public.ts), and the bytes are
// fetched and hashed here, then shown, so the user signs exactly what was read and what the server
// verifies, never what the card merely says.
import {
  DocumentChangedError,
  documentSha256Hex,
  getOrCreateSigningKey,
  registerKey,
  signEcdsa,
} from '../contracts/public.ts';
import type { RequestOptions } from '../core/api.ts';
import { type Act, type CommissioningView, getActBytes, signAct } from './client.ts';

export { canSign, DocumentChangedError } from '../contracts/public.ts';

/** The act's bytes, refused unless they hash to what the card names: these are shown, then signed. */
export async function readAct(applicationId: string, act: Act, options: RequestOptions): Promise<Uint8Array> {
  const bytes = await getActBytes(applicationId, act.id, options);
  const expected = act.sha256.toLowerCase();
  const actual = await documentSha256Hex(bytes);
  if (actual !== expected) throw new DocumentChangedError(expected, actual);
  return bytes;
}

/** Signs the bytes the person was shown (from readAct), never a second download. */
export async function signActHere(
  applicationId: string,
  act: Act,
  bytes: Uint8Array,
  userId: string,
  options: RequestOptions,
): Promise<CommissioningView> {
  const expected = act.sha256.toLowerCase();
  const actual = await documentSha256Hex(bytes);
  if (actual !== expected) throw new DocumentChangedError(expected, actual);
  const key = await getOrCreateSigningKey(userId);
  await registerKey(key.publicKeyJwk, options);
  const signatureBase64 = await signEcdsa(bytes, key.privateKey);
  return signAct(
    applicationId,
    act.id,
    {
      documentSha256: expected,
      signature: { scheme: 'ecdsa-p256-sha256', publicKeyJwk: key.publicKeyJwk, signatureBase64 },
    },
    options,
  );
}
