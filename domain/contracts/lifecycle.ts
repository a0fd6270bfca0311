// A contract's states. Conclusion, amendment and termination all follow one path: a document is
// put up for signature and takes effect only once both parties' signatures are verified over that
// exact document (docs/domain/signatures.md). An unverified signature (stored while no verifier is
// configured) is kept, so it can be verified later, but never completes anything.
import type { ContractKind } from './tax-registration.ts';

export const CONTRACT_STATES = [
  'draft',
  'awaiting_signatures',
  'active',
  'amendment_awaiting_signatures',
  'termination_awaiting_signatures',
  'terminated',
] as const;
export type ContractState = (typeof CONTRACT_STATES)[number];

/**
 * owners: the person the general meeting authorized (or the council for a lot);
 * counterparty: the management organization, or the lessee / user of common property.
 */
export const PARTIES = ['owners', 'counterparty'] as const;
export type Party = (typeof PARTIES)[number];

export const SIGNATURE_STATUSES = ['verified', 'unverified'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

export interface Signature {
  party: Party;
  /** The signer as identified by the verifier (PINFL, or TIN for a company). */
  signerId: string;
  documentSha256: string;
  status: SignatureStatus;
  signedAt: number;
}

export type Change = 'conclusion' | 'amendment' | 'termination';

export interface PendingDocument {
  change: Change;
  documentSha256: string;
  signatures: Signature[];
}

export interface Contract {
  kind: ContractKind;
  state: ContractState;
  /** SHA-256 (hex) of the document in force; null until concluded. */
  documentSha256: string | null;
  /** 1 once concluded, +1 for each amendment in force. */
  version: number;
  pending: PendingDocument | null;
  /** When the later of the two verified signatures was made: the tax-registration term starts here. */
  concludedAt: number | null;
  terminatedAt: number | null;
}

export type ContractCommand =
  | { type: 'send_for_signature'; documentSha256: string }
  | { type: 'sign'; signature: Signature }
  | { type: 'withdraw' }
  | { type: 'propose_amendment'; documentSha256: string }
  | { type: 'propose_termination'; documentSha256: string };
export type ContractAction = ContractCommand['type'];

export const CONTRACT_TRANSITIONS: Record<ContractAction, readonly ContractState[]> = {
  send_for_signature: ['draft'],
  sign: ['awaiting_signatures', 'amendment_awaiting_signatures', 'termination_awaiting_signatures'],
  withdraw: ['awaiting_signatures', 'amendment_awaiting_signatures', 'termination_awaiting_signatures'],
  propose_amendment: ['active'],
  propose_termination: ['active'],
};

export type ContractRefusal =
  | { code: 'not_allowed_from_state'; action: ContractAction; state: ContractState }
  | { code: 'invalid_hash'; documentSha256: string }
  | { code: 'same_document' }
  | { code: 'document_mismatch'; expected: string; got: string }
  | { code: 'already_signed'; party: Party };

export type ContractResult =
  | { ok: true; contract: Contract; completed: Change | null }
  | { ok: false; refusal: ContractRefusal };

export const newContract = (kind: ContractKind): Contract => ({
  kind,
  state: 'draft',
  documentSha256: null,
  version: 0,
  pending: null,
  concludedAt: null,
  terminatedAt: null,
});

const SHA256_HEX = /^[0-9a-f]{64}$/;
const normalize = (sha: string) => sha.trim().toLowerCase();

/** Both parties have verified signatures over exactly this document. */
export function isFullySigned(pending: PendingDocument): boolean {
  const sha = normalize(pending.documentSha256);
  return PARTIES.every((party) =>
    pending.signatures.some(
      (s) => s.party === party && s.status === 'verified' && normalize(s.documentSha256) === sha,
    ),
  );
}

const AWAITING: Record<Change, ContractState> = {
  conclusion: 'awaiting_signatures',
  amendment: 'amendment_awaiting_signatures',
  termination: 'termination_awaiting_signatures',
};

function putUp(contract: Contract, change: Change, documentSha256: string): ContractResult {
  const sha = normalize(documentSha256);
  if (!SHA256_HEX.test(sha)) return { ok: false, refusal: { code: 'invalid_hash', documentSha256 } };
  if (change === 'amendment' && sha === contract.documentSha256) {
    return { ok: false, refusal: { code: 'same_document' } };
  }
  return {
    ok: true,
    contract: {
      ...contract,
      state: AWAITING[change],
      pending: { change, documentSha256: sha, signatures: [] },
    },
    completed: null,
  };
}

function complete(contract: Contract, pending: PendingDocument): Contract {
  const at = Math.max(...pending.signatures.filter((s) => s.status === 'verified').map((s) => s.signedAt));
  const base = { ...contract, pending: null };
  switch (pending.change) {
    case 'conclusion':
      return {
        ...base,
        state: 'active',
        documentSha256: pending.documentSha256,
        version: 1,
        concludedAt: at,
      };
    case 'amendment':
      return {
        ...base,
        state: 'active',
        documentSha256: pending.documentSha256,
        version: contract.version + 1,
      };
    case 'termination':
      return { ...base, state: 'terminated', terminatedAt: at };
  }
}

function sign(contract: Contract, pending: PendingDocument, signature: Signature): ContractResult {
  const got = normalize(signature.documentSha256);
  if (got !== pending.documentSha256) {
    return { ok: false, refusal: { code: 'document_mismatch', expected: pending.documentSha256, got } };
  }
  const previous = pending.signatures.find((s) => s.party === signature.party);
  if (previous?.status === 'verified') {
    return { ok: false, refusal: { code: 'already_signed', party: signature.party } };
  }
  // An unverified signature gives way to a later one from the same party, e.g. once verified.
  const next: PendingDocument = {
    ...pending,
    signatures: [
      ...pending.signatures.filter((s) => s.party !== signature.party),
      { ...signature, documentSha256: got },
    ],
  };
  if (!isFullySigned(next)) return { ok: true, contract: { ...contract, pending: next }, completed: null };
  return { ok: true, contract: complete(contract, next), completed: next.change };
}

export function applyContractCommand(contract: Contract, command: ContractCommand): ContractResult {
  if (
    !CONTRACT_TRANSITIONS[command.type].includes(contract.state) ||
    ((command.type === 'sign' || command.type === 'withdraw') && !contract.pending)
  ) {
    return {
      ok: false,
      refusal: { code: 'not_allowed_from_state', action: command.type, state: contract.state },
    };
  }
  switch (command.type) {
    case 'send_for_signature':
      return putUp(contract, 'conclusion', command.documentSha256);
    case 'propose_amendment':
      return putUp(contract, 'amendment', command.documentSha256);
    case 'propose_termination':
      return putUp(contract, 'termination', command.documentSha256);
    case 'sign':
      return sign(contract, contract.pending!, command.signature);
    case 'withdraw':
      return {
        ok: true,
        contract: {
          ...contract,
          state: contract.pending!.change === 'conclusion' ? 'draft' : 'active',
          pending: null,
        },
        completed: null,
      };
  }
}

/** Active means concluded and not terminated; a pending amendment or termination does not suspend it. */
export const isInForce = (c: Contract): boolean =>
  c.state === 'active' ||
  c.state === 'amendment_awaiting_signatures' ||
  c.state === 'termination_awaiting_signatures';
