// A person's in-app notices: each message recorded for them, newest first, in their language.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '../../domain/common/language.ts';
import type { Page } from '../../domain/common/page.ts';
import type { InboxItem } from '../../domain/notifications/inbox.ts';
import { bodyWithoutLinkLines } from '../../domain/notifications/link-lines.ts';
import { isLegal, type MessageKind, type MessageText } from '../../domain/notifications/types.ts';
import { executeBound, type PageRequest, paging } from '../sql.ts';

interface Row {
  id: string;
  kind: MessageKind;
  texts: Partial<Record<Language, MessageText>> | null;
  language: Language | null;
  created_at: Date;
  read_at: Date | null;
  total: string;
}

const SELECT = `select m.id, m.kind, coalesce(m.texts, g.texts) as texts, m.language, m.created_at, r.read_at
  from notification_message m join notification_mailing g on g.id = m.mailing_id
  left join notification_inbox_read r on r.message_id = m.id`;

function itemOf(r: Row, lang: Language): InboxItem {
  const texts = r.texts ?? {};
  const text = texts[lang] ??
    (r.language ? texts[r.language] : undefined) ??
    texts.uz ??
    Object.values(texts)[0] ?? { subject: '', body: '' };
  return {
    id: r.id,
    kind: r.kind,
    legal: isLegal(r.kind),
    subject: text.subject,
    body: bodyWithoutLinkLines(text),
    link: text.link ?? null,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

export async function inboxOf(
  em: EntityManager,
  personId: string,
  lang: Language,
  p: PageRequest,
): Promise<Page<InboxItem> & { unread: number }> {
  const { page, pageSize, offset } = paging(p);
  const rows = await executeBound<Row>(
    em,
    `${SELECT.replace('r.read_at', 'r.read_at, count(*) over () as total')}
      where m.person_id = $1 order by m.created_at desc, m.id desc limit $2 offset $3`,
    [personId, pageSize, offset],
  );
  const [counts] = await executeBound<{ total: string; unread: string }>(
    em,
    `select count(*) as total, count(*) filter (where r.message_id is null) as unread
       from notification_message m left join notification_inbox_read r on r.message_id = m.id
      where m.person_id = $1`,
    [personId],
  );
  return {
    items: rows.map((r) => itemOf(r, lang)),
    page,
    pageSize,
    total: Number(counts?.total ?? 0),
    unread: Number(counts?.unread ?? 0),
  };
}

/**
 * Marks one notice read: the first time counts, a repeat changes nothing and answers the same.
 * 'not_found' for no such notice, 'not_yours' for another person's.
 */
export async function markRead(
  em: EntityManager,
  personId: string,
  messageId: string,
  lang: Language,
  now: Date,
): Promise<InboxItem | 'not_found' | 'not_yours'> {
  const [owner] = await executeBound<{ person_id: string }>(
    em,
    'select person_id from notification_message where id = $1',
    [messageId],
  );
  if (!owner) return 'not_found';
  if (owner.person_id !== personId) return 'not_yours';
  await executeBound(
    em,
    `insert into notification_inbox_read (message_id, read_at) values ($1, $2) on conflict (message_id) do nothing`,
    [messageId, now],
  );
  const [row] = await executeBound<Row>(em, `${SELECT} where m.id = $1`, [messageId]);
  return itemOf(row as Row, lang);
}
