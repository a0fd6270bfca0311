// SHA-256 as lowercase hex through WebCrypto (no Node built-ins), so the API, the activities and
// the widgets hash the same bytes the same way.
export const hex = (buf: ArrayBuffer): string =>
  Array.from(new Uint8Array(buf), (x) => x.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(text: string | Uint8Array): Promise<string> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return hex(await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource));
}
