// Resolves a request to start a contract into what the repository stores: the organization must
// be in the register; after a general meeting, the item must be a management_organization item
// that chose exactly this organization and was adopted; the representative must exist.

import type { z } from '@hono/zod-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkContractTariff, type MinimumTariffRow } from '../../db/billing/public.ts';
import type { CreateContractInput } from '../../db/contracts/create.ts';
import { Contract } from '../../db/contracts/entities.ts';
import { getMeeting } from '../../db/meetings/public.ts';
import { Building, ManagementOrganization, Person, UserAccount } from '../../db/registry/entities.ts';
import type { Principal } from '../../domain/access/roles.ts';
import { canStartContract } from '../../domain/contracts/access.ts';
import { type ContractParameters, validateContractParameters } from '../../domain/contracts/document.ts';
import { requiresTaxRegistration } from '../../domain/contracts/tax-registration.ts';
import { forbidden, HttpProblem } from '../problem.ts';
import type { CreateContractBody } from './schemas.ts';

type Body = z.infer<typeof CreateContractBody>;
const bad = (field: string, message: string) =>
  new HttpProblem(400, message, { errors: [{ field, message }] });
const conflict = (field: string, message: string) =>
  new HttpProblem(409, message, { errors: [{ field, message }] });
const DECIDED = ['decided', 'appeal_window', 'completed'];

async function person(em: EntityManager, userId: string, field: string) {
  const user = await em.findOne(UserAccount, { id: userId }, { populate: ['person'] });
  if (!user) throw bad(field, 'no such user account');
  const p = user.person ? await em.findOne(Person, { id: user.person.id }) : null;
  return { userId, name: p?.fullName ?? user.displayName, pinfl: p?.pinfl ?? null };
}

/**
 * A management tariff below the minimum for any of the contract's buildings is refused (422,
 * naming the field and the minimum), at the start and at every amendment: billing would otherwise
 * charge what the law forbids. Other kinds carry no tariff.
 */
export async function assertMinimumTariff(
  em: EntityManager,
  table: readonly MinimumTariffRow[],
  parameters: ContractParameters,
  buildingIds: readonly string[],
): Promise<void> {
  if (!('tariffUzsPerM2' in parameters)) return;
  const check = await checkContractTariff(em, {
    buildingIds,
    tiyinPerM2: parameters.tariffUzsPerM2 * 100,
    date: parameters.startDate,
    table,
  });
  if (!check.ok)
    throw new HttpProblem(422, check.reason, {
      errors: [{ field: 'body.parameters.tariffUzsPerM2', message: check.reason }],
      extensions: {
        buildingId: check.buildingId,
        minimumUzsPerM2: check.minimumTiyinPerM2 === null ? null : check.minimumTiyinPerM2 / 100,
      },
    });
}

export async function resolveStart(
  em: EntityManager,
  caller: Principal,
  body: Body,
): Promise<
  Omit<CreateContractInput, 'id' | 'idempotencyKey' | 'requestSha256' | 'lang' | 'createdBy' | 'portalUrl'>
> {
  const params = validateContractParameters(body.kind, body.parameters);
  if (!params.ok)
    throw new HttpProblem(400, 'invalid contract parameters', {
      errors: params.errors.map((e) => ({ field: `body.${e.field}`, message: e.message })),
    });
  const org = await em.findOne(ManagementOrganization, { id: body.organizationId });
  if (!org) throw bad('body.organizationId', 'no such management organization');
  if (org.registerStatus !== 'registered')
    throw conflict(
      'body.organizationId',
      `the organization is ${org.registerStatus}, not registered, so it cannot be chosen`,
    );

  let buildingIds = body.buildingIds ?? [];
  let source: CreateContractInput['source'] = null;
  let representativeUserId = body.representativeUserId;
  let authority = body.authority ?? 'decision of the district council';
  if (body.source) {
    const m = await getMeeting(em, body.source.meetingId);
    if (!m) throw bad('body.source.meetingId', 'no such meeting');
    const item = m.agenda.find((a) => a.id === body.source!.agendaItemId);
    if (!item) throw bad('body.source.agendaItemId', 'no such item on this meeting');
    if (!DECIDED.includes(m.phase) || !m.decision)
      throw conflict('body.source.meetingId', `the meeting is ${m.phase}: it has not decided yet`);
    const decided = m.decision.items.find((d) => d.itemId === item.id);
    if (!decided?.accepted) throw conflict('body.source.agendaItemId', 'the owners did not adopt this item');
    const expected = body.kind === 'management' ? 'management_organization' : 'common_property_use';
    if (item.kind !== expected)
      throw conflict('body.source.agendaItemId', `a ${body.kind} contract follows a ${expected} item`);
    if (item.kind === 'management_organization' && item.organizationId !== org.id)
      throw conflict('body.organizationId', 'the owners chose another organization on this item');
    buildingIds = body.buildingIds ?? m.buildingIds;
    if (buildingIds.some((b) => !m.buildingIds.includes(b)))
      throw bad('body.buildingIds', 'only buildings of the meeting');
    // One decision, one contract: a second one would split the owners' choice between two.
    const taken = await em.count(Contract, { agendaItem: item.id, state: { $ne: 'terminated' } });
    if (taken > 0) throw conflict('body.source.agendaItemId', 'a contract for this decision already exists');
    source = { meetingId: m.id, agendaItemId: item.id };
    representativeUserId ??= m.chairUserId;
    authority = body.authority ?? `decision of the general meeting "${m.title}", item ${item.position}`;
  }
  if (buildingIds.length === 0)
    throw bad('body.buildingIds', 'name the buildings (or the meeting that decided)');
  if (!representativeUserId)
    throw bad('body.representativeUserId', "name the owners' authorized representative");
  const buildings = await em.find(Building, { id: { $in: buildingIds } });
  if (buildings.length !== new Set(buildingIds).size)
    throw bad('body.buildingIds', 'some of the buildings do not exist');
  const districtIds = [...new Set(buildings.map((b) => b.district.id))];
  if (
    !canStartContract(caller, {
      organizationId: org.id,
      districtIds,
      representativeUserId,
      fromMeeting: source !== null,
    })
  )
    throw forbidden('you may not start a contract for these buildings');

  let counterparty: CreateContractInput['counterparty'];
  if (body.kind === 'management') {
    counterparty = { organizationId: org.id, userId: null, name: org.name, tin: org.tin, pinfl: null };
  } else {
    if (buildings.length !== 1) throw bad('body.buildingIds', 'common property belongs to one building');
    if (buildings[0]!.managementOrganization?.id !== org.id)
      throw conflict(
        'body.organizationId',
        'common property is let by the organization that manages the building',
      );
    const cp = body.counterparty;
    if (!cp) throw bad('body.counterparty', 'name the lessee or user of the premises');
    if (!cp.tin && !cp.pinfl) throw bad('body.counterparty.tin', 'a TIN or a PINFL is required');
    if (!cp.userId) throw bad('body.counterparty.userId', 'the account that signs for the lessee');
    await person(em, cp.userId, 'body.counterparty.userId');
    counterparty = {
      organizationId: null,
      userId: cp.userId,
      name: cp.name,
      tin: cp.tin ?? null,
      pinfl: cp.pinfl ?? null,
    };
  }
  void requiresTaxRegistration;
  const rep = await person(em, representativeUserId, 'body.representativeUserId');
  return {
    kind: body.kind,
    organizationId: org.id,
    buildingIds: [...new Set(buildingIds)],
    source,
    owners: { ...rep, authority },
    counterparty,
    parameters: params.value,
  };
}
