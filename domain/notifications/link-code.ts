// The one-time code a person carries from the portal to the bot in `/start <code>`. Telegram
// allows 64 characters of [A-Za-z0-9_-] in a deep link's start parameter; the code is random
// (the caller passes the bytes: the domain has no randomness of its own) and expires.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

export const LINK_CODE_LENGTH = 24;
export const LINK_CODE_PATTERN = /^[A-Za-z0-9_-]{24}$/;

/** 24 characters of 6 bits each from 24 random bytes (144 bits). */
export function linkCodeFrom(random: Uint8Array): string {
  if (random.length < LINK_CODE_LENGTH) throw new Error(`need ${LINK_CODE_LENGTH} random bytes`);
  return [...random.slice(0, LINK_CODE_LENGTH)].map((b) => ALPHABET[b & 63]).join('');
}

export function deepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}

/** The code in a `/start <code>` message, or null for any other text. */
export function startCode(text: string): string | null {
  const m = /^\/start(?:@\w+)?\s+(\S+)\s*$/.exec(text.trim());
  return m && LINK_CODE_PATTERN.test(m[1] as string) ? (m[1] as string) : null;
}
