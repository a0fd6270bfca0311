// Lot changes. Each is one transaction: the district's row lock lines up the saves and edits of
// one district's lots, each lot's row lock its steps; the pure rules (domain/lots) decide on what
// is stored, and the state, the memberships and one lot_event per lot changed are written
// together. A save or a move stores its answer under its key with the hash of its body, so a retry
// gets the first answer and the same key with another body is refused; a step of the approval
// carries a request id, so a retried step finds its own event and changes nothing twice.
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
import type { ClassMix, LotBuilding } from '../../domain/lots/types.ts';
import type { SignatureEnvelope, VerificationResult } from '../../domain/signatures/types.ts';
import { ManagementOrganization } from '../registry/entities.ts';
import { isUuid } from '../sql.ts';
import {
  type ILotRow,
  LotActSignature,
  LotEvent,
  LotMembership,
  LotRequest,
  LotRow,
  LotVersion,
} from './entities.ts';

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
    // The first rule broken, for a client to say in its reader's language; the message lists all.
    violations[0]!.code,
  );

/** The district's row lock: saves and edits of one district's lots line up behind it. */
async function lockDistrict(tx: EntityManager, districtId: string): Promise<boolean> {
  // NO KEY UPDATE: nothing here changes the district's key, so rows that reference the district
  // (its buildings, its appeals) are not held up while its lots change.
  const rows = await tx.execute<{ id: string }[]>('select id from district where id = ? for no key update', [
    districtId,
  ]);
  return rows.length > 0;
}

/**
 * The answer an earlier request under this key got, if any; the same key with another body is a
 * conflict. Looked up by its whole key under the district's lock.
 */
async function earlierAnswer<T>(tx: EntityManager, key: string, requestSha256: string): Promise<T | null> {
  const earlier = await tx.findOne(LotRequest, { key });
  if (!earlier) return null;
  if (earlier.requestSha256 !== requestSha256)
    throw new RuleError<LotRuleCode>(
      'idempotency_conflict',
      'this Idempotency-Key was used with another request',
      [],
      'idempotency_conflict',
    );
  return earlier.response as T;
}

export interface LotSummary {
  id: string;
  districtId: string;
  number: number;
  state: LotState;
  buildingIds: string[];
  apartments: number;
  /** Buildings by condition class. */
  mix: ClassMix;
  /** The five-year cost of the current version's programme, tiyin (0 before it is drafted). */
  programmeCost: number;
}

export interface SaveDraftInput {
  districtId: string;
  lots: { buildingIds: string[] }[];
  policy: LotPolicy;
  /** The caller and their Idempotency-Key. */
  idempotencyKey: string;
  /** SHA-256 of the request (api/idempotency.ts requestHash). */
  requestSha256: string;
  actorUserId: string;
  now: Date;
}

/**
 * Saves draft lots of the district's free buildings, each checked as the editor checks it. The same
 * key and body again answer what the first save answered.
 */
export async function saveDraftLots(em: EntityManager, input: SaveDraftInput): Promise<LotSummary[]> {
  return em.transactional(async (tx) => {
    if (!(await lockDistrict(tx, input.districtId)))
      throw new RuleError<LotRuleCode>('not_found', 'no such district', ['districtId']);
    const requestKey = `drafts:${input.idempotencyKey}`;
    const earlier = await earlierAnswer<LotSummary[]>(tx, requestKey, input.requestSha256);
    if (earlier) return earlier;
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
    const answer = await Promise.all(ids.map((id) => summaryOf(tx, id)));
    tx.create(LotRequest, { key: requestKey, requestSha256: input.requestSha256, response: answer });
    await tx.flush();
    return answer;
  });
}

