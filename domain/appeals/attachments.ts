// Attachments are checked by their content, not their name or declared type: a file whose first
// bytes do not match what it claims to be is refused, so nothing executable hides behind ".jpg".
import type { AppealPolicy, MediaType } from './policy.ts';

const SIGNATURES: { type: MediaType; bytes: number[] }[] = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

/** How many leading bytes sniffing needs; callers may pass only these. */
export const SNIFF_BYTES = 8;

/** The media type the first bytes show, or null when they show none we accept. */
export function sniffMediaType(head: Uint8Array): MediaType | null {
  const hit = SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b));
  return hit ? hit.type : null;
}

// Old browsers and some phones still send these for JPEG.
const ALIASES: Record<string, MediaType> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

/** The declared type without parameters or case, with aliases folded. */
export function normalizeMediaType(declared: string): string {
  const bare = (declared.split(';')[0] ?? '').trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

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
