import { describe, expect, it } from 'vitest';
import { BillingPolicyError, DEFAULT_BILLING_POLICY, mergeBillingPolicy } from './policy.ts';

const problems = (overrides: unknown) => {
  try {
    mergeBillingPolicy(overrides);
  } catch (e) {
    if (e instanceof BillingPolicyError) return e.problems;
    throw e;
  }
  return [];
};

describe('billing policy', () => {
  it('defaults follow the resolution of 5 Feb 2026', () => {
    const p = DEFAULT_BILLING_POLICY;
    expect([p.dueDay, p.debtorHandoverDay, p.electricityBlockFrom]).toEqual([15, 16, '2026-07-01']);
    expect(p.penalty).toEqual({
      dailyRatePpm: { individual: 1000, legal_entity: 4000 },
      capBp: 5000,
      systemShareBp: 5000,
    });
    expect(p.paymeTimeoutMs).toBe(43_200_000);
    expect(p.chargeRounding).toBe('tiyin');
  });

  it('merges nested groups key by key and replaces the tariff table', () => {
    const p = mergeBillingPolicy({
      penalty: { dailyRatePpm: { legal_entity: 3000 } },
      courtDebtAgeMonths: 6,
      minimumTariffs: [],
    });
    expect(p.penalty).toEqual({
      dailyRatePpm: { individual: 1000, legal_entity: 3000 },
      capBp: 5000,
      systemShareBp: 5000,
    });
    expect(p.courtDebtAgeMonths).toBe(6);
    expect(p.minimumTariffs).toEqual([]);
    expect(DEFAULT_BILLING_POLICY.penalty.dailyRatePpm.legal_entity).toBe(4000);
    expect(mergeBillingPolicy(undefined)).toBe(DEFAULT_BILLING_POLICY);
  });

  it('names every bad key at once', () => {
    expect(
      problems({
        dueDay: 31,
        chargeRounding: 'kopeck',
        penalty: { capBp: -1, dailyRatePpm: { individual: 0.5 } },
        payment: 5,
        electricityBlockFrom: '2026-02-30',
        minimumTariffs: [{ area: '*' }],
        surcharge: 1,
      }).map((p) => p.key),
    ).toEqual([
      'dueDay',
      'chargeRounding',
      'penalty.capBp',
      'penalty.dailyRatePpm.individual',
      'payment',
      'electricityBlockFrom',
      'minimumTariffs[0].floorsFrom',
      'minimumTariffs[0].floorsTo',
      'minimumTariffs[0].elevator',
      'minimumTariffs[0].tiyinPerM2',
      'minimumTariffs[0].validFrom',
      'minimumTariffs[0].validTo',
      'minimumTariffs[0].source',
      'surcharge',
    ]);
  });

  it('checks rules across keys', () => {
    expect(problems({ dueDay: 20 })).toEqual([
      { key: 'debtorHandoverDay', message: 'must come after dueDay (20)' },
    ]);
    expect(problems({ payment: { maxTiyin: 50 } })).toEqual([
      { key: 'payment.maxTiyin', message: 'must not be below payment.minTiyin' },
    ]);
    expect(problems('{"dueDay":10}')).toEqual([{ key: '(root)', message: 'must be a JSON object' }]);
    expect(() => mergeBillingPolicy({ dueDay: 0 })).toThrow(
      /BILLING_POLICY: dueDay must be an integer from 1 to 27/,
    );
  });

  it('the providers settling to a building account: lists of accounts and names, merged per provider', () => {
    const p = mergeBillingPolicy({ bankSettlement: { click: { accounts: ['20208000100000000002'] } } });
    expect(p.bankSettlement).toEqual({
      payme: { accounts: [], names: ['Payme', 'Inspired'] },
      click: { accounts: ['20208000100000000002'], names: ['Click'] },
    });
    expect(
      problems({ bankSettlement: { payme: { accounts: ['2020-8000'], names: 'Payme' }, uzum: {} } }),
    ).toEqual([
      {
        key: 'bankSettlement.payme.accounts',
        message: 'must be a list of at most 100 bank accounts (5–34 digits or capitals)',
      },
      {
        key: 'bankSettlement.payme.names',
        message: 'must be a list of at most 100 names (1–100 characters)',
      },
      { key: 'bankSettlement.uzum', message: 'is not a billing policy key' },
    ]);
  });
});
