// What "Read the protocol" needs, imported when a signer presses it: fetching the stored PDF and the
// text it is drawn from, checking both against the SHA-256 the meeting names, and showing them
// (protocol-text.ts and <mu-document-panel>). A sign-off page fetches none of it before then.
import { html, type TemplateResult } from 'lit';
import type { Language } from '../../domain/common/language.ts';
import type { ProtocolTextView } from '../../domain/meetings/types.ts';
import { documentSha256Hex } from '../contracts/public.ts';
import type { RequestOptions } from '../core/api.ts';
import '../core/document-panel.ts';
import { getProtocolPdf, getProtocolText } from './client.ts';
import { renderProtocolText } from './protocol-text.ts';

/** The protocol as read: its text, the PDF's bytes, and their hash, equal to the meeting's. */
export interface ShownProtocol {
  sha256: string;
  bytes: Uint8Array;
  text: ProtocolTextView;
}

/** The stored PDF and its text when both are the ones `sha256` names, else null. */
export async function readProtocol(
  id: string,
  sha256: string,
  o: RequestOptions,
): Promise<ShownProtocol | null> {
  const [{ bytes }, text] = await Promise.all([getProtocolPdf(id, o), getProtocolText(id, o)]);
  // The text must describe the very PDF shown and signed, else neither is shown.
  const same = text.pdfSha256.toLowerCase() === sha256 && (await documentSha256Hex(bytes)) === sha256;
  return same ? { sha256, bytes, text } : null;
}

export const renderProtocol = (shown: ShownProtocol, lang: Language): TemplateResult =>
  html`${renderProtocolText(shown.text, lang)}
    <mu-document-panel part="protocol-document" type="application/pdf" lang=${lang}
      .bytes=${shown.bytes} sha256=${shown.sha256}></mu-document-panel>`;
