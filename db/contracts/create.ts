// A new contract: stored with its first document already up for signature, in one transaction,
// and idempotent on the caller's key (same key and body answer the stored contract).
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { ContractParameters } from '../../domain/contracts/document.ts';
import type { ContractRuleCode } from '../../domain/contracts/errors.ts';
import { applyContractCommand, newContract } from '../../domain/contracts/lifecycle.ts';
import type { ContractKind } from '../../domain/contracts/tax-registration.ts';
import { lockIdempotencyKey } from '../sql.ts';
import { Contract, ContractBuilding } from './entities.ts';
import { type Lang, refusalError, storeDocument } from './repository.ts';
import { appendEvent } from './rows.ts';
import { queueSigningMail } from './sign-mail.ts';

export interface CreateContractInput {
  id: string;
  kind: ContractKind;
  organizationId: string;
  buildingIds: string[];
  source: { meetingId: string; agendaItemId: string } | null;
  owners: { userId: string; name: string; pinfl: string | null; authority: string };
  counterparty: {
    organizationId: string | null;
    userId: string | null;
    name: string;
    tin: string | null;
    pinfl: string | null;
  };
  parameters: ContractParameters;
  lang: Lang;
  createdBy: { userId: string; name: string };
  idempotencyKey: string;
  requestSha256: string;
  /** The portal the parties' signing mail links to (config PORTAL_URL). */
  portalUrl: string;
}

const numberOf = (id: string, at: Date) => `MU-${at.getUTCFullYear()}-${id.slice(0, 8).toUpperCase()}`;

/** The contract an earlier request with this key created; the same key with another body is a conflict. */
export async function earlierContract(
  em: EntityManager,
  idempotencyKey: string,
  requestSha256: string,
): Promise<string | null> {
  const earlier = await em.findOne(Contract, { idempotencyKey }, { fields: ['id', 'requestSha256'] });
  if (!earlier) return null;
  if (earlier.requestSha256 !== requestSha256)
    throw new RuleError<ContractRuleCode>(
      'idempotency_conflict',
      'this Idempotency-Key was used with another request',
    );
  return earlier.id;
}

export async function createContract(
  em: EntityManager,
  input: CreateContractInput,
): Promise<{ id: string; created: boolean }> {
  return em.transactional(async (tx) => {
    await lockIdempotencyKey(tx, 'contract', input.idempotencyKey);
    const earlier = await tx.findOne(Contract, { idempotencyKey: input.idempotencyKey });
    if (earlier) {
      if (earlier.requestSha256 !== input.requestSha256)
        throw new RuleError<ContractRuleCode>(
          'idempotency_conflict',
          'this Idempotency-Key was used with another request',
        );
      return { id: earlier.id, created: false };
    }
    const number = numberOf(input.id, new Date());
    const row = tx.create(Contract, {
      id: input.id,
      number,
      kind: input.kind,
      state: 'draft',
      organization: input.organizationId,
      meeting: input.source?.meetingId ?? null,
      agendaItem: input.source?.agendaItemId ?? null,
      ownersUserId: input.owners.userId,
      ownersName: input.owners.name,
      ownersPinfl: input.owners.pinfl,
      ownersAuthority: input.owners.authority,
      counterpartyOrganization: input.counterparty.organizationId,
      counterpartyUserId: input.counterparty.userId,
      counterpartyName: input.counterparty.name,
      counterpartyTin: input.counterparty.tin,
      counterpartyPinfl: input.counterparty.pinfl,
      parameters: input.parameters,
      pendingParameters: null,
      version: 0,
      documentSha256: null,
      pending: null,
      createdByUserId: input.createdBy.userId,
      idempotencyKey: input.idempotencyKey,
      requestSha256: input.requestSha256,
    });
    for (const b of input.buildingIds) tx.create(ContractBuilding, { contract: row.id, building: b });
    const actor = { userId: input.createdBy.userId, name: input.createdBy.name };
    appendEvent(
      tx,
      row.id,
      actor,
      'created',
      null,
      'draft',
      input.source ? 'general meeting decision' : 'council',
      {
        source: input.source,
      },
    );
    await tx.flush();
    const sha = await storeDocument(
      tx,
      row.id,
      {
        number,
        kind: input.kind,
        buildingIds: input.buildingIds,
        organizationId: input.organizationId,
        owners: { name: input.owners.name, authority: input.owners.authority },
        counterparty: {
          name: input.counterparty.name,
          tin: input.counterparty.tin ?? undefined,
          pinfl: input.counterparty.pinfl ?? undefined,
          role:
            input.kind === 'management'
              ? 'management_organization'
              : input.kind === 'common_property_lease'
                ? 'lessee'
                : 'user',
        },
      },
      'conclusion',
      1,
      input.parameters,
      input.lang,
    );
    const result = applyContractCommand(newContract(input.kind), {
      type: 'send_for_signature',
      documentSha256: sha,
    });
    if (!result.ok) throw refusalError(result.refusal);
    row.state = result.contract.state;
    row.pending = result.contract.pending;
    appendEvent(tx, row.id, actor, 'send_for_signature', 'draft', row.state, null, { documentSha256: sha });
    await tx.flush();
    await queueSigningMail(tx, {
      contractId: row.id,
      number,
      change: 'conclusion',
      documentSha256: sha,
      owners: { userId: input.owners.userId, name: input.owners.name },
      counterparty: {
        organizationId: input.counterparty.organizationId,
        userId: input.counterparty.userId,
        name: input.counterparty.name,
      },
      portalUrl: input.portalUrl,
    });
    return { id: row.id, created: true };
  });
}
