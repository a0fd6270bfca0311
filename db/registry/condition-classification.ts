// The building's class, recomputed from its latest assessments under the building row lock, and
// the history of every reclassification with its reasons, cause and policy. A new history row is
// written only when the outcome or its reasons changed, so re-reading the same inspections never
// grows the history.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ElementAssessment } from '../../domain/registry/assessment.ts';
import {
  type ClassificationOutcome,
  type ClassificationReason,
  classifyBuilding,
} from '../../domain/registry/classification.ts';
import type { ClassificationPolicy } from '../../domain/registry/classification-policy.ts';
import { type ClassCounts, emptyCounts } from '../../domain/registry/district-summary.ts';
import type { ConditionClass } from '../../domain/registry/types.ts';
import { iso, isoOrNull, isUuid } from '../sql.ts';

export interface ClassificationHistoryEntry {
  outcome: ClassificationOutcome;
  previousOutcome: ClassificationOutcome | null;
  reasons: ClassificationReason[];
  averageWear: number | null;
  cause: string;
  decidedAt: string;
}

export interface ClassificationView {
  outcome: ClassificationOutcome;
  reasons: ClassificationReason[];
  averageWear: number | null;
  decidedAt: string | null;
  /** Newest first. */
  history: ClassificationHistoryEntry[];
}

interface HistoryRow {
  outcome: ClassificationOutcome;
  previousOutcome: ClassificationOutcome | null;
  reasons: ClassificationReason[];
  averageWear: number | null;
  cause: string;
  decidedAt: unknown;
}

/** jsonb reorders object keys, so stored and computed reasons are compared key-sorted. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const HISTORY_SELECT = `select outcome, previous_outcome as "previousOutcome", reasons,
  average_wear::float8 as "averageWear", cause, decided_at as "decidedAt"
  from building_classification where building_id = ?`;

const entryOf = (r: HistoryRow): ClassificationHistoryEntry => ({
  outcome: r.outcome,
  previousOutcome: r.previousOutcome,
  reasons: r.reasons,
  averageWear: r.averageWear,
  cause: r.cause,
  decidedAt: iso(r.decidedAt),
});

/** Every assessment of the building, oldest first; a correction entered later wins a tie in time. */
export async function buildingAssessments(
  em: EntityManager,
  buildingId: string,
): Promise<ElementAssessment[]> {
  const rows = await em.execute<
    {
      element: ElementAssessment['element'];
      wearPercent: number;
      defects: ElementAssessment['defects'];
      inspectorId: string;
      assessedAt: unknown;
    }[]
  >(
    `select element, wear_percent as "wearPercent", defects, inspector_id as "inspectorId", assessed_at as "assessedAt"
     from element_assessment where building_id = ? order by assessed_at, created_at, id`,
    [buildingId],
  );
  return rows.map((r) => ({ ...r, assessedAt: new Date(r.assessedAt as string).getTime() }));
}

/**
 * Recomputes the class; the caller holds the building row lock (select … for update) in the same
 * transaction, so two assessments of one building never race to write the history.
 */
export async function reclassify(
  tx: EntityManager,
  buildingId: string,
  stored: ConditionClass | null,
  policy: ClassificationPolicy,
  cause: string,
): Promise<{ changed: boolean }> {
  const next = classifyBuilding(policy, await buildingAssessments(tx, buildingId));
  const [last] = await tx.execute<HistoryRow[]>(`${HISTORY_SELECT} order by seq desc limit 1`, [buildingId]);
  const nextClass: ConditionClass | null = next.class === 'unknown' ? null : next.class;
  const changed =
    !last ||
    last.outcome !== next.class ||
    canonical(last.reasons) !== canonical(next.reasons) ||
    stored !== nextClass;
  if (!changed) return { changed };
  await tx.execute(
    `insert into building_classification
       (id, building_id, outcome, previous_outcome, reasons, average_wear, policy, cause, decided_at)
     values (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, clock_timestamp())`,
    [
      randomUUID(),
      buildingId,
      next.class,
      last?.outcome ?? stored,
      JSON.stringify(next.reasons),
      next.averageWear,
      JSON.stringify(policy),
      cause,
    ],
  );
  await tx.execute('update building set condition_class = ?, updated_at = clock_timestamp() where id = ?', [
    nextClass,
    buildingId,
  ]);
  return { changed };
}

/** null when the building does not exist; a building never assessed shows its stored class without reasons. */
export async function getClassification(
  em: EntityManager,
  buildingId: string,
): Promise<ClassificationView | null> {
  if (!isUuid(buildingId)) return null;
  const [building] = await em.execute<{ conditionClass: ConditionClass | null }[]>(
    'select condition_class as "conditionClass" from building where id = ?',
    [buildingId],
  );
  if (!building) return null;
  const rows = await em.execute<HistoryRow[]>(`${HISTORY_SELECT} order by seq desc`, [buildingId]);
  const history = rows.map(entryOf);
  const latest = history[0];
  return {
    outcome: latest?.outcome ?? building.conditionClass ?? 'unknown',
    reasons: latest?.reasons ?? [],
    averageWear: latest?.averageWear ?? null,
    decidedAt: isoOrNull(latest?.decidedAt),
    history,
  };
}

/** Counts over every building of the district; null when the district does not exist. */
export async function districtSummary(
  em: EntityManager,
  districtId: string,
): Promise<{ districtId: string; counts: ClassCounts } | null> {
  if (!isUuid(districtId)) return null;
  const [district] = await em.execute<{ id: string }[]>('select id from district where id = ?', [districtId]);
  if (!district) return null;
  const rows = await em.execute<{ conditionClass: ConditionClass | null; n: number }[]>(
    `select condition_class as "conditionClass", count(*)::int as n
     from building where district_id = ? group by condition_class`,
    [districtId],
  );
  const counts = emptyCounts();
  for (const r of rows) {
    counts[r.conditionClass ?? 'unknown'] += r.n;
    counts.total += r.n;
  }
  return { districtId, counts };
}
