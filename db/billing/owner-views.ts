// A resident's own accounts (one per share of an apartment) with their balances and personal
// account numbers, and the movements on them: what <mu-my-bills> shows. Only ever by person id.
import type { EntityManager } from '@mikro-orm/postgresql';
import { personalAccountNumber } from '../../domain/billing/personal-account.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import type { ElectricityView, MovementView, OwnerAccountView } from '../../domain/billing/views.ts';
import type { Page } from '../../domain/common/page.ts';
import { iso, isUuid, type PageRequest, pageTotal, paging } from '../sql.ts';
import { electricityOf, standingsOf } from './standing.ts';

/** The person's accounts with their standing on `asOf` (a Tashkent day), and their electricity block. */
export async function accountsOfPerson(
  em: EntityManager,
  personId: string,
  asOf: string,
  policy: Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset' | 'penalty'>,
): Promise<{ items: OwnerAccountView[]; electricity: ElectricityView }> {
  const none: ElectricityView = { status: 'none', blockedOn: null, liftedAt: null };
  if (!isUuid(personId)) return { items: [], electricity: none };
  const rows = await em.execute<
    {
      id: string;
      serial: string;
      apartment_id: string;
      number: string;
      building_id: string;
      address: string;
      share_numerator: number | null;
      share_denominator: number | null;
      balance: string;
    }[]
  >(
    `select a.id, a.serial::text as serial, a.apartment_id, ap.number, b.id as building_id, b.address,
            o.share_numerator, o.share_denominator, a.balance::text as balance
       from ledger_account a
       join apartment ap on ap.id = a.apartment_id
       join building b on b.id = ap.building_id
       left join ownership o on o.person_id = a.owner_id and o.apartment_id = a.apartment_id
      where a.kind = 'owner_receivable' and a.owner_id = ?
      order by b.address, ap.number`,
    [personId],
  );
  const standings = await standingsOf(
    em,
    rows.map((r) => ({
      id: r.id,
      ownerId: personId,
      apartmentId: r.apartment_id,
      buildingId: r.building_id,
      balance: Number(r.balance),
    })),
    asOf,
    policy,
  );
  const items = rows.map((r) => ({
    accountId: r.id,
    personalAccount: personalAccountNumber(Number(r.serial)),
    apartmentId: r.apartment_id,
    apartmentNumber: r.number,
    buildingId: r.building_id,
    address: r.address,
    share: r.share_numerator === null ? '—' : `${r.share_numerator}/${r.share_denominator}`,
    balance: Number(r.balance),
    standing: standings.get(r.id)!,
  }));
  return { items, electricity: (await electricityOf(em, [personId])).get(personId)! };
}

/** Movements on the person's accounts, newest first. */
export async function movementsOfPerson(
  em: EntityManager,
  personId: string,
  req: PageRequest,
): Promise<Page<MovementView>> {
  const { page, pageSize, offset } = paging(req);
  if (!isUuid(personId)) return { items: [], page, pageSize, total: 0 };
  const rows = await em.execute<
    {
      transfer_id: string;
      kind: MovementView['kind'];
      reason: string;
      period: string | null;
      number: string;
      change: string;
      balance_after: string;
      posted_at: Date;
      total: string;
    }[]
  >(
    `select t.id as transfer_id, t.kind, t.reason, t.period, ap.number, e.change::text as change,
            e.balance_after::text as balance_after, e.posted_at, count(*) over () as total
       from ledger_account a
       join apartment ap on ap.id = a.apartment_id
       join ledger_entry e on e.account_id = a.id
       join ledger_transfer t on t.id = e.transfer_id
      where a.kind = 'owner_receivable' and a.owner_id = ?
      order by e.posted_at desc, e.id desc limit ? offset ?`,
    [personId, pageSize, offset],
  );
  const total = await pageTotal(rows, offset, async () => {
    const [count] = await em.execute<{ n: string }[]>(
      `select count(*) as n
         from ledger_account a
         join apartment ap on ap.id = a.apartment_id
         join ledger_entry e on e.account_id = a.id
         join ledger_transfer t on t.id = e.transfer_id
        where a.kind = 'owner_receivable' and a.owner_id = ?`,
      [personId],
    );
    return Number(count?.n ?? 0);
  });
  return {
    items: rows.map((r) => ({
      transferId: r.transfer_id,
      kind: r.kind,
      reason: r.reason,
      period: r.period,
      apartmentNumber: r.number,
      amount: Number(r.change),
      balanceAfter: Number(r.balance_after),
      postedAt: iso(r.posted_at),
    })),
    page,
    pageSize,
    total,
  };
}
