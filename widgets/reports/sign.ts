// Signing a report's act of completed works with the user's device key, as a commissioning act is
// signed (widgets/contracts/public.ts): the bytes are fetched and hashed here, so the user signs
// exactly what the server verifies.
import { signatureOver } from '../contracts/public.ts';
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
  const bytes = await getActBytes(buildingId, quarter, act.version, options);
  const body = await signatureOver(bytes, act.sha256, userId, options);
  return signWorksAct(buildingId, quarter, act.version, body, options);
}
