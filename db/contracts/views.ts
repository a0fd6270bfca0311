// Reads: the contract as the API shows it, the list a caller may see, and its scope for access checks.
import type { EntityManager } from '@mikro-orm/postgresql';
import { buildingScopeOf, type Principal } from '../../domain/access/roles.ts';
import { type ContractScope, signingPartiesOf } from '../../domain/contracts/access.ts';
import type { ContractSummary, ContractView } from '../../domain/contracts/view.ts';
import { isoOrNull, isUuid } from '../sql.ts';
import { Contract, ContractBuilding, ContractEvent, ContractSignature } from './entities.ts';

type Row = Awaited<ReturnType<typeof loadRow>>;
async function loadRow(em: EntityManager, id: string) {
  return em.findOne(Contract, { id }, { populate: ['organization'], refresh: true });
}

export async function contractScope(em: EntityManager, id: string): Promise<ContractScope | null> {
  if (!isUuid(id)) return null;
  const rows = await em.getConnection().execute<
    {
      organization_id: string;
      owners_user_id: string;
      cp_org: string | null;
      cp_user: string | null;
      district_id: string;
    }[]
  >(
    `select c.organization_id, c.owners_user_id, c.counterparty_organization_id as cp_org,
              c.counterparty_user_id as cp_user, b.district_id
         from contract c join contract_building cb on cb.contract_id = c.id
         join building b on b.id = cb.building_id where c.id = ?`,
    [id],
  );
  const first = rows[0];
  if (!first) return null;
  return {
    organizationId: first.organization_id,
    districtIds: [...new Set(rows.map((r) => r.district_id))],
    parties: {
      owners: { userId: first.owners_user_id },
      counterparty: { organizationId: first.cp_org, userId: first.cp_user },
    },
  };
}

/** Whether this person owns an apartment in any of the contract's buildings. */
export async function ownsApartmentUnder(em: EntityManager, contractId: string, personId: string | null) {
  if (!personId || !isUuid(contractId)) return false;
  const rows = await em.getConnection().execute<{ n: number }[]>(
    `select count(*)::int as n from contract_building cb
       join apartment a on a.building_id = cb.building_id
       join ownership o on o.apartment_id = a.id
      where cb.contract_id = ? and o.person_id = ?`,
    [contractId, personId],
  );
  return (rows[0]?.n ?? 0) > 0;
}

function viewOf(
  r: NonNullable<Row>,
  buildingIds: string[],
  signatures: {
    party: 'owners' | 'counterparty';
    signerName: string;
    scheme: string;
    status: 'verified' | 'unverified';
    signedAt: Date;
  }[],
  events: {
    at: Date;
    action: string;
    fromState: string | null;
    toState: string;
    actorName: string | null;
    detail: string | null;
  }[],
  caller: Principal | null,
): ContractView {
  const parties = {
    owners: { name: r.ownersName, userId: r.ownersUserId },
    counterparty: {
      name: r.counterpartyName,
      userId: r.counterpartyUserId ?? null,
      organizationId: r.counterpartyOrganization?.id ?? null,
    },
  };
  const signedVerified = new Set(signatures.filter((s) => s.status === 'verified').map((s) => s.party));
  const mine =
    caller && r.pending ? signingPartiesOf(caller, parties).filter((p) => !signedVerified.has(p)) : [];
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    state: r.state,
    buildingIds,
    organization: { id: r.organization.id, name: r.organization.name },
    source: r.meeting ? { meetingId: r.meeting.id, agendaItemId: r.agendaItem?.id ?? null } : null,
    parameters: r.parameters,
    version: r.version,
    documentSha256: r.documentSha256 ?? null,
    pending: r.pending
      ? {
          change: r.pending.change,
          documentSha256: r.pending.documentSha256,
          signatures: signatures.map((s) => ({ ...s, signedAt: new Date(s.signedAt).toISOString() })),
        }
      : null,
    parties,
    mySigningParty: mine[0] ?? null,
    taxRegistration: r.taxStatus
      ? {
          deadlineLastDay: r.taxDeadlineLastDay ?? null,
          deadlineEndsAt: isoOrNull(r.taxDeadlineEndsAt),
          status: r.taxStatus,
          registrationNumber: r.taxRegistrationNumber ?? null,
          registeredAt: isoOrNull(r.taxRegisteredAt),
          lastError: r.taxLastError ?? null,
        }
      : null,
    timeline: events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    flagged: r.flaggedReason ? { reason: r.flaggedReason, at: isoOrNull(r.flaggedAt)! } : null,
    concludedAt: isoOrNull(r.concludedAt),
    terminatedAt: isoOrNull(r.terminatedAt),
  };
}

