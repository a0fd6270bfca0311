// A capability's mail text carries its portal link on a line of its own ("Open the appeal: <url>").
// Channels that show the link themselves (the inbox's button, Telegram's and SMS's closing link)
// drop that line, so the reader sees the link once and never as raw address text.

/** The body without the lines that hold its link, blank runs closed up. */
export function bodyWithoutLinkLines(m: { body: string; link?: string | null }): string {
  const link = m.link;
  if (!link) return m.body;
  return m.body
    .split('\n')
    .filter((line) => !line.includes(link))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
