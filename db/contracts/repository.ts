// Contract changes. Each is one transaction under the contract's row lock: the pure state machine
// (domain/contracts/lifecycle.ts) decides, and the document, signature and audit event are written
// with the new state, so the trail never misses a change nor shows a rolled-back one.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/access/roles.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import {
  type ContractDocumentInput,
  type ContractParameters,
  renderContractHtml,
} from '../../domain/contracts/document.ts';
import type { ContractRuleCode } from '../../domain/contracts/errors.ts';
import {
  applyContractCommand,
  type ContractCommand,
  type ContractRefusal,
  type Contract as ContractState,
  type Party,
} from '../../domain/contracts/lifecycle.ts';
import type { ContractKind } from '../../domain/contracts/tax-registration.ts';
import { Building, ManagementOrganization } from '../registry/entities.ts';
import { isUuid } from '../sql.ts';
import { ContractBuilding, ContractDocument } from './entities.ts';
import { type Actor, actorOf, appendEvent, type ContractRow, lockedOrFail } from './rows.ts';
import { queueSigningMail } from './sign-mail.ts';
import { onCompleted, type TaxPolicyInput } from './tax.ts';

export type Lang = 'uz' | 'ru' | 'en';

export const stateOf = (r: ContractRow): ContractState => ({
  kind: r.kind,
  state: r.state,
  documentSha256: r.documentSha256 ?? null,
  version: r.version,
  pending: r.pending ?? null,
  concludedAt: r.concludedAt ? new Date(r.concludedAt).getTime() : null,
  terminatedAt: r.terminatedAt ? new Date(r.terminatedAt).getTime() : null,
});

export function refusalError(r: ContractRefusal): RuleError<ContractRuleCode> {
  switch (r.code) {
    case 'not_allowed_from_state':
      return new RuleError<ContractRuleCode>(
        'wrong_state',
        `${r.action} is not allowed while the contract is ${r.state}`,
      );
    case 'document_mismatch':
      return new RuleError<ContractRuleCode>(
        'signature_rejected',
        `the signature is over ${r.got}, but the document up for signature is ${r.expected}`,
        ['documentSha256'],
        'document_changed',
      );
    case 'already_signed':
      return new RuleError<ContractRuleCode>(
        'wrong_state',
        `the ${r.party} party has already signed this document`,
      );
    case 'same_document':
      return new RuleError<ContractRuleCode>('invalid', 'the amendment changes nothing', ['parameters']);
    case 'invalid_hash':
      return new RuleError<ContractRuleCode>('invalid', 'not a SHA-256 hex digest', ['documentSha256']);
  }
}

/** Applies a command and writes the state it leads to; the caller flushes. */
export async function transition(
  tx: EntityManager,
  row: ContractRow,
  command: ContractCommand,
  actor: Actor,
  action: string,
  detail: string | null,
  tax: TaxPolicyInput,
  data: Record<string, unknown> = {},
) {
  const result = applyContractCommand(stateOf(row), command);
  if (!result.ok) throw refusalError(result.refusal);
  const from = row.state;
  const next = result.contract;
  row.state = next.state;
  row.pending = next.pending;
  row.version = next.version;
  row.documentSha256 = next.documentSha256;
  row.concludedAt = next.concludedAt === null ? null : new Date(next.concludedAt);
  row.terminatedAt = next.terminatedAt === null ? null : new Date(next.terminatedAt);
  appendEvent(tx, row.id, actor, action, from, next.state, detail, data);
  if (result.completed) {
    appendEvent(tx, row.id, { userId: null, name: null }, `${result.completed}_completed`, from, next.state);
    await onCompleted(tx, row, result.completed, tax);
  }
  return result;
}

interface DocumentContext {
  number: string;
  kind: ContractKind;
  buildingIds: string[];
  organizationId: string;
  owners: { name: string; authority: string };
  counterparty: ContractDocumentInput['counterparty'];
}

/** Renders and stores the document; the same inputs give the same bytes, hence the same hash. */
export async function storeDocument(
  tx: EntityManager,
  contractId: string,
  ctx: DocumentContext,
  change: ContractDocumentInput['change'],
  version: number,
  parameters: ContractParameters,
  lang: Lang,
  extra: { previousSha256?: string; terminationReason?: string } = {},
): Promise<string> {
  const [buildings, org] = await Promise.all([
    tx.find(Building, { id: { $in: ctx.buildingIds } }, { orderBy: { address: 'asc' } }),
    tx.findOneOrFail(ManagementOrganization, { id: ctx.organizationId }),
  ]);
  const input: ContractDocumentInput = {
    number: ctx.number,
    kind: ctx.kind,
    change,
    version,
    date: tashkentDate(Date.now()),
    buildings: buildings.map((b) => ({ id: b.id, address: b.address, cadastralNumber: b.cadastralNumber })),
    owners: { representativeName: ctx.owners.name, authority: ctx.owners.authority },
    counterparty: ctx.counterparty,
    organization: { name: org.name, tin: org.tin },
    parameters,
    ...extra,
  };
  const html = renderContractHtml(input, lang);
  const sha256 = await sha256Hex(html);
  const existing = await tx.findOne(ContractDocument, { contract: contractId, sha256 });
  if (!existing) tx.create(ContractDocument, { contract: contractId, sha256, change, html, input, lang });
  return sha256;
}

