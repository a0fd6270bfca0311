import { describe, expect, it } from 'vitest';
import {
  COMMISSIONING_CONDITIONS,
  DEFAULT_COMMISSIONING_POLICY,
  resolveCommissioningPolicy,
} from './policy.ts';

describe('commissioning policy', () => {
  it('requires all four conditions by default', () => {
    expect(DEFAULT_COMMISSIONING_POLICY.required).toEqual([...COMMISSIONING_CONDITIONS]);
    expect(DEFAULT_COMMISSIONING_POLICY.deadlineDays).toBe(60);
  });

  it('never lets the developer vouch for what Turar-Joy shows', () => {
    expect(DEFAULT_COMMISSIONING_POLICY.recorders.shown_in_registry).not.toContain('developer');
  });

  it('layers overrides and merges the per-condition maps', () => {
    const p = resolveCommissioningPolicy(
      { deadlineDays: 30, recorders: { shown_in_registry: ['system'] } },
      undefined,
      { daysOff: { dates: ['2027-01-25'] } },
    );
    expect(p.deadlineDays).toBe(30);
    expect(p.recorders.shown_in_registry).toEqual(['system']);
    expect(p.recorders.solar_panels_transferred).toEqual(['developer', 'inspector']);
    expect(p.daysOff.weekdays).toEqual([0, 6]);
    expect(p.daysOff.dates).toEqual(['2027-01-25']);
    expect(DEFAULT_COMMISSIONING_POLICY.recorders.shown_in_registry).toEqual(['inspector', 'system']);
  });
});
