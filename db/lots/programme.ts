// A lot version's five-year programme: drafted from its buildings' latest condition assessments
// (domain/lots/programme.ts), then edited line by line by the officer while the version is still
// editable. Each change runs under the lot's row lock and is one lot_event, so the history says
// who drafted or changed which line; a retried request (same key and body) answers what it first
// answered, and the same key with another body is refused.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { LotRuleCode } from '../../domain/lots/errors.ts';
import {
  DEFAULT_PROGRAMME_POLICY,
  draftProgramme,
  type FinancingSource,
  type ProgrammeBuilding,
  type ProgrammeLine,
  type ProgrammeView,
  programmeTotals,
} from '../../domain/lots/programme.ts';
import type { LotState } from '../../domain/lots/status.ts';
import type { BuildingElement } from '../../domain/registry/public.ts';
import { latestAssessmentsOf } from '../registry/public.ts';
import { isUuid } from '../sql.ts';
import { LotEvent, LotProgrammeItem, LotRow } from './entities.ts';
import { earlierLotAnswer, rememberLotAnswer } from './repository.ts';

const YEARS = DEFAULT_PROGRAMME_POLICY.years;
const editable = (s: LotState) => s.approval === 'draft' || s.approval === 'returned';
const fail = (code: LotRuleCode, message: string, fields: string[] = [], reason?: string): never => {
  throw new RuleError<LotRuleCode>(code, message, fields, reason);
};

/** The programme of one version of the lot (its current one when none is named). */
export async function programmeOf(
  em: EntityManager,
  lotId: string,
  version?: number,
): Promise<ProgrammeView> {
  const lot = isUuid(lotId) ? await em.findOne(LotRow, { id: lotId }, { refresh: true }) : null;
  if (!lot) return fail('not_found', 'no such lot');
  const v = version ?? lot.version;
  if (v < 1 || v > lot.version) fail('not_found', `the lot has no version ${v}`);
  const lines = await em.execute<(ProgrammeLine & { estimatedCost: string | number })[]>(
    `select i.id, i.building_id as "buildingId", b.address, i.element, i.year,
            i.estimated_cost as "estimatedCost", i.source
       from lot_programme_item i join building b on b.id = i.building_id
      where i.lot_id = ? and i.version = ? order by i.year, b.address, i.element, i.id`,
    [lotId, v],
  );
  const typed = lines.map((l) => ({ ...l, estimatedCost: Number(l.estimatedCost) }));
  return {
    lotId,
    version: v,
    editable: v === lot.version && editable(lot.state),
    years: YEARS,
    lines: typed,
    totals: programmeTotals(typed, YEARS),
  };
}

interface Change {
  lotId: string;
  /** The operation, the caller and their Idempotency-Key. */
  requestKey: string;
  requestSha256: string;
  actorUserId: string;
}

