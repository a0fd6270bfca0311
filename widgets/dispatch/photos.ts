// Photos for a request or a finished job: the API's rules (JPEG or PNG by content, the policy's
// count and size) applied in the browser first, then the bytes as base64 for the JSON body.
import { SNIFF_BYTES, sniffMediaType } from '../../domain/common/media-type.ts';
import { DEFAULT_DISPATCH_POLICY } from '../../domain/dispatch/policy.ts';
import type { PhotoInput } from './client.ts';
import type { DispatchMessageKey } from './messages.ts';

export const PHOTO_LIMITS = DEFAULT_DISPATCH_POLICY.photos;
export const PHOTO_ACCEPT = PHOTO_LIMITS.types.join(',');
export const PHOTO_MAX_MB = Math.round(PHOTO_LIMITS.maxBytes / (1024 * 1024));

export interface PhotoIssue {
  key: DispatchMessageKey;
  params: Record<string, string | number>;
}

/** Why this file may not go with the request, or null; reads its first bytes only. */
export async function checkPhoto(file: File): Promise<PhotoIssue | null> {
  const name = file.name;
  if (file.size > PHOTO_LIMITS.maxBytes) return { key: 'photoTooBig', params: { name, size: PHOTO_MAX_MB } };
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const type = sniffMediaType(head);
  return type && (PHOTO_LIMITS.types as string[]).includes(type)
    ? null
    : { key: 'photoType', params: { name } };
}

/** Adds the picked files that pass to those already chosen, up to the policy's count. */
export async function addPhotos(
  chosen: readonly File[],
  picked: readonly File[],
): Promise<{ files: File[]; issues: PhotoIssue[] }> {
  const files = [...chosen];
  const issues: PhotoIssue[] = [];
  for (const file of picked) {
    const issue = await checkPhoto(file);
    if (issue) issues.push(issue);
    else if (files.length >= PHOTO_LIMITS.maxFiles)
      issues.push({ key: 'tooManyPhotos', params: { max: PHOTO_LIMITS.maxFiles } });
    else files.push(file);
  }
  return { files, issues };
}

/** The file's bytes in base64, as PhotoInput carries them. */
export async function toPhotoInput(file: File): Promise<PhotoInput> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with one argument per byte overflows the stack on a large photo.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { contentBase64: btoa(binary) };
}
