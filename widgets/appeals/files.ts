// The attachment rules the API applies, applied in the browser first: the same limits and the same
// content sniffing (domain/appeals/attachments.ts), so a ".png" that is really text is refused
// before a byte of it is uploaded.
import { SNIFF_BYTES, sniffMediaType } from '../../domain/appeals/attachments.ts';
import { type AttachmentLimits, DEFAULT_APPEAL_POLICY } from '../../domain/appeals/policy.ts';
import { declaredFileType } from '../core/stored-file.ts';
import type { AppealFormMessageKey } from './form-messages.ts';

export const LIMITS: AttachmentLimits = DEFAULT_APPEAL_POLICY.attachments;
export const ACCEPT = LIMITS.types.join(',');
export const MAX_MB = Math.round(LIMITS.maxBytes / (1024 * 1024));

const TYPE_NAME: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/pdf': 'PDF',
};

export interface FileIssue {
  key: AppealFormMessageKey;
  params: Record<string, string | number>;
}

/** The type a file claims: its MIME type, else its extension's. */
export const declaredType = declaredFileType;

/** Why this file may not be attached, or null when it may. Reads the first bytes only. */
export async function checkFile(file: File): Promise<FileIssue | null> {
  const name = file.name;
  const declared = declaredType(file);
  if (!(LIMITS.types as string[]).includes(declared)) return { key: 'fileType', params: { name } };
  if (file.size <= 0) return { key: 'fileEmpty', params: { name } };
  if (file.size > LIMITS.maxBytes) return { key: 'fileTooBig', params: { name, size: MAX_MB } };
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  if (sniffMediaType(head) !== declared) {
    return { key: 'fileDisguised', params: { name, type: TYPE_NAME[declared] ?? declared } };
  }
  return null;
}
