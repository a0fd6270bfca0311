// The monthly accrual's reads and writes: the gate over a district's buildings, one batch of
// apartments at a time (keyset by apartment id), and the month's scheduled income. The charge
// itself is domain/billing/accrual.ts; this file only feeds it and posts what it returns, each
// batch as one ledger statement.
import type { EntityManager } from '@mikro-orm/postgresql';
import { type ApartmentMonth, accrueBuilding, type Suspensions } from '../../domain/billing/accrual.ts';
import { administrationTerms, type TermChange } from '../../domain/billing/administration.ts';
import { gateMonth } from '../../domain/billing/gate.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { sumTiyin } from '../../domain/billing/money.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import { executeBound, int } from '../sql.ts';
import { postPending, postTransfers, type TransferInput } from './ledger.ts';

/** Districts with at least one building registered for billing. */
export async function billingDistricts(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select distinct b.district_id as id from billing_building bb join building b on b.id = bb.building_id
      order by 1`,
  );
  return rows.map((r) => r.id);
}

/**
 * The gate for every building of the district, decided by gateMonth and recorded in billing_month
 * (one statement), which the batches then read: only open months are charged. A month's decision
 * stands once made (only its reason is refreshed): a re-run never reopens a closed month, which
 * is what "no recalculation" of a suspended month needs, nor closes a charged one. The buildings'
 * billing rows are held FOR SHARE first, so a rule lifting its stop under that row's lock
 * (liftable in terms.ts) is either wholly before this decision or wholly after it.
 */
export async function openDistrictMonth(em: EntityManager, districtId: string, period: string) {
  await em.execute(
    `select 1 from billing_building bb join building b on b.id = bb.building_id
      where b.district_id = ? order by bb.building_id for share of bb`,
    [districtId],
  );
  const rows = await em.execute<
    { id: string; registered_on: string | null; suspensions: { rule: string; reason: string }[] }[]
  >(
    `select b.id, bb.registered_on,
            coalesce((select json_agg(json_build_object('rule', s.rule, 'reason', s.reason))
                        from billing_suspension s where s.building_id = b.id and s.period = ?), '[]') as suspensions
       from building b left join billing_building bb on bb.building_id = b.id
      where b.district_id = ?`,
    [period, districtId],
  );
  const decided = rows
    .filter((r) => r.registered_on !== null)
    .map((r) => ({
      building: r.id,
      gate: gateMonth({ period, registeredOn: r.registered_on, suspensions: r.suspensions }),
    }));
  await em.execute(
    `insert into billing_month (building_id, period, status, reason, decided_at)
     select r.building, ?, r.status, r.reason, now()
       from jsonb_to_recordset(?::jsonb) as r(building uuid, status text, reason text)
     on conflict (building_id, period) do update set reason = excluded.reason, decided_at = now()
     where billing_month.status = excluded.status and billing_month.reason is distinct from excluded.reason`,
    [
      period,
      JSON.stringify(
        decided.map((d) => ({
          building: d.building,
          status: d.gate.open ? 'open' : 'suspended',
          reason: d.gate.open ? null : d.gate.reason,
        })),
      ),
    ],
  );
  const [stored] = await em.execute<{ open: number; suspended: number }[]>(
    `select count(*) filter (where m.status = 'open')::int as open,
            count(*) filter (where m.status = 'suspended')::int as suspended
       from billing_month m join building b on b.id = m.building_id
      where b.district_id = ? and m.period = ?`,
    [districtId, period],
  );
  return { open: stored!.open, suspended: stored!.suspended, unregistered: rows.length - decided.length };
}

/** Each building's dated terms, as the contracts capability reported them. */
export async function termsOf(em: EntityManager, buildingIds: string[]) {
  const rows = await em.execute<
    {
      building_id: string;
      contract_id: string;
      organization_id: string;
      change: TermChange['change'];
      effective_from: string;
      ends_before: string | null;
      tiyin_per_m2: string | null;
      contract_version: number;
    }[]
  >(
    `select building_id, contract_id, organization_id, change, effective_from, ends_before, tiyin_per_m2,
            contract_version
       from billing_term where building_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [JSON.stringify(buildingIds)],
  );
  const byBuilding = new Map<string, TermChange[]>();
  for (const r of rows) {
    const list = byBuilding.get(r.building_id) ?? [];
    list.push({
      contractId: r.contract_id,
      organizationId: r.organization_id,
      change: r.change,
      effectiveFrom: r.effective_from,
      endsBefore: r.ends_before,
      tiyinPerM2: r.tiyin_per_m2 === null ? null : int(r.tiyin_per_m2),
      contractVersion: r.contract_version,
    });
    byBuilding.set(r.building_id, list);
  }
  return new Map(buildingIds.map((b) => [b, administrationTerms(byBuilding.get(b) ?? [])]));
}