export async function summaryOf(em: EntityManager, lotId: string): Promise<LotSummary> {
  const lot = await em.findOneOrFail(LotRow, { id: lotId });
  const members = await em.execute<
    { id: string; apartments: number; conditionClass: LotBuilding['conditionClass'] }[]
  >(
    `select m.building_id as id, (select count(*) from apartment a where a.building_id = m.building_id)::int as apartments,
            b.condition_class as "conditionClass"
       from lot_membership m join building b on b.id = m.building_id
      where m.lot_id = ? and m.until is null order by m.since, m.building_id`,
    [lotId],
  );
  const mix: ClassMix = { green: 0, yellow: 0, red: 0, unassessed: 0 };
  for (const m of members) mix[m.conditionClass ?? 'unassessed']++;
  const [cost] = await em.execute<{ total: string }[]>(
    `select coalesce(sum(estimated_cost), 0)::text as total from lot_programme_item where lot_id = ? and version = ?`,
    [lotId, lot.version],
  );
  return {
    id: lot.id,
    districtId: lot.district.id,
    number: lot.number,
    state: lot.state,
    buildingIds: members.map((m) => m.id),
    apartments: members.reduce((s, m) => s + m.apartments, 0),
    mix,
    programmeCost: Number(cost?.total ?? 0),
  };
}

/** A lot the officer may still edit: a draft, or returned with remarks. */
const editable = (s: LotState) => s.approval === 'draft' || s.approval === 'returned';

export interface MoveInput {
  buildingId: string;
  toLotId: string;
  policy: LotPolicy;
  /** The caller and their Idempotency-Key. */
  requestId: string;
  /** SHA-256 of the request (api/idempotency.ts requestHash). */
  requestSha256: string;
  actorUserId: string;
  now: Date;
}

const notEditable = (lot: ILotRow) =>
  new RuleError<LotRuleCode>(
    'wrong_state',
    `lot ${lot.number} is ${lot.state.approval}: an approved lot changes only by a new version, a submitted one after the council returns it`,
    [],
    'not_editable',
  );

/**
 * Moves a building of the lot's district into the lot: from the lot that holds it, or from none.
 * Every lot it changes must be editable and still meet the rules afterwards, or nothing changes and
 * the refusal names the rule. Answers the lots it changed: the one left, if any, then this one.
 */
