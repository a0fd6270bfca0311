// SMS length rules. A text in the GSM 03.38 7-bit alphabet takes 160 characters in one message and
// 153 in each part of a longer one (the rest of each part is the concatenation header); the
// alphabet's extension characters (€ [ ] { } ~ ^ \ | and form feed) take two septets and are never
// split across parts. Any other character makes the whole text UCS-2: 70 UTF-16 units in one
// message, 67 in each part, a surrogate pair never split. Russian is always UCS-2; Uzbek Latin is
// GSM-7 once its oʻ/gʻ apostrophe (U+02BB) is written as the ASCII one, which `smsText` does.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

const isGsm = (text: string) => [...text].every((c) => BASIC.has(c) || EXTENSION.has(c));

/** Units of each character: what may not be split across parts. */
function units(text: string, encoding: SmsEncoding): number[] {
  return [...text].map((c) => (encoding === 'gsm7' ? (EXTENSION.has(c) ? 2 : 1) : c.length));
}

function segmentsOf(charUnits: number[], single: number, part: number): number {
  const total = charUnits.reduce((a, b) => a + b, 0);
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const u of charUnits) {
    if (used + u > part) {
      segments++;
      used = 0;
    }
    used += u;
  }
  return segments;
}

export function smsLength(text: string): SmsLength {
  const encoding: SmsEncoding = isGsm(text) ? 'gsm7' : 'ucs2';
  const u = units(text, encoding);
  const total = u.reduce((a, b) => a + b, 0);
  const segments = encoding === 'gsm7' ? segmentsOf(u, 160, 153) : segmentsOf(u, 70, 67);
  return { encoding, units: total, segments };
}

// Typographic marks that have a GSM-7 twin: Uzbek Latin's oʻ/gʻ and tutuq belgisi, curly quotes,
// dashes. Writing them plainly keeps an Uzbek text at 160 characters a message instead of 70.
const PLAIN: Record<string, string> = {
  ʻ: "'",
  ʼ: "'",
  '‘': "'",
  '’': "'",
  '`': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
};

/** The text with typographic marks written plainly (never changes letters). */
export function smsText(text: string): string {
  return [...text].map((c) => PLAIN[c] ?? c).join('');
}

/**
 * The SMS for a message: its body, cut to fit `maxSegments` when longer, ending with the link so
 * the person can read the rest. The cut falls between characters, never inside one.
 */
export function fitSms(body: string, maxSegments: number, link?: string): string {
  const plain = smsText(body);
  const whole = link ? `${plain} ${link}` : plain;
  if (smsLength(whole).segments <= maxSegments) return whole;
  const chars = [...plain];
  const tail = link ? `... ${link}` : '...';
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (smsLength(chars.slice(0, mid).join('').trimEnd() + tail).segments <= maxSegments) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + tail;
}
