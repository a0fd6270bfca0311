// The commissioning endpoints the element needs, as typed calls with its resolved settings.
import type { ActKind } from '../../domain/commissioning/act.ts';
import type { CommissioningView } from '../../domain/commissioning/view.ts';
import type { SignatureEnvelope } from '../../domain/signatures/types.ts';
import { getBytes, getJson, type RequestOptions, sendJson } from '../core/api.ts';

export type { CommissioningView };
export type Act = CommissioningView['acts'][number];
export type Condition = CommissioningView['conditions'][number];

const base = (id: string) => `/api/v1/commissioning/applications/${encodeURIComponent(id)}`;

export const getApplication = (id: string, o: RequestOptions) => getJson<CommissioningView>(base(id), o);

export type Step = { path: 'check' | 'commission' } | { path: 'reject'; body: { reasons: string[] } };

export const takeStep = (id: string, step: Step, o: RequestOptions) =>
  sendJson<CommissioningView>('POST', `${base(id)}/${step.path}`, 'body' in step ? step.body : {}, o);

export interface ActRequest {
  kind: ActKind;
  organizationId: string;
  panels?: { count: number; capacityKw: number };
}

export const drawUpAct = (id: string, body: ActRequest, o: RequestOptions) =>
  sendJson<CommissioningView>('POST', `${base(id)}/acts`, body, {
    ...o,
    idempotencyKey: crypto.randomUUID(),
  });

/** Never read as text: the signature must be over the bytes the server hashed. */
export async function getActBytes(id: string, actId: string, o: RequestOptions): Promise<Uint8Array> {
  const { bytes } = await getBytes(`${base(id)}/acts/${encodeURIComponent(actId)}/document`, o, 'text/html');
  return bytes;
}

export const signAct = (
  id: string,
  actId: string,
  body: { documentSha256: string; signature: SignatureEnvelope },
  o: RequestOptions,
) => sendJson<CommissioningView>('POST', `${base(id)}/acts/${encodeURIComponent(actId)}/signatures`, body, o);
