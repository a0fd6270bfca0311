// Household service centres and lightweight structures as recorded contracts of a building. A
// source is recorded once per Idempotency-Key; its end date is the only thing that changes later
// (the contract ends), and months already posted to the ledger stay posted.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RevenueSourceTerms } from '../../domain/billing/revenue-sources.ts';
import type { RevenueSourceView } from '../../domain/billing/views.ts';
import { iso, isUuid } from '../sql.ts';
import { BillingRevenueSource, type IBillingRevenueSource } from './receipt-entities.ts';

export const sourceView = (r: IBillingRevenueSource): RevenueSourceView => ({
  id: r.id,
  buildingId: r.building.id,
  kind: r.kind,
  partyName: r.partyName,
  partyId: r.partyId,
  contractNumber: r.contractNumber,
  monthlyCharge: r.monthlyCharge,
  from: r.validFrom,
  to: r.validTo ?? null,
  createdAt: iso(r.createdAt),
});

export type Recorded =
  | { outcome: 'created' | 'replayed'; source: RevenueSourceView }
  | { outcome: 'conflict' };

/** Records a source; the same key and body again answers the first, another body under it is a conflict. */
export async function recordRevenueSource(
  em: EntityManager,
  input: RevenueSourceTerms & {
    id: string;
    buildingId: string;
    userId: string;
    idempotencyKey: string;
    requestSha256: string;
  },
): Promise<Recorded> {
  return em.transactional(async (tx) => {
    const inserted = await tx.execute<{ id: string }[]>(
      `insert into billing_revenue_source (id, building_id, kind, party_name, party_id, contract_number,
         monthly_charge, valid_from, valid_to, created_by_user_id, idempotency_key, request_sha256,
         created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())
       on conflict (idempotency_key) do nothing returning id`,
      [
        input.id,
        input.buildingId,
        input.kind,
        input.partyName,
        input.partyId,
        input.contractNumber,
        input.monthlyCharge,
        input.from,
        input.to,
        input.userId,
        input.idempotencyKey,
        input.requestSha256,
      ],
    );
    const row = await tx.findOneOrFail(BillingRevenueSource, { idempotencyKey: input.idempotencyKey });
    if (inserted.length === 0 && row.requestSha256 !== input.requestSha256) return { outcome: 'conflict' };
    return { outcome: inserted.length ? 'created' : 'replayed', source: sourceView(row) };
  });
}

export async function revenueSourcesOf(em: EntityManager, buildingId: string): Promise<RevenueSourceView[]> {
  if (!isUuid(buildingId)) return [];
  const rows = await em.find(
    BillingRevenueSource,
    { building: buildingId },
    { orderBy: { validFrom: 'asc', contractNumber: 'asc' } },
  );
  return rows.map(sourceView);
}

export async function revenueSourceById(em: EntityManager, id: string): Promise<RevenueSourceView | null> {
  if (!isUuid(id)) return null;
  const row = await em.findOne(BillingRevenueSource, { id });
  return row ? sourceView(row) : null;
}

/**
 * Ends a source on `to` (exclusive). Ending it again on the same day is the same request; a
 * source may not end before it starts, nor be reopened.
 */
export async function endRevenueSource(
  em: EntityManager,
  id: string,
  to: string,
): Promise<{ outcome: 'ended'; source: RevenueSourceView } | { outcome: 'before_start' | 'already_ended' }> {
  return em.transactional(async (tx) => {
    const row = await tx.findOneOrFail(
      BillingRevenueSource,
      { id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (row.validTo !== null && row.validTo !== undefined && row.validTo !== to)
      return { outcome: 'already_ended' };
    if (to <= row.validFrom) return { outcome: 'before_start' };
    row.validTo = to;
    await tx.flush();
    return { outcome: 'ended', source: sourceView(row) };
  });
}

/**
 * Sources that run in [start, end) on the district's buildings registered for billing (only those
 * have an account to post to), for the month's posting.
 */
export async function sourcesRunningIn(
  em: EntityManager,
  districtId: string,
  start: string,
  end: string,
): Promise<(RevenueSourceTerms & { id: string; buildingId: string })[]> {
  const rows = await em.execute<
    {
      id: string;
      building_id: string;
      kind: RevenueSourceTerms['kind'];
      party_name: string;
      party_id: string;
      contract_number: string;
      monthly_charge: string;
      valid_from: string;
      valid_to: string | null;
    }[]
  >(
    `select s.* from billing_revenue_source s join building b on b.id = s.building_id
       join billing_building bb on bb.building_id = b.id
     where b.district_id = ? and s.valid_from < ? and (s.valid_to is null or s.valid_to > ?)
     order by s.id`,
    [districtId, end, start],
  );
  return rows.map((r) => ({
    id: r.id,
    buildingId: r.building_id,
    kind: r.kind,
    partyName: r.party_name,
    partyId: r.party_id,
    contractNumber: r.contract_number,
    monthlyCharge: Number(r.monthly_charge),
    from: r.valid_from,
    to: r.valid_to,
  }));
}
