// Signing an act with the user's device key, as <mu-contract> signs a contract: the key stays in
// this browser (the contracts' key store, through widgets/contracts/public.ts), and the bytes are
// fetched and hashed here, then shown, so the user signs exactly what was read and what the server
// verifies, never what the card merely says.
import { expectDocument, signatureOver } from '../contracts/public.ts';
import type { RequestOptions } from '../core/api.ts';
import { type Act, type CommissioningView, getActBytes, signAct } from './client.ts';

export { canSign, DocumentChangedError } from '../contracts/public.ts';

/** The act's bytes, refused unless they hash to what the card names: these are shown, then signed. */
export async function readAct(applicationId: string, act: Act, options: RequestOptions): Promise<Uint8Array> {
  const bytes = await getActBytes(applicationId, act.id, options);
  await expectDocument(bytes, act.sha256);
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
  return signAct(applicationId, act.id, await signatureOver(bytes, act.sha256, userId, options), options);
}
