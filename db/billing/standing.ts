// What owners owe past their due days, read back from the ledger with the same settlement the
// daily run uses (penalties.ts, arrears.ts): each account's overdue contributions and the months
// they are of, each overdue month's penalty through today, the penalties on the ledger still
// unpaid, and the owner's electricity block. For the resident's own accounts, a building's
// debtors list and its collection rate by month. Reads only.
import type { EntityManager } from '@mikro-orm/postgresql';
import { outstandingOn, settle } from '../../domain/billing/arrears.ts';
import { type Collection, collectionByMonth } from '../../domain/billing/collection.ts';
import { dueDate } from '../../domain/billing/penalties.ts';
import { periodsBetween } from '../../domain/billing/period.ts';
import { personalAccountNumber } from '../../domain/billing/personal-account.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import type {
  AccountStanding,
  DebtorView,
  ElectricityStatus,
  ElectricityView,
} from '../../domain/billing/views.ts';
import type { Page } from '../../domain/common/page.ts';
import { iso, isUuid, type PageRequest, paging } from '../sql.ts';
import { loadAccounts, type OwnerAccount, penaltyLines } from './penalties.ts';

type Rules = Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset' | 'penalty'>;

/** Each account's standing on `asOf`, given its balance now. */
export async function standingsOf(
  em: EntityManager,
  accounts: readonly (OwnerAccount & { balance: number })[],
  asOf: string,
  policy: Rules,
): Promise<Map<string, AccountStanding>> {
  const out = new Map<string, AccountStanding>();
  if (accounts.length === 0) return out;
  const loaded = await loadAccounts(em, accounts);
  const lines = penaltyLines(accounts, loaded, asOf, policy);
  for (const a of accounts) {
    const outstanding = outstandingOn(settle(loaded.history.get(a.id)!), asOf).filter(
      (d) => d.outstanding > 0,
    );
    const late = outstanding.filter((d) => dueDate(d.period, policy) < asOf);
    const unpaidContributions = outstanding.reduce((s, d) => s + d.outstanding, 0);
    out.set(a.id, {
      overdue: late.reduce((s, d) => s + d.outstanding, 0),
      overduePeriods: late.map((d) => d.period).sort(),
      // Payments settle contributions first: what the balance holds beyond them is penalties.
      penaltyDue: Math.max(0, a.balance - unpaidContributions),
      penalties: lines
        .filter((l) => l.account.id === a.id && l.penalty.amount > 0)
        .map((l) => ({
          period: l.penalty.period,
          daysLate: l.penalty.daysLate,
          amount: l.penalty.amount,
          capped: l.penalty.capped,
          growing: late.some((d) => d.period === l.penalty.period),
        })),
    });
  }
  return out;
}

/** The owners' electricity blocks ('none' when never blocked). */
export async function electricityOf(
  em: EntityManager,
  ownerIds: readonly string[],
): Promise<Map<string, ElectricityView>> {
  const rows = await em.execute<
    { owner_id: string; status: ElectricityStatus; blocked_on: string; lifted_at: Date | null }[]
  >(
    `select owner_id, status, blocked_on, lifted_at from electricity_block
      where owner_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [JSON.stringify(ownerIds)],
  );
  const by = new Map(
    rows.map((r) => [
      r.owner_id,
      { status: r.status, blockedOn: r.blocked_on, liftedAt: r.lifted_at ? iso(r.lifted_at) : null },
    ]),
  );
  return new Map(ownerIds.map((o) => [o, by.get(o) ?? { status: 'none', blockedOn: null, liftedAt: null }]));
}

interface BuildingAccountRow {
  id: string;
  ownerId: string;
  apartmentId: string;
  buildingId: string;
  balance: string;
  serial: string;
  number: string;
  ownerName: string | null;
}

/**
 * The building's owner accounts with overdue contributions on `asOf`, the largest debt first.
 * Only accounts owing anything are read back (their balance is on the account row).
 */
export async function debtorsOf(
  em: EntityManager,
  buildingId: string,
  asOf: string,
  policy: Rules,
  req: PageRequest,
): Promise<Page<DebtorView> & { totalOverdue: number }> {
  const { page, pageSize, offset } = paging(req);
  if (!isUuid(buildingId)) return { items: [], page, pageSize, total: 0, totalOverdue: 0 };
  const rows = await em.execute<BuildingAccountRow[]>(
    `select a.id, a.owner_id as "ownerId", a.apartment_id as "apartmentId", a.building_id as "buildingId",
            a.balance::text as balance, a.serial::text as serial, ap.number, p.full_name as "ownerName"
       from ledger_account a
       join apartment ap on ap.id = a.apartment_id
       left join person p on p.id = a.owner_id
      where a.kind = 'owner_receivable' and a.building_id = ? and a.balance > 0`,
    [buildingId],
  );
  const accounts = rows.map((r) => ({ ...r, balance: Number(r.balance) }));
  const standings = await standingsOf(em, accounts, asOf, policy);
  const blocks = await electricityOf(em, [...new Set(accounts.map((a) => a.ownerId))]);
  const debtors = accounts
    .filter((a) => standings.get(a.id)!.overdue > 0)
    .map(
      (a): DebtorView => ({
        accountId: a.id,
        personalAccount: personalAccountNumber(Number(a.serial)),
        apartmentId: a.apartmentId,
        apartmentNumber: a.number,
        ownerName: a.ownerName ?? '—',
        balance: a.balance,
        electricity: blocks.get(a.ownerId)!.status,
        ...standings.get(a.id)!,
      }),
    )
    .sort(
      (x, y) =>
        y.overdue - x.overdue ||
        x.apartmentNumber.localeCompare(y.apartmentNumber, 'en', { numeric: true }) ||
        x.accountId.localeCompare(y.accountId),
    );
  return {
    items: debtors.slice(offset, offset + pageSize),
    page,
    pageSize,
    total: debtors.length,
    totalOverdue: debtors.reduce((s, d) => s + d.overdue, 0),
  };
}

/** The building's contributions by month from `from` to `to`: charged, paid by now, paid on time. */
export async function collectionOf(
  em: EntityManager,
  buildingId: string,
  from: string,
  to: string,
  policy: Pick<BillingPolicy, 'dueDay' | 'dueMonthOffset'>,
): Promise<Collection & { buildingId: string }> {
  const months = periodsBetween(from, to);
  const accounts = await em.execute<OwnerAccount[]>(
    `select id, owner_id as "ownerId", apartment_id as "apartmentId", building_id as "buildingId"
       from ledger_account where kind = 'owner_receivable' and building_id = ?`,
    [buildingId],
  );
  const loaded = await loadAccounts(em, accounts);
  return {
    buildingId,
    ...collectionByMonth(
      accounts.map((a) => settle(loaded.history.get(a.id)!)),
      months,
      policy,
    ),
  };
}
