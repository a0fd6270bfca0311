// Signing the pending document of a contract with the built-in scheme. The bytes are fetched and
// hashed here, never trusted from the view, and shown before they are signed: the user signs exactly
// what was read and what the server will verify, and nothing when that is no longer the document the
// card names.
import type { RequestOptions } from '../core/api.ts';
import { getMe } from '../core/me.ts';
import { type ContractView, getDocumentBytes, sign } from './client.ts';
import { expectDocument, signatureOver } from './document-signature.ts';

export { canSign, DocumentChangedError } from './document-changed.ts';

/** The pending document's bytes, refused unless they hash to what the card names. */
export async function readPending(view: ContractView, options: RequestOptions): Promise<Uint8Array> {
  const pending = view.pending;
  if (!pending) throw new Error('nothing awaits signature');
  const expected = pending.documentSha256.toLowerCase();
  const bytes = new Uint8Array(await getDocumentBytes(view.id, expected, options));
  await expectDocument(bytes, expected);
  return bytes;
}

/** Signs the bytes the person was shown (from readPending), never a second download. */
export async function signPending(
  view: ContractView,
  bytes: Uint8Array,
  options: RequestOptions,
): Promise<ContractView> {
  const pending = view.pending;
  if (!pending) throw new Error('nothing awaits signature');
  // One key per user on this device; the token says who the user is, /me turns that into an id.
  const { userId } = await getMe(options);
  const body = await signatureOver(bytes, pending.documentSha256, userId, options);
  return sign(view.id, body, { ...options, idempotencyKey: crypto.randomUUID() });
}
