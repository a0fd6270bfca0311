import { describe, expect, it } from 'vitest';
import { administrationTerms, type TermChange } from './administration.ts';
import { gateMonth } from './gate.ts';

describe('gateMonth', () => {
  it('opens a registered month nobody suspended', () => {
    expect(gateMonth({ period: '2027-03', registeredOn: '2027-03-31', suspensions: [] })).toEqual({
      open: true,
    });
  });
  it('closes a month before registration, or without it', () => {
    expect(gateMonth({ period: '2027-03', registeredOn: '2027-04-01', suspensions: [] })).toMatchObject({
      open: false,
      code: 'not_registered',
    });
    expect(gateMonth({ period: '2027-03', registeredOn: null, suspensions: [] })).toMatchObject({
      open: false,
    });
  });
  it('closes a suspended month with every rule’s reason, in a stable order', () => {
    const gate = gateMonth({
      period: '2027-03',
      registeredOn: '2026-01-01',
      suspensions: [
        { rule: 'z_rule', reason: 'b' },
        { rule: 'quarterly_report', reason: 'no report for 2026 Q4' },
      ],
    });
    expect(gate).toEqual({
      open: false,
      code: 'suspended',
      reason: 'quarterly_report: no report for 2026 Q4; z_rule: b',
    });
  });
});

const conclusion = (
  contractId: string,
  org: string,
  from: string,
  to: string,
  tariff: number,
): TermChange => ({
  contractId,
  organizationId: org,
  change: 'conclusion',
  effectiveFrom: from,
  endsBefore: to,
  tiyinPerM2: tariff,
  contractVersion: 1,
});

describe('administrationTerms', () => {
  it('splits a contract at an amendment and ends it at a termination', () => {
    expect(
      administrationTerms([
        conclusion('c1', 'o1', '2027-01-01', '2028-01-01', 150_000),
        {
          ...conclusion('c1', 'o1', '2027-03-16', '2028-01-01', 170_000),
          change: 'amendment',
          contractVersion: 2,
        },
        {
          ...conclusion('c1', 'o1', '2027-06-01', '2028-01-01', 0),
          change: 'termination',
          endsBefore: null,
          tiyinPerM2: null,
        },
      ]),
    ).toEqual([
      { from: '2027-01-01', to: '2027-03-16', tiyinPerM2: 150_000, organizationId: 'o1' },
      { from: '2027-03-16', to: '2027-06-01', tiyinPerM2: 170_000, organizationId: 'o1' },
    ]);
  });
  it('lets a later contract take over on its start, however long the earlier one had to run', () => {
    expect(
      administrationTerms([
        conclusion('c2', 'o2', '2027-03-10', '2028-03-10', 160_000),
        conclusion('c1', 'o1', '2027-01-01', '2028-01-01', 150_000),
      ]),
    ).toEqual([
      { from: '2027-01-01', to: '2027-03-10', tiyinPerM2: 150_000, organizationId: 'o1' },
      { from: '2027-03-10', to: '2028-03-10', tiyinPerM2: 160_000, organizationId: 'o2' },
    ]);
  });
  it('decides contracts starting the same day by contract id, and ignores a contract never concluded', () => {
    const terms = administrationTerms([
      conclusion('b', 'o2', '2027-01-01', '2028-01-01', 160_000),
      conclusion('a', 'o1', '2027-01-01', '2028-01-01', 150_000),
      { ...conclusion('x', 'o3', '2027-02-01', '2028-01-01', 1), change: 'amendment' },
    ]);
    expect(terms).toEqual([
      { from: '2027-01-01', to: '2028-01-01', tiyinPerM2: 160_000, organizationId: 'o2' },
    ]);
  });
});
