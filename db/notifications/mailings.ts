// An organization's mailings, newest first, for choosing one whose delivery report to read.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Language } from '../../domain/common/language.ts';
import type { Page } from '../../domain/common/page.ts';
import type { MessageKind, MessageText } from '../../domain/notifications/types.ts';
import { executeBound, type PageRequest, pageTotal, paging } from '../sql.ts';

export interface MailingSummary {
  id: string;
  kind: MessageKind;
  subject: string;
  createdAt: string;
  messages: number;
}

export async function mailingsOf(
  em: EntityManager,
  organizationId: string,
  lang: Language,
  p: PageRequest,
): Promise<Page<MailingSummary>> {
  const { page, pageSize, offset } = paging(p);
  const rows = await executeBound<{
    id: string;
    kind: MessageKind;
    texts: Partial<Record<Language, MessageText>>;
    created_at: Date;
    messages: string;
    total: string;
  }>(
    em,
    `select g.id, g.kind, g.texts, g.created_at, count(*) over () as total,
            (select count(*) from notification_message m where m.mailing_id = g.id) as messages
       from notification_mailing g where g.organization_id = $1
      order by g.created_at desc, g.id desc limit $2 offset $3`,
    [organizationId, pageSize, offset],
  );
  const total = await pageTotal(rows, offset, async () => {
    const [count] = await executeBound<{ n: string }>(
      em,
      'select count(*) as n from notification_mailing where organization_id = $1',
      [organizationId],
    );
    return Number(count?.n ?? 0);
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      subject: (r.texts[lang] ?? r.texts.uz ?? Object.values(r.texts)[0])?.subject ?? '',
      createdAt: new Date(r.created_at).toISOString(),
      messages: Number(r.messages),
    })),
    page,
    pageSize,
    total,
  };
}
