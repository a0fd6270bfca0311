// Activities of the contract workflow (workflows/contracts/lifecycle.ts). Every change is one
// transaction in the repository named by a request id, so a retried activity never applies it
// twice; signatures are verified here, before the transaction, because a verifier may be remote.
import { Contract } from '../../db/contracts/entities.ts';
import {
  documentOf,
  type Lang,
  type ProposeInput,
  proposeChange,
  withdrawPending,
} from '../../db/contracts/repository.ts';
import { recordRejectedSignature, recordSignature } from '../../db/contracts/signing.ts';
import { contractScope, getContractView } from '../../db/contracts/views.ts';
import { registeredKey } from '../../db/signatures/keys.ts';
import type { Principal } from '../../domain/access/roles.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { signingPartiesOf } from '../../domain/contracts/access.ts';
import type { ContractRuleCode } from '../../domain/contracts/errors.ts';
import type { SignatureEnvelope, SignerIdentity } from '../../domain/signatures/types.ts';
import { createSignatureVerifier } from '../../platform/signatures/verifier.ts';
import { CONTRACT_FAILURES, type ContractFlowState } from '../../workflows/contracts/contract.ts';
import { ruledBy } from '../rule-failure.ts';
import type { ContractActivityDeps } from './deps.ts';
import { createTaxActivities } from './tax.ts';

export const ruled = ruledBy(CONTRACT_FAILURES);

export interface SignInput {
  contractId: string;
  principal: Principal;
  documentSha256: string;
  signature: SignatureEnvelope;
  idempotencyKey: string;
  requestSha256: string;
}

export function createContractActivities(deps: ContractActivityDeps) {
  const { orm, taxPolicy } = deps;

  async function flowState(contractId: string): Promise<ContractFlowState> {
    const em = orm.em.fork();
    const v = await getContractView(em, contractId);
    if (!v) throw new RuleError<ContractRuleCode>('not_found', `contract ${contractId} does not exist`);
    return {
      contractId: v.id,
      kind: v.kind,
      state: v.state,
      pending: v.pending ? { change: v.pending.change, documentSha256: v.pending.documentSha256 } : null,
      organizationId: v.organization.id,
      taxStatus: v.taxRegistration?.status ?? null,
      taxDeadlineEndsAt: v.taxRegistration?.deadlineEndsAt
        ? Date.parse(v.taxRegistration.deadlineEndsAt)
        : null,
    };
  }

  /** Who the verifier must find behind the signature: the representative, or the company by its TIN. */
  async function expectedSigner(
    contractId: string,
    party: 'owners' | 'counterparty',
  ): Promise<SignerIdentity> {
    const row = await orm.em.fork().findOneOrFail(Contract, { id: contractId });
    if (party === 'owners') return row.ownersPinfl ? { pinfl: row.ownersPinfl } : {};
    if (row.counterpartyTin) return { tin: row.counterpartyTin };
    return row.counterpartyPinfl ? { pinfl: row.counterpartyPinfl } : {};
  }

  async function sign(input: SignInput): Promise<ContractFlowState> {
    const em = orm.em.fork();
    const scope = await contractScope(em, input.contractId);
    const view = await getContractView(em, input.contractId, input.principal);
    if (!scope || !view) throw new RuleError<ContractRuleCode>('not_found', 'no such contract');
    const parties = signingPartiesOf(input.principal, scope.parties);
    if (parties.length === 0)
      throw new RuleError<ContractRuleCode>('forbidden', 'you sign for neither party of this contract');
    const party = view.mySigningParty;
    if (!party || !view.pending)
      throw new RuleError<ContractRuleCode>('wrong_state', 'nothing awaits your signature on this contract');
    const signer = { userId: input.principal.userId, name: input.principal.name };
    const reject = async (reason: string, detail: string): Promise<never> => {
      await recordRejectedSignature(orm.em.fork(), {
        contractId: input.contractId,
        party,
        signer,
        reason,
        detail,
      });
      throw new RuleError<ContractRuleCode>('signature_rejected', detail, ['signature'], reason);
    };
    if (input.documentSha256 !== view.pending.documentSha256)
      return reject('document_changed', 'the document up for signature is not the one signed');
    const doc = await documentOf(em, input.contractId, input.documentSha256);
    if (!doc) throw new RuleError<ContractRuleCode>('not_found', 'the document is missing');
    const verifier = createSignatureVerifier({
      eImzoUrl: deps.eImzoUrl,
      timeoutMs: deps.eImzoTimeoutMs,
      keyFor: () =>
        input.signature.scheme === 'ecdsa-p256-sha256'
          ? registeredKey(orm.em.fork(), input.principal.userId, input.signature.publicKeyJwk ?? {})
          : Promise.resolve(null),
    });
    const result = await verifier.verify({
      document: new TextEncoder().encode(doc.html),
      signature: input.signature,
      expectedSigner: await expectedSigner(input.contractId, party),
    });
    if (result.status === 'rejected') return reject(result.reason, result.detail);
    await recordSignature(
      orm.em.fork(),
      {
        contractId: input.contractId,
        party,
        signer,
        documentSha256: input.documentSha256,
        envelope: input.signature,
        verification: result,
        idempotencyKey: input.idempotencyKey,
        requestSha256: input.requestSha256,
      },
      taxPolicy,
    );
    return flowState(input.contractId);
  }

  return {
    loadContractFlow: (contractId: string) => ruled(flowState(contractId)),
    signContract: (input: SignInput) => ruled(sign(input)),
    proposeContractChange: (input: ProposeInput) =>
      ruled(
        proposeChange(orm.em.fork(), input, taxPolicy, deps.portalUrl).then(() =>
          flowState(input.contractId),
        ),
      ),
    withdrawContractChange: (input: { contractId: string; principal: Principal; requestId: string }) =>
      ruled(withdrawPending(orm.em.fork(), input, taxPolicy).then(() => flowState(input.contractId))),
    ...createTaxActivities(deps, (id) => ruled(flowState(id))),
  };
}

export type ContractActivities = ReturnType<typeof createContractActivities>;
export type { Lang };
