// Signing an act with the user's device key, as <mu-contract> signs a contract: the key stays in
// this browser (the contracts' key store, through widgets/contracts/public.ts), and the bytes are
// fetched and hashed here so the user signs exactly what the server verifies, never what the card
// merely says.
import { documentSha256Hex, signEcdsa } from '../../domain/signatures/ecdsa.ts';
import { DocumentChangedError, getOrCreateSigningKey, registerKey } from '../contracts/public.ts';
import type { RequestOptions } from '../core/api.ts';
import { type Act, type CommissioningView, getActBytes, signAct } from './client.ts';

export { canSign, DocumentChangedError } from '../contracts/public.ts';

export async function signActHere(
  applicationId: string,
  act: Act,
  userId: string,
  options: RequestOptions,
): Promise<CommissioningView> {
  const key = await getOrCreateSigningKey(userId);
  await registerKey(key.publicKeyJwk, options);
  const bytes = await getActBytes(applicationId, act.id, options);
  const expected = act.sha256.toLowerCase();
  const actual = await documentSha256Hex(bytes);
  if (actual !== expected) throw new DocumentChangedError(expected, actual);
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
