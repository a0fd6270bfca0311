import { describe, expect, it } from 'vitest';
import {
  applyContractCommand,
  CONTRACT_STATES,
  CONTRACT_TRANSITIONS,
  type Contract,
  type ContractAction,
  type ContractCommand,
  isFullySigned,
  isInForce,
  newContract,
  type Party,
  type Signature,
  type SignatureStatus,
} from './lifecycle.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const T0 = Date.UTC(2026, 10, 24, 5, 0, 0);

const sig = (
  party: Party,
  documentSha256: string,
  status: SignatureStatus = 'verified',
  signedAt = T0,
): Signature => ({
  party,
  signerId: party === 'owners' ? '12345678901234' : '301234567',
  documentSha256,
  status,
  signedAt,
});
const run = (c: Contract, cmd: ContractCommand) => {
  const r = applyContractCommand(c, cmd);
  if (!r.ok) throw new Error(JSON.stringify(r.refusal));
  return r;
};
const refusal = (c: Contract, cmd: ContractCommand) => {
  const r = applyContractCommand(c, cmd);
  if (r.ok) throw new Error(`expected a refusal, got ${r.contract.state}`);
  return r.refusal;
};
const sign = (c: Contract, s: Signature) => run(c, { type: 'sign', signature: s });

const awaiting = () =>
  run(newContract('management'), { type: 'send_for_signature', documentSha256: A }).contract;
const active = () =>
  sign(sign(awaiting(), sig('owners', A)).contract, sig('counterparty', A, 'verified', T0 + 5)).contract;

describe('conclusion', () => {
  it('draft → awaiting_signatures with the document hash, normalized to lower case', () => {
    const c = run(newContract('common_property_lease'), {
      type: 'send_for_signature',
      documentSha256: ` ${A.toUpperCase()} `,
    });
    expect(c.contract).toMatchObject({
      state: 'awaiting_signatures',
      pending: { change: 'conclusion', documentSha256: A, signatures: [] },
    });
    expect(c.completed).toBeNull();
  });

  it('refuses a value that is not a SHA-256 hex digest', () => {
    expect(refusal(newContract('management'), { type: 'send_for_signature', documentSha256: 'abc' })).toEqual(
      {
        code: 'invalid_hash',
        documentSha256: 'abc',
      },
    );
  });

  it('becomes active only when both parties have verified signatures over the same document', () => {
    const one = sign(awaiting(), sig('owners', A));
    expect(one.contract.state).toBe('awaiting_signatures');
    expect(one.completed).toBeNull();
    const both = sign(one.contract, sig('counterparty', A, 'verified', T0 + 5));
    expect(both.completed).toBe('conclusion');
    expect(both.contract).toMatchObject({
      state: 'active',
      documentSha256: A,
      version: 1,
      concludedAt: T0 + 5,
      pending: null,
    });
    expect(isInForce(both.contract)).toBe(true);
  });

  it('an unverified signature never activates, and gives way to a verified one', () => {
    const c1 = sign(awaiting(), sig('owners', A, 'unverified')).contract;
    const c2 = sign(c1, sig('counterparty', A, 'unverified')).contract;
    expect(c2.state).toBe('awaiting_signatures');
    expect(isInForce(c2)).toBe(false);
    const c3 = sign(c2, sig('owners', A, 'verified', T0 + 1)).contract;
    expect(c3.state).toBe('awaiting_signatures');
    expect(c3.pending!.signatures).toHaveLength(2);
    const c4 = sign(c3, sig('counterparty', A, 'verified', T0 + 2));
    expect(c4.contract).toMatchObject({ state: 'active', concludedAt: T0 + 2 });
  });

  it('refuses a signature over another document', () => {
    expect(refusal(awaiting(), { type: 'sign', signature: sig('owners', B) })).toEqual({
      code: 'document_mismatch',
      expected: A,
      got: B,
    });
  });

  it('refuses a second signature from a party already verified', () => {
    const c = sign(awaiting(), sig('owners', A)).contract;
    expect(refusal(c, { type: 'sign', signature: sig('owners', A) })).toEqual({
      code: 'already_signed',
      party: 'owners',
    });
  });

  it('withdrawing returns to draft and drops the signatures', () => {
    const c = run(sign(awaiting(), sig('owners', A)).contract, { type: 'withdraw' }).contract;
    expect(c).toMatchObject({ state: 'draft', pending: null, documentSha256: null });
  });
});

