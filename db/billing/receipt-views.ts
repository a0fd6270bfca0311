// Reading stored receipts: the owner's own, a building's (for its organization and the bodies
// that oversee it), one by id, and one by number and payment token for the public payment page.
// Callers decide who may ask; these only read.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReceiptSnapshot } from '../../domain/billing/receipt-document.ts';
import type { ReceiptSummary, ReceiptView } from '../../domain/billing/views.ts';
import type { Page } from '../../domain/common/page.ts';
import { iso, isUuid, type PageRequest, pageTotal, paging } from '../sql.ts';

interface Row {
  id: string;
  number: string;
  period: string;
  building_id: string;
  apartment_id: string;
  person_id: string;
  content: ReceiptSnapshot | string;
  content_sha256: string;
  created_at: Date;
  paid_since: string | null;
  settled_at: Date | null;
  balance: string | null;
  total: string;
}

const COLUMNS = `r.id, r.number, r.period, r.building_id, r.apartment_id, r.person_id, r.content,
  r.content_sha256, r.created_at, s.paid_since, s.settled_at, s.balance`;

/**
 * How each receipt stands now: the payments (less refunds) on its account that it and no earlier
 * receipt of the account listed, so were made after its cut-off, the moment their running sum
 * reached its toPay, and the account's balance, which caps what is left (a correction or an
 * advance settles it too). A receipt is a frozen document; this is what the owner reads beside it.
 */
const SETTLEMENT = `left join lateral (
    select a.balance::text as balance, coalesce(sum(x.amount), 0)::text as paid_since,
           min(x.posted_at) filter (where r.to_pay > 0 and x.running >= r.to_pay) as settled_at
      from ledger_account a
      left join lateral (
        select -e.change as amount, e.posted_at, sum(-e.change) over (order by e.posted_at, e.id) as running
          from ledger_entry e join ledger_transfer t on t.id = e.transfer_id
         where e.account_id = a.id and t.kind in ('payment', 'refund')
           and not exists (select 1 from billing_receipt_item i join billing_receipt q on q.id = i.receipt_id
                            where i.transfer_id = t.id and i.account_id = e.account_id and q.period <= r.period)
      ) x on true
     where a.kind = 'owner_receivable' and a.owner_id = r.person_id and a.apartment_id = r.apartment_id
     group by a.balance
  ) s on true`;

const snapshotOf = (r: Row): ReceiptSnapshot =>
  typeof r.content === 'string' ? (JSON.parse(r.content) as ReceiptSnapshot) : r.content;

function summaryOf(r: Row): ReceiptSummary {
  const s = snapshotOf(r);
  const toPay = s.receipt.toPay;
  const paidSince = Number(r.paid_since ?? 0);
  const owedNow = r.balance === null ? toPay : Number(r.balance);
  return {
    id: r.id,
    number: r.number,
    period: r.period,
    buildingId: r.building_id,
    apartmentId: r.apartment_id,
    apartmentNumber: s.parties.apartmentNumber,
    address: s.parties.address,
    ownerName: s.parties.ownerName,
    accrued: s.receipt.accrued,
    paid: s.receipt.paid,
    closing: s.receipt.closing,
    toPay: s.receipt.toPay,
    dueDate: s.receipt.dueDate,
    contentSha256: r.content_sha256,
    createdAt: iso(r.created_at),
    paidSince,
    remaining: Math.max(0, Math.min(toPay - paidSince, owedNow)),
    settledAt: r.settled_at === null ? null : iso(r.settled_at),
  };
}

async function pageOf(
  em: EntityManager,
  where: string,
  params: unknown[],
  req: PageRequest,
): Promise<Page<ReceiptSummary>> {
  const { page, pageSize, offset } = paging(req);
  const rows = await em.execute<Row[]>(
    `select ${COLUMNS}, count(*) over () as total from billing_receipt r ${SETTLEMENT} where ${where}
     order by r.period desc, r.number limit ? offset ?`,
    [...params, pageSize, offset],
  );
  const total = await pageTotal(rows, offset, async () => {
    const [count] = await em.execute<{ n: string }[]>(
      `select count(*) as n from billing_receipt r ${SETTLEMENT} where ${where}`,
      params,
    );
    return Number(count?.n ?? 0);
  });
  return { items: rows.map(summaryOf), page, pageSize, total };
}

/** The person's own receipts, newest month first. */
export const receiptsOfPerson = (em: EntityManager, personId: string, req: PageRequest) =>
  pageOf(em, 'r.person_id = ?', [personId], req);

/** A building's receipts, optionally of one month, in number order. */
export function receiptsOfBuilding(
  em: EntityManager,
  buildingId: string,
  period: string | undefined,
  req: PageRequest,
): Promise<Page<ReceiptSummary>> {
  return period
    ? pageOf(em, 'r.building_id = ? and r.period = ?', [buildingId, period], req)
    : pageOf(em, 'r.building_id = ?', [buildingId], req);
}

export async function receiptById(
  em: EntityManager,
  id: string,
): Promise<(ReceiptView & { personId: string }) | null> {
  if (!isUuid(id)) return null;
  const [row] = await em.execute<Row[]>(
    `select ${COLUMNS}, 1 as total from billing_receipt r ${SETTLEMENT} where r.id = ?`,
    [id],
  );
  return row ? { ...summaryOf(row), snapshot: snapshotOf(row), personId: row.person_id } : null;
}

/** For the payment page: the number and the link's token must both match. */
export async function receiptByPayLink(
  em: EntityManager,
  number: string,
  token: string,
): Promise<(ReceiptView & { personId: string }) | null> {
  if (!/^[0-9A-Z-]{1,32}$/.test(number) || !/^[0-9a-f]{32}$/.test(token)) return null;
  const [row] = await em.execute<Row[]>(
    `select ${COLUMNS}, 1 as total from billing_receipt r ${SETTLEMENT} where r.number = ? and r.pay_token = ?`,
    [number, token],
  );
  return row ? { ...summaryOf(row), snapshot: snapshotOf(row), personId: row.person_id } : null;
}

/** What the receipt's account (its owner's share of its apartment) owes now, tiyin; 0 or less when nothing. */
export async function owedOnReceiptAccount(
  em: EntityManager,
  receipt: { personId: string; apartmentId: string },
): Promise<number> {
  const [row] = await em.execute<{ balance: string }[]>(
    `select balance::text as balance from ledger_account
      where kind = 'owner_receivable' and owner_id = ? and apartment_id = ?`,
    [receipt.personId, receipt.apartmentId],
  );
  return Number(row?.balance ?? 0);
}
