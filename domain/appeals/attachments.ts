// Attachments are checked by their content, not their name or declared type: a file whose first
// bytes do not match what it claims to be is refused, so nothing executable hides behind ".jpg".
import { normalizeMediaType, sniffMediaType } from '../common/media-type.ts';
import type { AppealPolicy } from './policy.ts';

export { normalizeMediaType, SNIFF_BYTES, sniffMediaType } from '../common/media-type.ts';

export interface AttachmentCandidate {
  name: string;
  declaredType: string;
  size: number;
  /** At least the first SNIFF_BYTES bytes of the content. */
  head: Uint8Array;
}

export interface FieldIssue {
  field: string;
  message: string;
}

export function checkAttachments(policy: AppealPolicy, files: AttachmentCandidate[]): FieldIssue[] {
  const limits = policy.attachments;
  const issues: FieldIssue[] = [];
  if (files.length > limits.maxFiles) {
    issues.push({ field: 'attachments', message: `at most ${limits.maxFiles} files` });
  }
  files.forEach((f, i) => {
    const declared = normalizeMediaType(f.declaredType);
    const sniffed = sniffMediaType(f.head);
    const allowed = (t: string | null) => t !== null && (limits.types as string[]).includes(t);
    if (!allowed(declared)) {
      issues.push({ field: `attachments.${i}.type`, message: `allowed types: ${limits.types.join(', ')}` });
    } else if (sniffed !== declared) {
      issues.push({
        field: `attachments.${i}.type`,
        message: `the content is ${sniffed ?? 'not an allowed type'}, not ${declared}`,
      });
    }
    if (!Number.isFinite(f.size) || f.size <= 0) {
      issues.push({ field: `attachments.${i}.size`, message: 'the file is empty' });
    } else if (f.size > limits.maxBytes) {
      issues.push({ field: `attachments.${i}.size`, message: `at most ${limits.maxBytes} bytes` });
    }
  });
  return issues;
}