export async function documentContext(tx: EntityManager, row: ContractRow): Promise<DocumentContext> {
  const buildings = await tx.find(ContractBuilding, { contract: row.id });
  return {
    number: row.number,
    kind: row.kind,
    buildingIds: buildings.map((b) => b.building.id),
    organizationId: row.organization.id,
    owners: { name: row.ownersName, authority: row.ownersAuthority },
    counterparty: {
      name: row.counterpartyName,
      tin: row.counterpartyTin ?? undefined,
      pinfl: row.counterpartyPinfl ?? undefined,
      role:
        row.kind === 'management'
          ? 'management_organization'
          : row.kind === 'common_property_lease'
            ? 'lessee'
            : 'user',
    },
  };
}

export async function documentOf(
  em: EntityManager,
  contractId: string,
  sha256: string,
): Promise<{ html: string; input: ContractDocumentInput; lang: Lang; change: string } | null> {
  if (!isUuid(contractId) || !/^[0-9a-f]{64}$/.test(sha256)) return null;
  const doc = await em.findOne(ContractDocument, { contract: contractId, sha256 });
  return doc ? { html: doc.html, input: doc.input, lang: doc.lang as Lang, change: doc.change } : null;
}

export interface ProposeInput {
  contractId: string;
  change: 'amendment' | 'termination';
  parameters?: ContractParameters;
  reason?: string;
  principal: Principal;
  lang: Lang;
  requestId: string;
}

/**
 * Puts an amendment or a termination up for signature, rendered like the contract itself, and
 * tells both parties in the same transaction; `portalUrl` is the portal their mail links to.
 */
export async function proposeChange(
  em: EntityManager,
  input: ProposeInput,
  tax: TaxPolicyInput,
  portalUrl: string,
) {
  return em.transactional(async (tx) => {
    const row = await lockedOrFail(tx, input.contractId);
    if (await alreadyDone(tx, row.id, input.requestId)) return;
    const ctx = await documentContext(tx, row);
    const parameters = input.change === 'amendment' ? input.parameters! : row.parameters;
    const sha = await storeDocument(
      tx,
      row.id,
      ctx,
      input.change,
      input.change === 'amendment' ? row.version + 1 : row.version,
      parameters,
      input.lang,
      { previousSha256: row.documentSha256 ?? undefined, terminationReason: input.reason },
    );
    const type = input.change === 'amendment' ? 'propose_amendment' : 'propose_termination';
    await transition(
      tx,
      row,
      { type, documentSha256: sha },
      actorOf(input.principal),
      type,
      input.reason ?? null,
      tax,
      {
        requestId: input.requestId,
        documentSha256: sha,
      },
    );
    if (input.change === 'amendment') row.pendingParameters = parameters;
    await tx.flush();
    await queueSigningMail(tx, {
      contractId: row.id,
      number: row.number,
      change: input.change,
      documentSha256: sha,
      owners: { userId: row.ownersUserId, name: row.ownersName },
      counterparty: {
        organizationId: row.counterpartyOrganization?.id ?? null,
        userId: row.counterpartyUserId ?? null,
        name: row.counterpartyName,
      },
      portalUrl,
    });
  });
}

export async function withdrawPending(
  em: EntityManager,
  input: { contractId: string; principal: Principal; requestId: string },
  tax: TaxPolicyInput,
) {
  return em.transactional(async (tx) => {
    const row = await lockedOrFail(tx, input.contractId);
    if (await alreadyDone(tx, row.id, input.requestId)) return;
    await transition(tx, row, { type: 'withdraw' }, actorOf(input.principal), 'withdraw', null, tax, {
      requestId: input.requestId,
    });
    row.pendingParameters = null;
    await tx.flush();
  });
}

/** A retried activity finds its own event and does not apply the change twice. */
export async function alreadyDone(tx: EntityManager, contractId: string, requestId: string) {
  const rows = await tx.execute<{ n: number }[]>(
    `select count(*)::int as n from contract_event where contract_id = ? and data->>'requestId' = ?`,
    [contractId, requestId],
  );
  return (rows[0]?.n ?? 0) > 0;
}

export type { Party };
