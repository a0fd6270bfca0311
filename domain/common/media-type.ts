// What a file is, by its first bytes: uploads (appeals' attachments, reports' photos) are checked
// by their content, never their name or declared type, so nothing executable hides behind ".jpg".
export const SNIFFED_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type SniffedType = (typeof SNIFFED_TYPES)[number];

const SIGNATURES: { type: SniffedType; bytes: number[] }[] = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

/** How many leading bytes sniffing needs; callers may pass only these. */
export const SNIFF_BYTES = 8;

/** The media type the first bytes show, or null when they show none we know. */
export function sniffMediaType(head: Uint8Array): SniffedType | null {
  const hit = SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b));
  return hit ? hit.type : null;
}

// Old browsers and some phones still send these for JPEG.
const ALIASES: Record<string, SniffedType> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

/** The declared type without parameters or case, with aliases folded. */
export function normalizeMediaType(declared: string): string {
  const bare = (declared.split(';')[0] ?? '').trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}
