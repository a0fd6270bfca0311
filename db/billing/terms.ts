// The management terms billing charges by, recorded as the contracts capability completes each
// change of a management contract (through db/billing/public.ts), and the stops other rules put
// on a building's month. Both are history: a later change is a new row, never an edit.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TermChange } from '../../domain/billing/administration.ts';
import { termsOf } from './accrual.ts';

export interface TermsRecord extends Omit<TermChange, 'organizationId'> {
  organizationId: string;
  buildingIds: readonly string[];
}

/** Idempotent per contract, building, change and date: a retried completion records nothing twice. */
export async function recordManagementTerms(em: EntityManager, t: TermsRecord): Promise<void> {
  await em.execute(
    `insert into billing_term (id, contract_id, building_id, organization_id, change, effective_from, ends_before,
                               tiyin_per_m2, contract_version, recorded_at)
     select gen_random_uuid(), ?, b, ?, ?, ?, ?, ?, ?, now()
       from unnest(array(select jsonb_array_elements_text(?::jsonb)::uuid)) as b
     on conflict (contract_id, building_id, change, effective_from) do nothing`,
    [
      t.contractId,
      t.organizationId,
      t.change,
      t.effectiveFrom,
      t.endsBefore,
      t.tiyinPerM2,
      t.contractVersion,
      JSON.stringify(t.buildingIds),
    ],
  );
}

/** Another rule stops a building's month (e.g. a missing quarterly report); the gate then closes it. */
export async function suspendMonth(
  em: EntityManager,
  s: { buildingId: string; period: string; rule: string; reason: string },
): Promise<void> {
  await em.execute(
    `insert into billing_suspension (building_id, period, rule, reason, created_at) values (?, ?, ?, ?, now())
     on conflict (building_id, period, rule) do update set reason = excluded.reason`,
    [s.buildingId, s.period, s.rule, s.reason],
  );
}

/** The rule's stop is lifted (the report arrived before the accrual ran); call it inside liftable's transaction. */
export async function resumeMonth(
  em: EntityManager,
  s: { buildingId: string; period: string; rule: string },
): Promise<void> {
  await em.execute(`delete from billing_suspension where building_id = ? and period = ? and rule = ?`, [
    s.buildingId,
    s.period,
    s.rule,
  ]);
}

/**
 * Before a rule lifts its stops: takes the building's billing row FOR UPDATE (the accrual's gate
 * holds it FOR SHARE while it decides, db/billing/accrual.ts) and answers how each of its months
 * was decided so far, so the caller lifts only months not decided yet and keeps the rest. Call it
 * inside the transaction that then calls resumeMonth. A building not registered for billing has
 * no decided month and nothing to lock.
 */
export async function liftable(
  em: EntityManager,
  buildingId: string,
  periods: readonly string[],
): Promise<Map<string, 'open' | 'suspended'>> {
  await em.execute(`select 1 from billing_building where building_id = ? for update`, [buildingId]);
  const rows = await em.execute<{ period: string; status: 'open' | 'suspended' }[]>(
    `select period, status from billing_month
      where building_id = ? and period in (select jsonb_array_elements_text(?::jsonb))`,
    [buildingId, JSON.stringify(periods)],
  );
  return new Map(rows.map((r) => [r.period, r.status]));
}

/**
 * The organization billing charges for on a Tashkent date: the one whose management terms cover
 * that day (administrationTerms: a later contract cuts an earlier one), or null when none does.
 * The quarterly reports ask it who must report for a quarter.
 */
export async function administratorOn(
  em: EntityManager,
  buildingId: string,
  date: string,
): Promise<string | null> {
  const terms = (await termsOf(em, [buildingId])).get(buildingId) ?? [];
  return terms.find((t) => t.from <= date && (t.to === null || date < t.to))?.organizationId ?? null;
}
