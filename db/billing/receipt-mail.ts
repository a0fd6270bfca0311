// Receipts reach their owners through notifications: each receipt is one mailing under the key
// 'billing-receipt:<receipt id>' addressed to its owner, who gets it by their own channels (by
// email with the PDF attached, by Telegram, SMS and the in-app inbox as what is due, by when, and
// the payment page's link). The queue step finds a building's receipts of the month not handed
// over yet (nor mailed through the outbox, as receipts were before), so a retry after a crash
// queues exactly what is missing, and notifications sends each message at most once per channel.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReceiptSnapshot } from '../../domain/billing/receipt-document.ts';
import type { Language } from '../../domain/common/language.ts';
import { existingMailings, type MessageText, notify } from '../notifications/public.ts';

export const receiptMailKey = (receiptId: string): string => `billing-receipt:${receiptId}`;

export interface ReceiptToMail {
  id: string;
  personId: string;
  buildingId: string;
  apartmentNumber: string;
  /** The owner's address, when they have one: only then is the PDF rendered to go with the mail. */
  email: string | null;
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
      person_id: string;
      building_id: string;
      number: string;
      email: string | null;
      language: Language;
      content: ReceiptSnapshot | string;
      content_sha256: string;
    }[]
  >(
    `select r.id, r.person_id, r.building_id, a.number,
            nullif(p.email, '') as email, p.language, r.content, r.content_sha256
       from billing_receipt r join person p on p.id = r.person_id
       join apartment a on a.id = r.apartment_id
      where r.building_id = ? and r.period = ?
        and not exists (select 1 from mail_outbox m where m.idempotency_key = 'billing-receipt:' || r.id::text)
      order by r.number`,
    [buildingId, period],
  );
  const sent = await existingMailings(
    em,
    rows.map((r) => receiptMailKey(r.id)),
  );
  return rows
    .filter((r) => !sent.has(receiptMailKey(r.id)))
    .map((r) => ({
      id: r.id,
      personId: r.person_id,
      buildingId: r.building_id,
      apartmentNumber: r.number,
      email: r.email,
      language: r.language,
      snapshot: typeof r.content === 'string' ? (JSON.parse(r.content) as ReceiptSnapshot) : r.content,
      sha256: r.content_sha256,
    }));
}

export interface ReceiptNotice {
  receipt: ReceiptToMail;
  texts: Record<Language, MessageText>;
}

/** Hands the receipts to notifications, one mailing each, in one transaction; resolves to how many. */
export async function queueReceiptMail(
  em: EntityManager,
  notices: readonly ReceiptNotice[],
  now: Date,
): Promise<number> {
  if (notices.length === 0) return 0;
  await em.transactional(async (tx) => {
    for (const { receipt: r, texts } of notices)
      await notify(
        tx,
        {
          kind: 'receipt',
          // Not listed among the organization's mailings: one mailing a receipt would bury its
          // meeting notices and claims under thousands of receipts a month.
          organizationId: null,
          buildingId: r.buildingId,
          texts,
          idempotencyKey: receiptMailKey(r.id),
          recipients: [{ personId: r.personId, buildingId: r.buildingId, place: r.apartmentNumber }],
        },
        now,
      );
  });
  return notices.length;
}
