// What text the system accepts from outside. PostgreSQL cannot store U+0000 in text or jsonb, and
// refuses a jsonb string with an unpaired surrogate; the other C0 controls and DEL are storable
// but never typed by a person: they only corrupt documents, mail headers, CSV exports and logs.
// Tab, line feed and carriage return stay, since multi-line text is real.

const UNACCEPTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` is refused, naming the character and where it is, or null when it is acceptable. */
export function textFault(text: string): string | null {
  const found = UNACCEPTABLE.exec(text);
  if (!found) return null;
  const code = `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const what = found[0] >= '\uD800' ? `an unpaired surrogate (${code})` : `the control character ${code}`;
  return `contains ${what} at position ${found.index}; only tab, line feed and carriage return are allowed`;
}
