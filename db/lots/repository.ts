// Lot changes. Each is one transaction: the district's row lock lines up the saves and edits of
// one district's lots, each lot's row lock its steps; the pure rules (domain/lots) decide on what
// is stored, and the state, the memberships and one lot_event per lot changed are written
// together. A change carries a request id, so a retried request finds its own event and changes
// nothing twice.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import { streetOf } from '../../domain/common/street.ts';
import { checkLots, moveBuilding, type Violation } from '../../domain/lots/edits.ts';
import type { LotRuleCode } from '../../domain/lots/errors.ts';
import { type Proposal, proposeLots } from '../../domain/lots/partition.ts';
import type { LotPolicy } from '../../domain/lots/policy.ts';
import {
  applyLotCommand,
  type LotCommand,
  type LotParty,
  type LotRefusal,
  type LotState,
  newLot,
} from '../../domain/lots/status.ts';
import type { LotBuilding } from '../../domain/lots/types.ts';
import { ManagementOrganization } from '../registry/entities.ts';
import { isUuid } from '../sql.ts';
import { LotEvent, LotMembership, LotRow, LotVersion } from './entities.ts';

/** The district's buildings as the partition sees them (street: the shared reading of the address). */
export async function districtLotBuildings(
  em: EntityManager,
  districtId: string,
): Promise<(LotBuilding & { lotId: string | null })[]> {
  const rows = await em.execute<
    {
      id: string;
      apartments: number;
      conditionClass: LotBuilding['conditionClass'];
      lon: number | null;
      lat: number | null;
      address: string;
      lotId: string | null;
    }[]
  >(
    `select b.id, (select count(*) from apartment a where a.building_id = b.id)::int as apartments,
            b.condition_class as "conditionClass", b.plot_lon as lon, b.plot_lat as lat, b.address,
            m.lot_id as "lotId"
       from building b left join lot_membership m on m.building_id = b.id and m.until is null
      where b.district_id = ? order by b.id`,
    [districtId],
  );
  return rows.map((r) => ({
    id: r.id,
    apartments: r.apartments,
    conditionClass: r.conditionClass,
    point: r.lon === null ? null : { lon: r.lon, lat: r.lat! },
    // An address with no street before its number still groups with itself alone.
    street: streetOf(r.address) ?? r.address.trim().toLowerCase(),
    lotId: r.lotId,
  }));
}

/** The proposed partition of the district's buildings that are in no lot yet. */
export async function proposeForDistrict(
  em: EntityManager,
  districtId: string,
  policy: LotPolicy,
): Promise<Proposal & { alreadyInLots: number }> {
  const all = await districtLotBuildings(em, districtId);
  const free = all.filter((b) => b.lotId === null);
  return { ...proposeLots(free, policy), alreadyInLots: all.length - free.length };
}

const violationsError = (violations: Violation[]) =>
  new RuleError<LotRuleCode>(
    'violations',
    violations
      .map((v) =>
        v.code === 'lot_too_small'
          ? `lot ${v.lot + 1} has ${v.apartments} apartments, fewer than the minimum ${v.minimum} (lot_too_small)`
          : v.code === 'lot_empty'
            ? `lot ${v.lot + 1} has no building (lot_empty)`
            : v.code === 'building_in_two_lots'
              ? `building ${v.buildingId} is in lots ${v.lots.map((l) => l + 1).join(' and ')} (building_in_two_lots)`
              : `building ${v.buildingId} of lot ${v.lot + 1} is not a free building of this district (building_unknown)`,
      )
      .join('; '),
    violations.map((v) => ('lot' in v ? `lots.${v.lot}` : 'lots')),
  );

export interface LotSummary {
  id: string;
  districtId: string;
  number: number;
  state: LotState;
  buildingIds: string[];
  apartments: number;
}

export interface SaveDraftInput {
  districtId: string;
  lots: { buildingIds: string[] }[];
  policy: LotPolicy;
  idempotencyKey: string;
  actorUserId: string;
  now: Date;
}

/**
 * Saves draft lots of the district's free buildings, each checked as the editor checks it. The same
 * key again answers the lots it saved.
 */
