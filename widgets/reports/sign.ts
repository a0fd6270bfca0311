// Signing a report's act of completed works with the user's device key, as a commissioning act is
// signed (widgets/contracts/public.ts): the bytes are fetched and hashed here, so the user signs
// exactly what the server verifies.
import {
  DocumentChangedError,
  documentSha256Hex,
  getOrCreateSigningKey,
  registerKey,
  signEcdsa,
} from '../contracts/public.ts';
import type { RequestOptions } from '../core/api.ts';
import { getMe } from '../core/me.ts';
import { type ActView, getActBytes, signWorksAct } from './client.ts';

export { canSign } from '../contracts/public.ts';

export async function signWorksActHere(
  buildingId: string,
  quarter: string,
  act: ActView,
  options: RequestOptions & { idempotencyKey: string },
): Promise<ActView> {
  const { userId } = await getMe(options);
  const key = await getOrCreateSigningKey(userId);
  await registerKey(key.publicKeyJwk, options);
  const bytes = await getActBytes(buildingId, quarter, act.version, options);
  const expected = act.sha256.toLowerCase();
  const actual = await documentSha256Hex(bytes);
  if (actual !== expected) throw new DocumentChangedError(expected, actual);
  return signWorksAct(
    buildingId,
    quarter,
    act.version,
    {
      documentSha256: expected,
      signature: {
        scheme: 'ecdsa-p256-sha256',
        publicKeyJwk: key.publicKeyJwk,
        signatureBase64: await signEcdsa(bytes, key.privateKey),
      },
    },
    options,
  );
}
