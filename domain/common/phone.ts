// Uzbek phone numbers, a subscriber's or a caller's: the country code 998 and nine digits (two of
// the operator or region, seven of the subscriber). People type them with spaces, dashes, brackets,
// without the plus, or in the domestic form; we store one form, +998XXXXXXXXX, and refuse anything else.
const SEPARATORS = /[\s\-().]/g;

/** The number in +998XXXXXXXXX form, or null when it is not an Uzbek number. */
export function normalizeUzPhone(input: string): string | null {
  const compact = input.trim().replace(SEPARATORS, '');
  const m = /^(?:\+998|998)(\d{9})$/.exec(compact);
  return m ? `+998${m[1]}` : null;
}

export const UZ_PHONE_PATTERN = '^\\+998\\d{9}$';

/** The number with its last digits hidden, for lists and logs: +998 90 *** ** 67. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 4)} ${phone.slice(4, 6)} *** ** ${phone.slice(-2)}`;
}
