// The end of the choice: a management contract per building of the lot for the organization the
// owners chose or the council appointed, at the tariff it offered (its application, or its bid in
// the competition), through the contracts' public module. Each contract names the lot's approved
// programme (its works' SHA-256) among its services, so the signed document carries it. Keyed by
// the lot's version and the building: a retry finds the contracts it made.
import type { EntityManager } from '@mikro-orm/postgresql';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import { programmeService, tariffSom } from '../../domain/lots/choice.ts';
import { createContract } from '../contracts/public.ts';
import { lotById, noteOnLot, userName } from './repository.ts';

export interface LotContractsInput {
  lotId: string;
  version: number;
  organizationId: string;
  /** Tiyin per m² a month. */
  tariff: number;
  termMonths: number;
  /** The meeting's item that chose it; null for the council's appointment. */
  source: { meetingId: string; agendaItemId: string } | null;
  /** Who signs for the owners: the meeting's chair, or the council officer who appointed. */
  representativeUserId: string;
  authority: string;
  now: number;
}

/** SHA-256 of the lot version's programme works, in a stable order. */
export async function programmeSha256(em: EntityManager, lotId: string, version: number): Promise<string> {
  const items = await em.execute(
    `select building_id as "buildingId", year, element, estimated_cost::text as cost, source
       from lot_programme_item where lot_id = ? and version = ?
      order by year, building_id, element, source, estimated_cost`,
    [lotId, version],
  );
  return sha256Hex(JSON.stringify(items));
}

/** One contract per building of the lot; answers their ids in the lot's building order. */
export async function concludeLotContracts(
  em: EntityManager,
  input: LotContractsInput,
  portalUrl: string,
): Promise<string[]> {
  const lot = await lotById(em, input.lotId);
  if (!lot) throw new Error(`no lot ${input.lotId}`);
  const [org] = await em.execute<{ name: string; tin: string }[]>(
    'select name, tin from management_organization where id = ?',
    [input.organizationId],
  );
  if (!org) throw new Error(`no organization ${input.organizationId}`);
  const programme = programmeService(
    lot.number,
    input.version,
    await programmeSha256(em, input.lotId, input.version),
  );
  const representative = await userName(em, input.representativeUserId);
  const parameters = {
    services: ['management and upkeep of the common property', programme],
    tariffUzsPerM2: tariffSom(input.tariff),
    termMonths: input.termMonths,
    startDate: tashkentDate(input.now),
  };
  const ids: string[] = [];
  for (const buildingId of lot.buildingIds) {
    const key = `lot-contract:${input.lotId}:${input.version}:${buildingId}`;
    const { id } = await createContract(em.fork(), {
      id: crypto.randomUUID(),
      kind: 'management',
      portalUrl,
      organizationId: input.organizationId,
      buildingIds: [buildingId],
      source: input.source,
      owners: {
        userId: input.representativeUserId,
        name: representative,
        pinfl: null,
        authority: input.authority,
      },
      counterparty: {
        organizationId: input.organizationId,
        userId: null,
        name: org.name,
        tin: org.tin,
        pinfl: null,
      },
      parameters,
      lang: 'uz',
      createdBy: { userId: input.representativeUserId, name: representative },
      idempotencyKey: key,
      // The same key answers the stored contract whatever today's date: the body is the key's.
      requestSha256: await sha256Hex(key),
    });
    ids.push(id);
  }
  await noteOnLot(em, {
    lotId: input.lotId,
    requestId: `lot-contracts:${input.lotId}:${input.version}`,
    action: 'contracts_concluded',
    data: { organizationId: input.organizationId, tariff: input.tariff, contractIds: ids },
  });
  return ids;
}