export interface BatchResult {
  apartments: number;
  lines: number;
  recorded: number;
  duplicates: number;
  amount: number;
  skipped: number;
  /** The first few skipped apartments and why. */
  problems: string[];
  /** The last apartment id of this batch, or null when the district is done. */
  next: string | null;
}

/**
 * One batch: the next `limit` apartments (by id, after `after`) of the district's open buildings,
 * their owners and their buildings' terms in three queries, the lines from accrueBuilding, and one
 * postTransfers. An apartment whose data cannot be charged (no owner, shares not adding up to 1)
 * is skipped and named; the rest of the batch is posted.
 */
export async function accrueBatch(
  em: EntityManager,
  input: { districtId: string; period: string; after: string | null; limit: number },
  policy: Pick<BillingPolicy, 'chargeRounding'>,
): Promise<BatchResult> {
  const { districtId, period, limit } = input;
  const apartments = await em.execute<{ id: string; building_id: string; area: string }[]>(
    `select a.id, a.building_id, (a.area * 100)::bigint::text as area
       from apartment a
       join building b on b.id = a.building_id
       join billing_month m on m.building_id = a.building_id and m.period = ? and m.status = 'open'
      where b.district_id = ? and a.id > ?
      order by a.id limit ?`,
    [period, districtId, input.after ?? '00000000-0000-0000-0000-000000000000', limit],
  );
  if (apartments.length === 0)
    return {
      apartments: 0,
      lines: 0,
      recorded: 0,
      duplicates: 0,
      amount: 0,
      skipped: 0,
      problems: [],
      next: null,
    };
  const owners = await executeBound<{
    apartment_id: string;
    person_id: string;
    share_numerator: number;
    share_denominator: number;
  }>(
    em,
    `select apartment_id, person_id, share_numerator, share_denominator from ownership
      where apartment_id = any($1::uuid[])`,
    [apartments.map((a) => a.id)],
  );
  const ownersOf = new Map<string, ApartmentMonth['owners']>();
  for (const o of owners) {
    const list = ownersOf.get(o.apartment_id) ?? [];
    list.push({
      ownerId: o.person_id,
      ownerKind: 'person',
      share: { numerator: o.share_numerator, denominator: o.share_denominator },
    });
    ownersOf.set(o.apartment_id, list);
  }
  const buildingIds = [...new Set(apartments.map((a) => a.building_id))];
  const terms = await termsOf(em, buildingIds);
  const none: Suspensions = new Map();
  const transfers: TransferInput[] = [];
  const problems: string[] = [];
  let skipped = 0;
  for (const a of apartments) {
    const apartment: ApartmentMonth = {
      apartmentId: a.id,
      areaHundredths: int(a.area),
      owners: (ownersOf.get(a.id) ?? []).sort((x, y) => (x.ownerId < y.ownerId ? -1 : 1)),
    };
    let result: ReturnType<typeof accrueBuilding>;
    try {
      result = accrueBuilding(
        period,
        { buildingId: a.building_id, terms: terms.get(a.building_id)!, apartments: [apartment] },
        policy,
        none,
      );
    } catch (err) {
      skipped++;
      if (problems.length < 5) problems.push(`apartment ${a.id}: ${(err as Error).message}`);
      continue;
    }
    if (result.status !== 'accrued') continue;
    for (const l of result.lines)
      transfers.push({
        id: l.key,
        debit: accountId({ kind: 'owner_receivable', ownerId: l.ownerId, apartmentId: l.apartmentId }),
        credit: accountId({ kind: 'revenue', buildingId: l.buildingId, revenue: 'contributions' }),
        amount: l.amount,
        kind: 'accrual',
        reason: `contributions ${period}`,
        period,
        buildingId: l.buildingId,
        detail: {
          apartmentId: l.apartmentId,
          ownerId: l.ownerId,
          organizationId: l.organizationId,
          from: l.from,
          to: l.to,
          areaHundredths: l.areaHundredths,
          tiyinPerM2: l.tiyinPerM2,
          days: l.days,
          daysInMonth: l.daysInMonth,
        },
      });
  }
  const posted = await postTransfers(em, transfers);
  return {
    apartments: apartments.length,
    lines: transfers.length,
    recorded: posted.recorded,
    duplicates: posted.duplicates,
    amount: sumTiyin(transfers.map((t) => t.amount)),
    skipped,
    problems,
    next: apartments.length < limit ? null : apartments.at(-1)!.id,
  };
}

/** Scheduled income (a lease's rent) of the district's buildings up to the month, posted now. */
export async function postScheduledRevenue(
  em: EntityManager,
  districtId: string,
  period: string,
): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `select t.id from ledger_transfer t join building b on b.id = t.building_id
      where t.status = 'pending' and t.period <= ? and t.kind = 'other_revenue' and b.district_id = ?`,
    [period, districtId],
  );
  if (rows.length === 0) return 0;
  return (
    await postPending(
      em,
      rows.map((r) => r.id),
    )
  ).posted;
}
