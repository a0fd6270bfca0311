// The contract endpoints a signer needs, as typed calls with the element's resolved settings.
import type { ContractView } from '../../domain/contracts/view.ts';
import type { SignatureEnvelope } from '../../domain/signatures/types.ts';
import { getBytes, getJson, type RequestOptions, type SendOptions, sendJson } from '../core/api.ts';

export type { ContractParameters } from '../../domain/contracts/document.ts';
export type { Change, Party } from '../../domain/contracts/lifecycle.ts';
export type {
  ContractSummary,
  ContractTimelineEntry as TimelineEntry,
  ContractView,
} from '../../domain/contracts/view.ts';

export interface RegisteredKey {
  id: string;
  thumbprint: string;
  createdAt: string;
}

const base = (id: string) => `/api/v1/contracts/${encodeURIComponent(id)}`;

export const getContract = (id: string, o: RequestOptions) => getJson<ContractView>(base(id), o);

/** Path of a document version; `sha256` omitted means the pending one, else the one in force. */
export function documentPath(id: string, format: 'html' | 'pdf', sha256?: string): string {
  const query = sha256 ? `?sha256=${encodeURIComponent(sha256)}` : '';
  return `${base(id)}/${format === 'pdf' ? 'document.pdf' : 'document'}${query}`;
}

/**
 * The exact bytes that are signed. Never read as text: decoding and re-encoding may change them
 * (a BOM, a normalised line end), and the signature must be over what the server hashed.
 */
export async function getDocumentBytes(id: string, sha256: string, o: RequestOptions): Promise<ArrayBuffer> {
  const { bytes } = await getBytes(documentPath(id, 'html', sha256), o, 'text/html');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export const getDocumentPdf = (id: string, sha256: string | undefined, o: RequestOptions) =>
  getBytes(documentPath(id, 'pdf', sha256), o, 'application/pdf');

export const getDocumentHtml = (id: string, sha256: string | undefined, o: RequestOptions) =>
  getBytes(documentPath(id, 'html', sha256), o, 'text/html');

/** Idempotent on the key's thumbprint: registering it again answers the same record. */
export const registerKey = (publicKeyJwk: JsonWebKey, o: RequestOptions) =>
  sendJson<RegisteredKey>('POST', '/api/v1/me/signing-keys', { publicKeyJwk }, o);

export const sign = (
  id: string,
  body: { documentSha256: string; signature: SignatureEnvelope },
  o: SendOptions & { idempotencyKey: string },
) => sendJson<ContractView>('POST', `${base(id)}/signatures`, body, o);
