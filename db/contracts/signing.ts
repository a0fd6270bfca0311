// Stores a signature the verifier accepted (or could not check) over the document up for
// signature. Rejected signatures never reach here as signatures: they are audited as attempts.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { ContractRuleCode } from '../../domain/contracts/errors.ts';
import type { Party } from '../../domain/contracts/lifecycle.ts';
import type { SignatureEnvelope, VerificationResult } from '../../domain/signatures/types.ts';
import { ContractSignature } from './entities.ts';
import { transition } from './repository.ts';
import { type Actor, appendEvent, lockedOrFail } from './rows.ts';
import type { TaxPolicyInput } from './tax.ts';

export interface RecordSignatureInput {
  contractId: string;
  party: Party;
  signer: { userId: string; name: string };
  documentSha256: string;
  envelope: SignatureEnvelope;
  verification: Extract<VerificationResult, { status: 'verified' | 'unverified' }>;
  idempotencyKey: string;
  requestSha256: string;
}

export async function recordSignature(em: EntityManager, input: RecordSignatureInput, tax: TaxPolicyInput) {
  return em.transactional(async (tx) => {
    const row = await lockedOrFail(tx, input.contractId);
    const earlier = await tx.findOne(ContractSignature, { idempotencyKey: input.idempotencyKey });
    if (earlier) {
      if (earlier.contract.id !== row.id || earlier.documentSha256 !== input.documentSha256)
        throw new RuleError<ContractRuleCode>(
          'idempotency_conflict',
          'this Idempotency-Key was used with another signature',
        );
      return;
    }
    const actor: Actor = { userId: input.signer.userId, name: input.signer.name };
    await transition(
      tx,
      row,
      {
        type: 'sign',
        signature: {
          party: input.party,
          signerId: input.signer.userId,
          documentSha256: input.documentSha256,
          status: input.verification.status,
          signedAt: Date.now(),
        },
      },
      actor,
      'signed',
      `${input.party}: ${input.verification.status}`,
      tax,
      { party: input.party, documentSha256: input.documentSha256, scheme: input.envelope.scheme },
    );
    // A later signature of the same party replaces an unverified one in the state; the rows stay.
    tx.create(ContractSignature, {
      contract: row.id,
      documentSha256: input.documentSha256,
      party: input.party,
      signerUserId: input.signer.userId,
      signerName: input.signer.name,
      scheme: input.envelope.scheme,
      envelope: input.envelope,
      status: input.verification.status,
      verification: input.verification as unknown as Record<string, unknown>,
      idempotencyKey: input.idempotencyKey,
    });
    await tx.flush();
  });
}

/** A refused signature leaves a trace, so a forged or mistaken attempt is visible in the audit. */
export async function recordRejectedSignature(
  em: EntityManager,
  input: { contractId: string; party: Party | null; signer: Actor; reason: string; detail: string },
) {
  return em.transactional(async (tx) => {
    const row = await lockedOrFail(tx, input.contractId);
    appendEvent(
      tx,
      row.id,
      input.signer,
      'signature_rejected',
      row.state,
      row.state,
      `${input.reason}: ${input.detail}`,
      {
        party: input.party,
        reason: input.reason,
      },
    );
    await tx.flush();
  });
}
