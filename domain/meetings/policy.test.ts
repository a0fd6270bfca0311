import { describe, expect, it } from 'vitest';
import { AGENDA_ITEM_KINDS, DEFAULT_MEETING_POLICY, resolvePolicy, ruleFor } from './policy.ts';

describe('DEFAULT_MEETING_POLICY', () => {
  it('encodes the defaults of docs/domain/meetings.md', () => {
    expect(DEFAULT_MEETING_POLICY).toMatchObject({
      noticeDays: 10,
      votingMinDays: 7,
      votingMaxDays: 60,
      weighting: 'area',
      quorumShare: { numerator: 1, denominator: 2 },
      extraordinaryInitiativeShare: { numerator: 1, denominator: 10 },
      noQuorum: 'repeat',
      protocolDays: 10,
      appealWindowMonths: 6,
    });
  });

  it('gives every agenda item kind its majority rule', () => {
    const rules = Object.fromEntries(AGENDA_ITEM_KINDS.map((k) => [k, ruleFor(DEFAULT_MEETING_POLICY, k)]));
    expect(rules).toEqual({
      ordinary: 'majority_of_cast',
      management_method: 'majority_of_all',
      management_organization: 'majority_of_all',
      capital_repair: 'two_thirds_of_all',
      reconstruction: 'two_thirds_of_all',
      common_property_use: 'two_thirds_of_all',
      land_plot_limits: 'two_thirds_of_all',
    });
  });
});

describe('resolvePolicy', () => {
  it('layers overrides in order, merging rules per kind, without touching the defaults', () => {
    const before = structuredClone(DEFAULT_MEETING_POLICY);
    const policy = resolvePolicy({ noticeDays: 14, rules: { ordinary: 'majority_of_all' } }, undefined, {
      noticeDays: 12,
      weighting: 'apartment',
      rules: { capital_repair: 'majority_of_all' },
    });
    expect(policy).toMatchObject({ noticeDays: 12, weighting: 'apartment', votingMinDays: 7 });
    expect(policy.rules).toMatchObject({
      ordinary: 'majority_of_all',
      capital_repair: 'majority_of_all',
      reconstruction: 'two_thirds_of_all',
    });
    expect(DEFAULT_MEETING_POLICY).toEqual(before);
    expect(resolvePolicy()).toEqual(DEFAULT_MEETING_POLICY);
  });
});