export async function getContractView(
  em: EntityManager,
  id: string,
  caller: Principal | null = null,
): Promise<ContractView | null> {
  if (!isUuid(id)) return null;
  const r = await loadRow(em, id);
  if (!r) return null;
  const [buildings, signatures, events] = await Promise.all([
    em.find(ContractBuilding, { contract: id }, { orderBy: { building: 'asc' } }),
    r.pending
      ? em.find(
          ContractSignature,
          { contract: id, documentSha256: r.pending.documentSha256 },
          { orderBy: { signedAt: 'asc' } },
        )
      : Promise.resolve([]),
    em.find(ContractEvent, { contract: id }, { orderBy: { seq: 'asc' } }),
  ]);
  return viewOf(
    r,
    buildings.map((b) => b.building.id),
    signatures.map((s) => ({
      party: s.party,
      signerName: s.signerName,
      scheme: s.scheme,
      status: s.status,
      signedAt: s.signedAt,
    })),
    events.map((e) => ({
      at: e.at,
      action: e.action,
      fromState: e.fromState ?? null,
      toState: e.toState,
      actorName: e.actorName ?? null,
      detail: e.detail ?? null,
    })),
    caller,
  );
}

/**
 * Contracts the caller may see: their own as a party, their organization's, their district's, or
 * (for owners) their buildings'. The building scope is the one every registry read uses.
 */
export async function listContracts(
  em: EntityManager,
  caller: Principal,
  filter: { buildingId?: string; organizationId?: string },
): Promise<ContractSummary[]> {
  const scope = buildingScopeOf(caller);
  const where: string[] = [];
  const params: unknown[] = [];
  const party = `(c.owners_user_id = ? or c.counterparty_user_id = ?)`;
  switch (scope.kind) {
    case 'all':
      where.push('true');
      break;
    case 'district':
      where.push(`(b.district_id = ? or ${party})`);
      params.push(scope.districtId, caller.userId, caller.userId);
      break;
    case 'organization':
      where.push(`(c.organization_id = ? or c.counterparty_organization_id = ? or ${party})`);
      params.push(scope.organizationId, scope.organizationId, caller.userId, caller.userId);
      break;
    case 'owner':
      where.push(`(exists (select 1 from apartment a join ownership o on o.apartment_id = a.id
                     where a.building_id = b.id and o.person_id = ?) or ${party})`);
      params.push(scope.personId, caller.userId, caller.userId);
      break;
    case 'none':
      where.push(party);
      params.push(caller.userId, caller.userId);
  }
  if (filter.buildingId) {
    where.push('b.id = ?');
    params.push(filter.buildingId);
  }
  if (filter.organizationId) {
    where.push('c.organization_id = ?');
    params.push(filter.organizationId);
  }
  const rows = await em.getConnection().execute<
    {
      id: string;
      number: string;
      kind: ContractSummary['kind'];
      state: ContractSummary['state'];
      org_id: string;
      org_name: string;
      building_ids: string[];
    }[]
  >(
    `select c.id, c.number, c.kind, c.state, o.id as org_id, o.name as org_name,
            array_agg(distinct b.id::text) as building_ids
       from contract c join contract_building cb on cb.contract_id = c.id
       join building b on b.id = cb.building_id
       join management_organization o on o.id = c.organization_id
      where ${where.join(' and ')}
      group by c.id, o.id order by c.created_at desc limit 200`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    state: r.state,
    organization: { id: r.org_id, name: r.org_name },
    buildingIds: r.building_ids,
  }));
}