export async function saveDraftLots(em: EntityManager, input: SaveDraftInput): Promise<LotSummary[]> {
  return em.transactional(async (tx) => {
    const [district] = await tx.execute<{ id: string }[]>('select id from district where id = ? for update', [
      input.districtId,
    ]);
    if (!district) throw new RuleError<LotRuleCode>('not_found', 'no such district', ['districtId']);
    const saved = await tx.find(LotRow, { idempotencyKey: { $like: `${input.idempotencyKey}#%` } });
    if (saved.length > 0) return Promise.all(saved.map((l) => summaryOf(tx, l.id)));
    const free = (await districtLotBuildings(tx, input.districtId)).filter((b) => b.lotId === null);
    const checked = checkLots(free, input.lots, input.policy);
    if (checked.violations.length > 0) throw violationsError(checked.violations);
    const [{ next }] = (await tx.execute<{ next: number }[]>(
      'select coalesce(max(number), 0) + 1 as next from lot where district_id = ?',
      [input.districtId],
    )) as [{ next: number }];
    const ids: string[] = [];
    input.lots.forEach((lot, i) => {
      const state = newLot();
      const row = tx.create(LotRow, {
        district: input.districtId,
        number: next + i,
        version: 1,
        approval: state.approval,
        selection: state.selection,
        state,
        idempotencyKey: `${input.idempotencyKey}#${i}`,
      });
      ids.push(row.id);
      tx.create(LotVersion, {
        lot: row,
        version: 1,
        buildingCount: lot.buildingIds.length,
        apartments: checked.lots[i]!.apartments,
      });
      for (const building of lot.buildingIds)
        tx.create(LotMembership, { lot: row, building, version: 1, since: input.now });
      tx.create(LotEvent, {
        lot: row,
        requestId: `${input.idempotencyKey}#${i}`,
        actorUserId: input.actorUserId,
        action: 'create',
        version: 1,
        fromStatus: null,
        toStatus: 'draft/not_started',
        data: { buildingIds: lot.buildingIds, apartments: checked.lots[i]!.apartments },
      });
    });
    await tx.flush();
    return Promise.all(ids.map((id) => summaryOf(tx, id)));
  });
}

export async function summaryOf(em: EntityManager, lotId: string): Promise<LotSummary> {
  const lot = await em.findOneOrFail(LotRow, { id: lotId });
  const members = await em.execute<{ id: string; apartments: number }[]>(
    `select m.building_id as id, (select count(*) from apartment a where a.building_id = m.building_id)::int as apartments
       from lot_membership m where m.lot_id = ? and m.until is null order by m.since, m.building_id`,
    [lotId],
  );
  return {
    id: lot.id,
    districtId: lot.district.id,
    number: lot.number,
    state: lot.state,
    buildingIds: members.map((m) => m.id),
    apartments: members.reduce((s, m) => s + m.apartments, 0),
  };
}

/** A lot the officer may still edit: a draft, or returned with remarks. */
const editable = (s: LotState) => s.approval === 'draft' || s.approval === 'returned';

export interface MoveInput {
  buildingId: string;
  toLotId: string;
  policy: LotPolicy;
  requestId: string;
  actorUserId: string;
  now: Date;
}

/**
 * Moves a building from its lot to another of the same district; both must be editable, and both
 * must still meet the rules afterwards, or nothing changes and the refusal names the rule.
 */
