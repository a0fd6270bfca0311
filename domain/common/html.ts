// Text into HTML for the documents people sign (contracts, commissioning acts). The bytes of a
// signed document are hashed, so this escaping must not change once documents exist.
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
