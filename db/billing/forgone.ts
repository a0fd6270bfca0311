// The contributions a stop on the gate cost a building: for each month the gate closed under the
// given rules, what the accrual would have charged (domain/billing/accrual.ts forgoneCharge, on
// the terms and areas billing charges by). The quarterly reports' board shows it as the money an
// organization lost for a missing report.
import type { EntityManager } from '@mikro-orm/postgresql';
import { forgoneCharge } from '../../domain/billing/accrual.ts';
import type { BillingPolicy } from '../../domain/billing/policy.ts';
import { int } from '../sql.ts';
import { termsOf } from './accrual.ts';

export interface Forgone {
  /** Months the gate closed under the rule, each with what it would have charged. */
  months: { period: string; amountTiyin: number }[];
  totalTiyin: number;
}

/**
 * For each (building, rule): the months billing decided closed (billing_month 'suspended') while
 * the rule's stop stood on them, and what each would have charged. A month the gate has not
 * decided yet, or decided open, is not lost (yet).
 */
export async function forgoneContributions(
  em: EntityManager,
  stops: readonly { buildingId: string; rule: string }[],
  policy: Pick<BillingPolicy, 'chargeRounding'>,
): Promise<Map<string, Forgone>> {
  const out = new Map<string, Forgone>();
  if (stops.length === 0) return out;
  const months = await em.execute<{ building_id: string; period: string }[]>(
    `select distinct m.building_id, m.period
       from jsonb_to_recordset(?::jsonb) as x(building uuid, rule text)
       join billing_suspension s on s.building_id = x.building and s.rule = x.rule
       join billing_month m on m.building_id = s.building_id and m.period = s.period and m.status = 'suspended'
      order by m.building_id, m.period`,
    [JSON.stringify(stops.map((s) => ({ building: s.buildingId, rule: s.rule })))],
  );
  for (const s of stops) out.set(s.buildingId, { months: [], totalTiyin: 0 });
  if (months.length === 0) return out;
  const buildingIds = [...new Set(months.map((m) => m.building_id))];
  const areas = await em.execute<{ building_id: string; area: string }[]>(
    `select building_id, (area * 100)::bigint::text as area from apartment
      where building_id in (select jsonb_array_elements_text(?::jsonb)::uuid) order by id`,
    [JSON.stringify(buildingIds)],
  );
  const areasOf = new Map<string, number[]>();
  for (const a of areas) areasOf.set(a.building_id, [...(areasOf.get(a.building_id) ?? []), int(a.area)]);
  const terms = await termsOf(em, buildingIds);
  for (const m of months) {
    const amountTiyin = forgoneCharge(
      m.period,
      terms.get(m.building_id) ?? [],
      areasOf.get(m.building_id) ?? [],
      policy.chargeRounding,
    );
    const f = out.get(m.building_id)!;
    f.months.push({ period: m.period, amountTiyin });
    f.totalTiyin += amountTiyin;
  }
  return out;
}
