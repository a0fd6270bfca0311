// The link in a mail a transaction queued, taken from the mail as the SMTP server received it.
// The queued row is handed to this test's own SMTP server as the outbox would send it, without
// claiming it: another test file's outbox dispatcher on the shared database may claim and send it
// first (to its own server), and the row's content is what this test is after.
import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'vitest';
import { MailOutbox } from '../../db/mail/entities.ts';
import { inboxOf } from '../../db/notifications/inbox.ts';
import type { Language } from '../../domain/common/language.ts';
import type { InboxItem } from '../../domain/notifications/inbox.ts';
import type { CaughtMail, MailCatcher, Mailer } from '../../platform/mail.ts';

const FROM = 'Mening Uyim <no-reply@meninguyim.uz>';

/** Sends the queued mail to `to` whose subject holds `words`, and answers it as it was caught. */
export async function sentMail(
  em: EntityManager,
  mail: { mailer: Mailer; catcher: MailCatcher },
  to: string,
  words: string,
): Promise<CaughtMail> {
  const rows = await em.find(MailOutbox, { to, subject: { $like: `%${words}%` } });
  expect(
    rows.map((r) => r.subject),
    `queued mail to ${to} about ${words}`,
  ).toHaveLength(1);
  const row = rows[0]!;
  await mail.mailer.sendMail({
    from: FROM,
    to: row.to,
    subject: row.subject,
    text: row.text,
    ...(row.html ? { html: row.html } : {}),
  });
  // The server has accepted it; the catcher parses it on its own time.
  for (let waited = 0; ; waited += 50) {
    const caught = mail.catcher.messages().find((m) => m.to.includes(to) && m.subject === row.subject);
    if (caught) return caught;
    if (waited > 10_000) throw new Error(`the SMTP server never showed the mail to ${to}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The one portal link (`?open=<kind>:<id>`) in a mail's text. */
export function portalLink(text: string): URL {
  const links = text.match(/https?:\/\/\S+\?open=\S+/g) ?? [];
  expect(links, text).toHaveLength(1);
  return new URL(links[0]!);
}

/**
 * The one notice in a person's in-app inbox whose subject holds `words`, in `lang`: a notice sent
 * through notifications is there as soon as its transaction commits, whatever channels the person
 * has, so reading it needs no dispatcher. Its link is the inbox's own, not a line of its body.
 */
export async function inboxNotice(
  em: EntityManager,
  personId: string,
  words: string,
  lang: Language = 'en',
): Promise<InboxItem & { link: string }> {
  const inbox = await inboxOf(em, personId, lang, { page: 1, pageSize: 100 });
  const items = inbox.items.filter((n) => n.subject.includes(words));
  expect(
    items.map((n) => n.subject),
    `inbox notice of ${personId} about ${words}`,
  ).toHaveLength(1);
  const item = items[0]!;
  expect(item.link, `${item.subject} links to what it names`).toMatch(/\?open=/);
  expect(item.body, 'the inbox shows the link as its own, not as the mail text does').not.toContain(
    item.link!,
  );
  return item as InboxItem & { link: string };
}