export async function moveBuildingToLot(em: EntityManager, input: MoveInput): Promise<LotSummary[]> {
  if (!isUuid(input.buildingId) || !isUuid(input.toLotId))
    throw new RuleError<LotRuleCode>('not_found', 'no such lot or building');
  return em.transactional(async (tx) => {
    const found = await tx.findOne(LotRow, { id: input.toLotId });
    if (!found) throw new RuleError<LotRuleCode>('not_found', 'no such lot', ['toLotId']);
    await lockDistrict(tx, found.district.id);
    const requestKey = `move:${input.requestId}`;
    const earlier = await earlierAnswer<LotSummary[]>(tx, requestKey, input.requestSha256);
    if (earlier) return earlier;
    const membership = await tx.findOne(LotMembership, { building: input.buildingId, until: null });
    const from = membership
      ? await tx.findOneOrFail(LotRow, { id: membership.lot.id }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    const target = await tx.findOneOrFail(LotRow, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (from?.id === target.id)
      throw new RuleError<LotRuleCode>(
        'invalid',
        'the building is already in this lot',
        ['buildingId'],
        'already_in_lot',
      );
    if (from && from.district.id !== target.district.id)
      throw new RuleError<LotRuleCode>(
        'invalid',
        'the lots are in different districts',
        ['buildingId'],
        'other_district',
      );
    for (const lot of [from, target]) if (lot && !editable(lot.state)) throw notEditable(lot);
    const buildings = await districtLotBuildings(tx, target.district.id);
    if (!buildings.some((b) => b.id === input.buildingId))
      throw new RuleError<LotRuleCode>(
        'invalid',
        "the building is not in the lot's district",
        ['buildingId'],
        'other_district',
      );
    const inLot = (id: string) => buildings.filter((b) => b.lotId === id).map((b) => b.id);
    const changed = from ? [from, target] : [target];
    const before = changed.map((lot) => ({ buildingIds: inLot(lot.id) }));
    const after = moveBuilding(before, input.buildingId, changed.length - 1);
    const checked = checkLots(
      buildings.filter((b) => changed.some((l) => l.id === b.lotId) || b.id === input.buildingId),
      after,
      input.policy,
    );
    if (checked.violations.length > 0)
      throw violationsError(
        checked.violations.map((v) =>
          renumber(
            v,
            changed.map((l) => l.number),
          ),
        ),
      );
    if (membership) {
      membership.until = input.now;
      await tx.flush();
    }
    tx.create(LotMembership, {
      lot: target,
      building: input.buildingId,
      version: target.version,
      since: input.now,
    });
    const steps = [
      ...(from ? [[from, 'from', 'building_left'] as const] : []),
      [target, 'to', 'building_joined'] as const,
    ];
    for (const [lot, suffix, action] of steps)
      tx.create(LotEvent, {
        lot,
        requestId: `${requestKey}#${suffix}`,
        actorUserId: input.actorUserId,
        action,
        version: lot.version,
        fromStatus: `${lot.state.approval}/${lot.state.selection}`,
        toStatus: `${lot.state.approval}/${lot.state.selection}`,
        data: {
          buildingId: input.buildingId,
          ...(action === 'building_joined' ? { fromLotId: from?.id ?? null } : {}),
        },
      });
    await tx.flush();
    const answer = await Promise.all(changed.map((lot) => summaryOf(tx, lot.id)));
    tx.create(LotRequest, { key: requestKey, requestSha256: input.requestSha256, response: answer });
    await tx.flush();
    return answer;
  });
}

/** The checks number the lots from 0; a person reads them by their own numbers. */
function renumber(v: Violation, numbers: readonly number[]): Violation {
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
  /** With an approval: the act's bytes, whose `sha256:<hex>` is the command's decisionDocument. */
  actHtml?: string;
  /**
   * With an approval: the council member's verified signature over those bytes, recorded in the
   * same transaction, so no version is approved without its signed act.
   */
  signature?: {
    signerUserId: string;
    signerName: string;
    envelope: SignatureEnvelope;
    verification: VerificationResult & { status: 'verified' };
  };
  /** The version the step is for (the workflow's): another one stored is a refusal, not a step. */
  version?: number;
}

/** One step of the lot's life under its row lock, decided by the reducer on what is stored. */
export async function applyToLot(em: EntityManager, input: ApplyInput): Promise<LotSummary> {
  if (!isUuid(input.lotId)) throw new RuleError<LotRuleCode>('not_found', 'no such lot');
  return em.transactional(async (tx) => {
    const lot = await tx.findOne(LotRow, { id: input.lotId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!lot) throw new RuleError<LotRuleCode>('not_found', 'no such lot');
    if (await tx.findOne(LotEvent, { requestId: input.requestId })) return summaryOf(tx, lot.id);
    if (input.version !== undefined && input.version !== lot.version)
      throw new RuleError<LotRuleCode>(
        'wrong_state',
        `the lot is at version ${lot.version}, not ${input.version}`,
        [],
        'other_version',
      );
    const result = applyLotCommand(lot.state, input.command, input.party, input.now.getTime());
    if (!result.ok) {
      const field = REFUSAL_FIELD[result.refusal.code];
      throw new RuleError<LotRuleCode>(
        REFUSAL_CODE[result.refusal.code],
        refusalMessage(result.refusal),
        field ? [field] : [],
        // The domain's own refusal (remarks_required, not_eligible, …): the code above is its class.
        result.refusal.code,
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
      const { signature, actHtml } = input;
      if (!signature || !actHtml)
        throw new RuleError<LotRuleCode>(
          'invalid',
          refusalMessage({ code: 'document_required' }),
          ['signature'],
          'document_required',
        );
      version.approvedAt = input.now;
      version.decisionDocument = input.command.decisionDocument;
      version.decisionActHtml = actHtml;
      tx.create(LotActSignature, {
        lot,
        version: next.version,
        document: input.command.decisionDocument,
        signerUserId: signature.signerUserId,
        signerName: signature.signerName,
        envelope: signature.envelope as unknown as Record<string, unknown>,
        verification: signature.verification as unknown as Record<string, unknown>,
        requestId: input.requestId,
      });
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
      data: input.signature
        ? { ...input.command, signerName: input.signature.signerName }
        : { ...input.command },
    });
    await tx.flush();
    return summaryOf(tx, lot.id);
  });
}

/** The current lot of a building, if any. */
export async function lotOfBuilding(em: EntityManager, buildingId: string): Promise<LotSummary | null> {
  if (!isUuid(buildingId)) return null;
  const m = await em.findOne(LotMembership, { building: buildingId, until: null });
  return m ? summaryOf(em, m.lot.id) : null;
}

/** The district's lots by number, with their sizes and class mix. */
export async function districtLots(em: EntityManager, districtId: string): Promise<LotSummary[]> {
  if (!isUuid(districtId)) return [];
  const rows = await em.find(LotRow, { district: districtId }, { orderBy: { number: 'asc' } });
  const out: LotSummary[] = [];
  for (const row of rows) out.push(await summaryOf(em, row.id));
  return out;
}

/** One lot, or null. */
export async function lotById(em: EntityManager, lotId: string): Promise<LotSummary | null> {
  if (!isUuid(lotId)) return null;
  return (await em.findOne(LotRow, { id: lotId })) ? summaryOf(em, lotId) : null;
}

/**
 * A note in the lot's history that changes nothing of the lot (a reminder sent, a deadline missed);
 * its request id makes a retry a no-op.
 */
export async function noteOnLot(
  em: EntityManager,
  input: { lotId: string; requestId: string; action: string; data: Record<string, unknown> },
): Promise<void> {
  await em.transactional(async (tx) => {
    const lot = await tx.findOne(LotRow, { id: input.lotId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!lot) throw new RuleError<LotRuleCode>('not_found', 'no such lot');
    if (await tx.findOne(LotEvent, { requestId: input.requestId })) return;
    const status = `${lot.state.approval}/${lot.state.selection}`;
    tx.create(LotEvent, {
      lot,
      requestId: input.requestId,
      actorUserId: null,
      action: input.action,
      version: lot.version,
      fromStatus: status,
      toStatus: status,
      data: input.data,
    });
    await tx.flush();
  });
}

/** Who hears of a lot's review and what the act names: the district, its council, its inspectors. */
export async function reviewParties(em: EntityManager, lotId: string) {
  const [row] = await em.execute<
    {
      number: number;
      version: number;
      districtName: string;
      councilName: string | null;
    }[]
  >(
    `select l.number, l.version, d.name as "districtName", c.name as "councilName"
       from lot l join district d on d.id = l.district_id left join council c on c.district_id = d.id
      where l.id = ?`,
    [lotId],
  );
  if (!row) throw new RuleError<LotRuleCode>('not_found', 'no such lot');
  // The district's council members and inspectors as persons: notifications reach each by their channels.
  const staff = await em.execute<{ personId: string; role: 'council' | 'inspector' }[]>(
    `select distinct u.person_id as "personId", g.role from role_grant g join user_account u on u.id = g.user_id
       join lot l on l.district_id = g.district_id
      where l.id = ? and g.role in ('council', 'inspector') and u.person_id is not null
      order by g.role, u.person_id`,
    [lotId],
  );
  const buildings = await em.execute<{ id: string; address: string }[]>(
    `select b.id, b.address from lot_membership m join building b on b.id = m.building_id
      where m.lot_id = ? and m.until is null order by b.address, b.id`,
    [lotId],
  );
  const persons = (role: string) => staff.filter((x) => x.role === role).map((x) => x.personId);
  return { ...row, councilPersons: persons('council'), inspectorPersons: persons('inspector'), buildings };
}

/** A user's name as an act prints it. */
export async function userName(em: EntityManager, userId: string): Promise<string> {
  const [row] = await em.execute<{ name: string }[]>(
    'select display_name as name from user_account where id = ?',
    [userId],
  );
  return row?.name ?? userId;
}

/** The answer an earlier request under this key got (a retry), or null; another body is a conflict. */
export const earlierLotAnswer = <T>(
  em: EntityManager,
  key: string,
  requestSha256: string,
): Promise<T | null> => earlierAnswer<T>(em, key, requestSha256);

/** Keeps a request's answer for its retries; the first answer stays. */
export async function rememberLotAnswer(
  em: EntityManager,
  key: string,
  requestSha256: string,
  response: unknown,
): Promise<void> {
  await em.execute(
    `insert into lot_request (key, request_sha256, response, created_at) values (?, ?, ?::jsonb, now())
     on conflict (key) do nothing`,
    [key, requestSha256, JSON.stringify(response)],
  );
}
