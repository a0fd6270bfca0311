import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTER_POLICY, resolveRegisterPolicy, TECHNICAL_BASE_CATEGORIES } from './policy.ts';

describe('register policy', () => {
  it('defaults publish no own-funds threshold and require round-the-clock dispatch', () => {
    expect(DEFAULT_REGISTER_POLICY.minOwnFundsUzs).toBe(0);
    expect(DEFAULT_REGISTER_POLICY.dispatchHoursPerDay).toBe(24);
    expect(DEFAULT_REGISTER_POLICY.dispatchDaysPerWeek).toBe(7);
  });

  it('requires only known inventory categories by default', () => {
    for (const c of DEFAULT_REGISTER_POLICY.requiredTechnicalBase) {
      expect(TECHNICAL_BASE_CATEGORIES).toContain(c);
    }
  });

  it('layers overrides in order and skips missing layers', () => {
    const p = resolveRegisterPolicy({ minOwnFundsUzs: 100 }, undefined, {
      minOwnFundsUzs: 200,
      correctionDays: 5,
    });
    expect(p.minOwnFundsUzs).toBe(200);
    expect(p.correctionDays).toBe(5);
    expect(p.recheckIntervalMonths).toBe(DEFAULT_REGISTER_POLICY.recheckIntervalMonths);
    expect(resolveRegisterPolicy()).toEqual(DEFAULT_REGISTER_POLICY);
  });
});