/** The lot locked for a change of its programme, refused unless its current version is editable. */
async function lockedEditable(tx: EntityManager, lotId: string) {
  const lot = isUuid(lotId)
    ? await tx.findOne(LotRow, { id: lotId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
    : null;
  if (!lot) return fail('not_found', 'no such lot');
  if (!editable(lot.state))
    fail(
      'wrong_state',
      `lot ${lot.number} is ${lot.state.approval}: its programme changes only in a new version`,
      [],
      'not_editable',
    );
  return lot;
}

/**
 * Replaces the current version's programme with the first draft from its buildings' latest
 * assessments: red buildings and the worst elements first (domain/lots/programme.ts).
 */
export async function draftLotProgramme(em: EntityManager, input: Change): Promise<ProgrammeView> {
  return em.transactional(async (tx) => {
    const earlier = await earlierLotAnswer<ProgrammeView>(tx, input.requestKey, input.requestSha256);
    if (earlier) return earlier;
    const lot = await lockedEditable(tx, input.lotId);
    const buildings = await tx.execute<
      { id: string; conditionClass: ProgrammeBuilding['conditionClass']; totalArea: string | number }[]
    >(
      `select b.id, b.condition_class as "conditionClass",
              coalesce((select sum(a.area) from apartment a where a.building_id = b.id), b.total_area) as "totalArea"
         from lot_membership m join building b on b.id = m.building_id
        where m.lot_id = ? and m.until is null order by b.id`,
      [lot.id],
    );
    const assessments = await latestAssessmentsOf(
      tx,
      buildings.map((b) => b.id),
    );
    const works = draftProgramme(
      buildings.map((b) => ({
        id: b.id,
        conditionClass: b.conditionClass,
        totalArea: Number(b.totalArea),
        elements: assessments.filter((a) => a.buildingId === b.id),
      })),
      DEFAULT_PROGRAMME_POLICY,
    ).filter((w) => w.estimatedCost > 0);
    await tx.nativeDelete(LotProgrammeItem, { lot: lot.id, version: lot.version });
    for (const w of works)
      tx.create(LotProgrammeItem, {
        lot,
        version: lot.version,
        building: w.buildingId,
        year: w.year,
        element: w.element,
        estimatedCost: w.estimatedCost,
        source: w.source,
      });
    const totals = programmeTotals(works, YEARS);
    tx.create(LotEvent, {
      lot,
      requestId: input.requestKey,
      actorUserId: input.actorUserId,
      action: 'programme_drafted',
      version: lot.version,
      fromStatus: `${lot.state.approval}/${lot.state.selection}`,
      toStatus: `${lot.state.approval}/${lot.state.selection}`,
      data: { works: works.length, total: totals.total },
    });
    await tx.flush();
    const answer = await programmeOf(tx, lot.id);
    await rememberLotAnswer(tx, input.requestKey, input.requestSha256, answer);
    return answer;
  });
}

export interface LineEdit {
  element?: BuildingElement;
  year?: number;
  estimatedCost?: number;
  source?: FinancingSource;
}

/** Changes one line of the current version's programme; the totals follow from the lines. */
export async function editProgrammeLine(
  em: EntityManager,
  input: Change & { itemId: string; edit: LineEdit },
): Promise<ProgrammeView> {
  return em.transactional(async (tx) => {
    const earlier = await earlierLotAnswer<ProgrammeView>(tx, input.requestKey, input.requestSha256);
    if (earlier) return earlier;
    const lot = await lockedEditable(tx, input.lotId);
    const item = isUuid(input.itemId)
      ? await tx.findOne(LotProgrammeItem, { id: input.itemId, lot: lot.id, version: lot.version })
      : null;
    if (!item) return fail('not_found', "no such line in the lot's current programme", []);
    const before = {
      element: item.element,
      year: item.year,
      estimatedCost: item.estimatedCost,
      source: item.source,
    };
    tx.assign(item, input.edit);
    tx.create(LotEvent, {
      lot,
      requestId: input.requestKey,
      actorUserId: input.actorUserId,
      action: 'programme_line_changed',
      version: lot.version,
      fromStatus: `${lot.state.approval}/${lot.state.selection}`,
      toStatus: `${lot.state.approval}/${lot.state.selection}`,
      data: { itemId: item.id, before, after: { ...input.edit } },
    });
    await tx.flush();
    const answer = await programmeOf(tx, lot.id);
    await rememberLotAnswer(tx, input.requestKey, input.requestSha256, answer);
    return answer;
  });
}

/** A new version starts as a copy of the one before it: its programme too. */
export async function copyProgramme(tx: EntityManager, lotId: string, from: number, to: number) {
  await tx.execute(
    `insert into lot_programme_item (id, lot_id, version, building_id, year, element, estimated_cost, source)
     select gen_random_uuid(), lot_id, ?, building_id, year, element, estimated_cost, source
       from lot_programme_item where lot_id = ? and version = ?`,
    [to, lotId, from],
  );
}
