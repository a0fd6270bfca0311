// Recording an element assessment and the reclassification it causes, in one transaction under
// the building row lock: the class a caller reads back is always the one its assessment led to.
// A retried POST (same Idempotency-Key, same body) returns the first assessment and records nothing.
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import {
  BUILDING_ELEMENTS,
  type BuildingElement,
  type Defect,
  type ElementAssessment,
} from '../../domain/registry/assessment.ts';
import type { ClassificationPolicy } from '../../domain/registry/classification-policy.ts';
import type { ConditionRuleCode } from '../../domain/registry/condition-errors.ts';
import type { ConditionClass } from '../../domain/registry/types.ts';
import { iso, isUuid } from '../sql.ts';
import { reclassify } from './condition-classification.ts';

export interface AssessmentView {
  id: string;
  buildingId: string;
  element: BuildingElement;
  wearPercent: number;
  defects: Defect[];
  inspectorId: string;
  inspectorName: string | null;
  assessedAt: string;
  createdAt: string;
}

export interface RecordAssessmentInput {
  buildingId: string;
  /** Validated by validateAssessment: the inspector is the caller. */
  assessment: ElementAssessment;
  inspectorName: string | null;
  /** Scoped to the building and the caller, so two clients' keys never collide. */
  idempotencyKey: string;
  policy: ClassificationPolicy;
}

type AssessmentRow = Omit<AssessmentView, 'assessedAt' | 'createdAt'> & {
  assessedAt: unknown;
  createdAt: unknown;
};

const COLUMNS = `id, building_id as "buildingId", element, wear_percent as "wearPercent", defects,
  inspector_id as "inspectorId", inspector_name as "inspectorName", assessed_at as "assessedAt",
  created_at as "createdAt"`;

const viewOf = (r: AssessmentRow): AssessmentView => ({
  ...r,
  assessedAt: iso(r.assessedAt),
  createdAt: iso(r.createdAt),
});

const scopedKey = (i: RecordAssessmentInput) =>
  `${i.buildingId}:${i.assessment.inspectorId}:${i.idempotencyKey}`;

async function replayOf(em: EntityManager, input: RecordAssessmentInput): Promise<AssessmentView | null> {
  const [row] = await em.execute<AssessmentRow[]>(
    `select ${COLUMNS} from element_assessment where idempotency_key = ?`,
    [scopedKey(input)],
  );
  if (!row) return null;
  const a = input.assessment;
  const same =
    row.element === a.element &&
    row.wearPercent === a.wearPercent &&
    JSON.stringify(row.defects.map((d) => [d.description, d.critical])) ===
      JSON.stringify(a.defects.map((d) => [d.description, d.critical]));
  if (!same) {
    throw new RuleError<ConditionRuleCode>(
      'idempotency_conflict',
      'this Idempotency-Key was already used for a different assessment',
    );
  }
  return viewOf(row);
}

export async function recordAssessment(
  em: EntityManager,
  input: RecordAssessmentInput,
): Promise<{ assessment: AssessmentView; created: boolean }> {
  if (!isUuid(input.buildingId)) throw new RuleError<ConditionRuleCode>('not_found', 'no such building');
  const attempt = () =>
    em.transactional(async (tx) => {
      const [building] = await tx.execute<{ conditionClass: ConditionClass | null }[]>(
        'select condition_class as "conditionClass" from building where id = ? for update',
        [input.buildingId],
      );
      if (!building) throw new RuleError<ConditionRuleCode>('not_found', 'no such building');
      const replay = await replayOf(tx, input);
      if (replay) return { assessment: replay, created: false };
      const a = input.assessment;
      const [row] = await tx.execute<AssessmentRow[]>(
        `insert into element_assessment (id, building_id, element, wear_percent, defects, inspector_id,
                                         inspector_name, assessed_at, idempotency_key, created_at)
         values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, clock_timestamp())
         returning ${COLUMNS}`,
        [
          randomUUID(),
          input.buildingId,
          a.element,
          a.wearPercent,
          JSON.stringify(a.defects),
          a.inspectorId,
          input.inspectorName,
          new Date(a.assessedAt).toISOString(),
          scopedKey(input),
        ],
      );
      await reclassify(tx, input.buildingId, building.conditionClass, input.policy, 'assessment');
      return { assessment: viewOf(row!), created: true };
    });
  try {
    return await attempt();
  } catch (err) {
    // Two retries racing with one key: the loser finds the winner's row and replays it.
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    return await attempt();
  }
}

/** The latest assessment of each element (in the vocabulary's order) and every assessment, newest first. */
export async function listAssessments(
  em: EntityManager,
  buildingId: string,
): Promise<{ latest: AssessmentView[]; history: AssessmentView[] }> {
  if (!isUuid(buildingId)) return { latest: [], history: [] };
  const rows = await em.execute<AssessmentRow[]>(
    `select ${COLUMNS} from element_assessment where building_id = ?
     order by assessed_at desc, created_at desc, id desc`,
    [buildingId],
  );
  const history = rows.map(viewOf);
  const latest = new Map<BuildingElement, AssessmentView>();
  for (const a of history) if (!latest.has(a.element)) latest.set(a.element, a);
  return { latest: [...latest.values()].sort((x, y) => order(x.element) - order(y.element)), history };
}

const order = (e: BuildingElement) => BUILDING_ELEMENTS.indexOf(e);