export async function moveBuildingToLot(em: EntityManager, input: MoveInput): Promise<LotSummary[]> {
  if (!isUuid(input.buildingId) || !isUuid(input.toLotId))
    throw new RuleError<LotRuleCode>('not_found', 'no such lot or building');
  return em.transactional(async (tx) => {
    const target = await tx.findOne(LotRow, { id: input.toLotId });
    if (!target) throw new RuleError<LotRuleCode>('not_found', 'no such lot', ['toLotId']);
    await tx.execute('select id from district where id = ? for update', [target.district.id]);
    const done = await tx.findOne(LotEvent, { requestId: `${input.requestId}#to` });
    const membership = await tx.findOne(LotMembership, { building: input.buildingId, until: null });
    if (done)
      return Promise.all([membership?.lot.id, target.id].filter((x) => x).map((id) => summaryOf(tx, id!)));
    if (!membership) throw new RuleError<LotRuleCode>('invalid', 'the building is in no lot', ['buildingId']);
    const from = await tx.findOneOrFail(
      LotRow,
      { id: membership.lot.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    await tx.findOneOrFail(LotRow, { id: target.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (from.id === target.id)
      throw new RuleError<LotRuleCode>('invalid', 'the building is already in this lot', ['toLotId']);
    if (from.district.id !== target.district.id)
      throw new RuleError<LotRuleCode>('invalid', 'the lots are in different districts', ['toLotId']);
    for (const lot of [from, target])
      if (!editable(lot.state))
        throw new RuleError<LotRuleCode>(
          'wrong_state',
          `lot ${lot.number} is ${lot.state.approval}: an approved lot changes only by a new version, a submitted one after the council returns it`,
        );
    const buildings = await districtLotBuildings(tx, from.district.id);
    const inLot = (id: string) => buildings.filter((b) => b.lotId === id).map((b) => b.id);
    const before = [{ buildingIds: inLot(from.id) }, { buildingIds: inLot(target.id) }];
    const after = moveBuilding(before, input.buildingId, 1);
    const checked = checkLots(
      buildings.filter((b) => b.lotId === from.id || b.lotId === target.id),
      after,
      input.policy,
    );
    if (checked.violations.length > 0)
      throw violationsError(checked.violations.map((v) => renumber(v, [from.number, target.number])));
    membership.until = input.now;
    await tx.flush();
    tx.create(LotMembership, {
      lot: target,
      building: input.buildingId,
      version: target.version,
      since: input.now,
    });
    for (const [lot, suffix, action] of [
      [from, 'from', 'building_left'],
      [target, 'to', 'building_joined'],
    ] as const)
      tx.create(LotEvent, {
        lot,
        requestId: `${input.requestId}#${suffix}`,
        actorUserId: input.actorUserId,
        action,
        version: lot.version,
        fromStatus: `${lot.state.approval}/${lot.state.selection}`,
        toStatus: `${lot.state.approval}/${lot.state.selection}`,
        data: { buildingId: input.buildingId },
      });
    await tx.flush();
    return Promise.all([from.id, target.id].map((id) => summaryOf(tx, id)));
  });
}

/** The checks number the two lots 0 and 1; a person reads them by their own numbers. */
function renumber(v: Violation, numbers: [number, number]): Violation {
  return 'lot' in v ? { ...v, lot: numbers[v.lot]! - 1 } : v;
}

export const refusalMessage = (r: LotRefusal): string => {
  switch (r.code) {
    case 'not_allowed_from_state':
      return `${r.action} is not possible while the lot is ${r.state}`;
    case 'forbidden':
      return `this role may not ${r.action}`;
    case 'remarks_required':
      return 'a return needs the council remarks';
    case 'document_required':
      return 'an approval needs the signed act of the decision';
    case 'window_closed':
      return 'the application window has closed';
    case 'window_open':
      return 'the application window is still open';
    case 'window_in_past':
      return 'the window must close in the future';
    case 'not_eligible':
      return 'the organization does not meet the minimum requirements';
    case 'invalid_tariff':
      return 'the tariff must be a whole positive number of tiyin';
    case 'not_a_candidate':
      return 'the organization is not a candidate of this lot';
  }
};

const REFUSAL_CODE: Record<LotRefusal['code'], LotRuleCode> = {
  not_allowed_from_state: 'wrong_state',
  forbidden: 'forbidden',
  remarks_required: 'invalid',
  document_required: 'invalid',
  window_closed: 'window_closed',
  window_open: 'wrong_state',
  window_in_past: 'invalid',
  not_eligible: 'forbidden',
  invalid_tariff: 'invalid',
  not_a_candidate: 'invalid',
};
const REFUSAL_FIELD: Partial<Record<LotRefusal['code'], string>> = {
  remarks_required: 'remarks',
  document_required: 'decisionDocument',
  invalid_tariff: 'tariff',
  window_in_past: 'closesAt',
};

export interface ApplyInput {
  lotId: string;
  command: LotCommand;
  party: LotParty;
  requestId: string;
  actorUserId: string | null;
  now: Date;
}

/** One step of the lot's life under its row lock, decided by the reducer on what is stored. */
export async function applyToLot(em: EntityManager, input: ApplyInput): Promise<LotSummary> {
  if (!isUuid(input.lotId)) throw new RuleError<LotRuleCode>('not_found', 'no such lot');
  return em.transactional(async (tx) => {
    const lot = await tx.findOne(LotRow, { id: input.lotId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!lot) throw new RuleError<LotRuleCode>('not_found', 'no such lot');
    if (await tx.findOne(LotEvent, { requestId: input.requestId })) return summaryOf(tx, lot.id);
    const result = applyLotCommand(lot.state, input.command, input.party, input.now.getTime());
    if (!result.ok) {
      const field = REFUSAL_FIELD[result.refusal.code];
      throw new RuleError<LotRuleCode>(
        REFUSAL_CODE[result.refusal.code],
        refusalMessage(result.refusal),
        field ? [field] : [],
      );
    }
    const next = result.lot;
    const from = `${lot.state.approval}/${lot.state.selection}`;
    if (next.version !== lot.version) {
      const current = await summaryOf(tx, lot.id);
      tx.create(LotVersion, {
        lot,
        version: next.version,
        buildingCount: current.buildingIds.length,
        apartments: current.apartments,
      });
    }
    const version = await tx.findOneOrFail(LotVersion, { lot: lot.id, version: next.version });
    if (input.command.type === 'approve') {
      version.approvedAt = input.now;
      version.decisionDocument = input.command.decisionDocument;
    }
    if (input.command.type === 'return') version.remarks = next.remarks;
    lot.state = next;
    lot.version = next.version;
    lot.approval = next.approval;
    lot.selection = next.selection;
    if (next.organizationId) lot.organization = tx.getReference(ManagementOrganization, next.organizationId);
    tx.create(LotEvent, {
      lot,
      requestId: input.requestId,
      actorUserId: input.actorUserId,
      action: input.command.type,
      version: next.version,
      fromStatus: from,
      toStatus: `${next.approval}/${next.selection}`,
      data: { ...input.command },
    });
    await tx.flush();
    return summaryOf(tx, lot.id);
  });
}

/** The current lot of a building, if any (an owner reads it). */
export async function lotOfBuilding(em: EntityManager, buildingId: string): Promise<LotSummary | null> {
  if (!isUuid(buildingId)) return null;
  const m = await em.findOne(LotMembership, { building: buildingId, until: null });
  return m ? summaryOf(em, m.lot.id) : null;
}
