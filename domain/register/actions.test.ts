import { describe, expect, it } from 'vitest';
import { commandOf } from './actions.ts';
import type { RequirementVerdict } from './requirements.ts';

const verdicts: RequirementVerdict[] = [{ requirement: 'identity', ok: true, reason: null, field: null }];

describe('commandOf', () => {
  it('judges register and re-check on the verdicts, reject and remove on their reason', () => {
    expect(commandOf({ type: 'register' }, verdicts)).toEqual({ type: 'register', verdicts });
    expect(commandOf({ type: 'recheck' }, verdicts)).toEqual({ type: 'recheck', verdicts });
    expect(commandOf({ type: 'reject', reason: 'false_data' }, [])).toEqual({
      type: 'reject',
      reason: 'false_data',
    });
    expect(commandOf({ type: 'remove', reason: 'liquidated' }, [])).toEqual({
      type: 'remove',
      reason: 'liquidated',
    });
  });

  it('leaves the evidence of corrections and resubmissions out of the command', () => {
    const corrections = { fields: ['ownFundsUzs'], note: 'bank statement' };
    expect(commandOf({ type: 'request_corrections', corrections }, verdicts)).toEqual({
      type: 'request_corrections',
    });
    expect(commandOf({ type: 'resubmit', patch: { ownFundsUzs: 1 } }, verdicts)).toEqual({
      type: 'resubmit',
    });
  });
});
