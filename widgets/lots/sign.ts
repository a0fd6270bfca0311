// The council's approval as the signature of the act of its decision with the device key, as the
// other acts are signed (widgets/commissioning/sign.ts): the bytes shown are the bytes signed.
// Apart from client.ts, and fetched by <mu-lot> only when a person first reads an act
// (core/lazy-part.ts), with the panel that shows it: a page that reads a lot without opening an
// act downloads neither (<mu-lots>, which signs nothing, never does).
import { html, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import { expectDocument, signatureOver } from '../contracts/public.ts';
import { getBytes, type RequestOptions, sendJson } from '../core/api.ts';
import '../core/document-panel.ts';
import { lot, type VersionView, type Write } from './client.ts';

export { canSign } from '../contracts/public.ts';
// Asked before the approval, which is signed: here, since only a signing step asks.
export { askConfirmation } from '../core/ask-confirmation.ts';

const actPath = (id: string, version: number) => `${lot(id)}/versions/${version}/act`;

/** The act's bytes, refused unless they hash to the version's decision document: these are shown, then signed. */
export async function readAct(id: string, v: VersionView, o: RequestOptions) {
  const { bytes } = await getBytes(`${actPath(id, v.version)}/document`, o, 'text/html');
  const sha256 = await expectDocument(bytes, (v.decisionDocument ?? '').replace(/^sha256:/, ''));
  return { bytes, sha256 };
}

/** The signature body over the bytes the person was shown, never a second download. */
const signedBody = (shown: { bytes: Uint8Array; sha256: string }, userId: string, o: Write) =>
  signatureOver(shown.bytes, shown.sha256, userId, o);

/** Signs the act of a version approved before approvals were signed (from readAct). */
export async function signActHere(
  id: string,
  version: number,
  shown: { bytes: Uint8Array; sha256: string },
  userId: string,
  o: Write,
): Promise<VersionView[]> {
  return sendJson<VersionView[]>(
    'POST',
    `${actPath(id, version)}/signatures`,
    await signedBody(shown, userId, o),
    o,
  );
}

/** The act approving the submitted version as this council member signs it, its hash checked. */
export async function readApprovalAct(id: string, o: RequestOptions) {
  const { bytes, headers } = await getBytes(`${lot(id)}/decision/act`, o, 'text/html');
  return { bytes, sha256: await expectDocument(bytes, headers.get('X-Document-Sha256') ?? '') };
}

/** The council's approval: the signature over the act the member read (readApprovalAct). */
export async function approveBySigning(
  id: string,
  shown: { bytes: Uint8Array; sha256: string },
  userId: string,
  o: Write,
) {
  return sendJson<unknown>(
    'POST',
    `${lot(id)}/decision`,
    { decision: 'approve', ...(await signedBody(shown, userId, o)) },
    o,
  );
}

/** The act as read (from readAct or readApprovalAct), in the shared document panel. */
export const renderAct = (
  part: string,
  lang: Language,
  shown: { bytes: Uint8Array; sha256: string },
): TemplateResult =>
  html`<mu-document-panel part=${part} lang=${lang} .bytes=${shown.bytes} sha256=${shown.sha256}></mu-document-panel>`;
