// Receipts reach their owners through the mail outbox: each receipt is queued once, under the key
// 'billing-receipt:<receipt id>', with its PDF attached, and the outbox dispatcher sends it. The
// queue step finds a building's receipts of the month not queued yet, so a retry after a crash
// queues exactly what is missing.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReceiptSnapshot } from '../../domain/billing/receipt-document.ts';
import type { Language } from '../../domain/common/language.ts';
import type { MailAttachment } from '../mail/entities.ts';
import { enqueueMail } from '../mail/outbox.ts';

export const receiptMailKey = (receiptId: string): string => `billing-receipt:${receiptId}`;

export interface ReceiptToMail {
  id: string;
  email: string;
  language: Language;
  snapshot: ReceiptSnapshot;
  sha256: string;
}

export async function receiptsAwaitingMail(
  em: EntityManager,
  buildingId: string,
  period: string,
): Promise<ReceiptToMail[]> {
  const rows = await em.execute<
    {
      id: string;
      email: string;
      language: Language;
      content: ReceiptSnapshot | string;
      content_sha256: string;
    }[]
  >(
    `select r.id, p.email, p.language, r.content, r.content_sha256
       from billing_receipt r join person p on p.id = r.person_id
      where r.building_id = ? and r.period = ? and p.email is not null and p.email <> ''
        and not exists (select 1 from mail_outbox m where m.idempotency_key = 'billing-receipt:' || r.id::text)
      order by r.number`,
    [buildingId, period],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    language: r.language,
    snapshot: typeof r.content === 'string' ? (JSON.parse(r.content) as ReceiptSnapshot) : r.content,
    sha256: r.content_sha256,
  }));
}

export async function queueReceiptMail(
  em: EntityManager,
  mails: readonly {
    receiptId: string;
    to: string;
    subject: string;
    text: string;
    attachment: MailAttachment;
  }[],
): Promise<number> {
  return enqueueMail(
    em,
    mails.map((m) => ({
      idempotencyKey: receiptMailKey(m.receiptId),
      to: m.to,
      subject: m.subject,
      text: m.text,
      attachments: [m.attachment],
    })),
  );
}