describe('amendment and termination', () => {
  it('an amendment takes effect on both verified signatures and bumps the version; the contract stays in force meanwhile', () => {
    const p = run(active(), { type: 'propose_amendment', documentSha256: B }).contract;
    expect(p).toMatchObject({
      state: 'amendment_awaiting_signatures',
      documentSha256: A,
      pending: { change: 'amendment' },
    });
    expect(isInForce(p)).toBe(true);
    const half = sign(p, sig('owners', B)).contract;
    expect(half.state).toBe('amendment_awaiting_signatures');
    const done = sign(half, sig('counterparty', B));
    expect(done.completed).toBe('amendment');
    expect(done.contract).toMatchObject({
      state: 'active',
      documentSha256: B,
      version: 2,
      concludedAt: T0 + 5,
    });
  });

  it('an amendment must change the document', () => {
    expect(refusal(active(), { type: 'propose_amendment', documentSha256: A })).toEqual({
      code: 'same_document',
    });
  });

  it('a withdrawn amendment leaves the contract as it was', () => {
    const before = active();
    const p = run(before, { type: 'propose_amendment', documentSha256: B }).contract;
    expect(run(p, { type: 'withdraw' }).contract).toEqual(before);
  });

  it('termination ends the contract on both verified signatures over the termination document', () => {
    const p = run(active(), { type: 'propose_termination', documentSha256: C }).contract;
    expect(p.state).toBe('termination_awaiting_signatures');
    expect(refusal(p, { type: 'sign', signature: sig('owners', A) }).code).toBe('document_mismatch');
    const unverified = sign(
      sign(p, sig('owners', C)).contract,
      sig('counterparty', C, 'unverified'),
    ).contract;
    expect(unverified.state).toBe('termination_awaiting_signatures');
    const done = sign(unverified, sig('counterparty', C, 'verified', T0 + 9));
    expect(done.completed).toBe('termination');
    expect(done.contract).toMatchObject({
      state: 'terminated',
      terminatedAt: T0 + 9,
      documentSha256: A,
      pending: null,
    });
    expect(isInForce(done.contract)).toBe(false);
  });

  it('a withdrawn termination keeps the contract active', () => {
    const p = run(active(), { type: 'propose_termination', documentSha256: C }).contract;
    expect(run(p, { type: 'withdraw' }).contract.state).toBe('active');
  });
});

describe('refusals by state', () => {
  const COMMANDS: Record<ContractAction, ContractCommand> = {
    send_for_signature: { type: 'send_for_signature', documentSha256: A },
    sign: { type: 'sign', signature: sig('owners', A) },
    withdraw: { type: 'withdraw' },
    propose_amendment: { type: 'propose_amendment', documentSha256: B },
    propose_termination: { type: 'propose_termination', documentSha256: C },
  };
  const inState = (state: Contract['state']): Contract => ({ ...newContract('management'), state });

  it('refuses every action from every state the table does not allow; terminated is final', () => {
    for (const state of CONTRACT_STATES) {
      for (const action of Object.keys(COMMANDS) as ContractAction[]) {
        if (CONTRACT_TRANSITIONS[action].includes(state)) continue;
        expect(refusal(inState(state), COMMANDS[action])).toEqual({
          code: 'not_allowed_from_state',
          action,
          state,
        });
      }
    }
  });

  it('refuses signing or withdrawing when no document is pending, whatever the state says', () => {
    const broken = inState('awaiting_signatures');
    expect(refusal(broken, COMMANDS.sign).code).toBe('not_allowed_from_state');
    expect(refusal(broken, COMMANDS.withdraw).code).toBe('not_allowed_from_state');
  });

  it('isFullySigned rechecks stored signatures against the pending document', () => {
    expect(
      isFullySigned({
        change: 'conclusion',
        documentSha256: A,
        signatures: [sig('owners', A), sig('counterparty', B)],
      }),
    ).toBe(false);
    expect(
      isFullySigned({
        change: 'conclusion',
        documentSha256: A,
        signatures: [sig('owners', A), sig('counterparty', A.toUpperCase())],
      }),
    ).toBe(true);
    expect(
      isFullySigned({
        change: 'conclusion',
        documentSha256: A,
        signatures: [sig('owners', A), sig('owners', A)],
      }),
    ).toBe(false);
  });
});
