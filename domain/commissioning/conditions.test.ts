import { describe, expect, it } from 'vitest';
import type { CommissioningApplication } from './application.ts';
import { checkEvidence, evaluate } from './conditions.ts';
import { DEFAULT_COMMISSIONING_POLICY, resolveCommissioningPolicy } from './policy.ts';
import type { ConditionEvidence, RecordedCondition } from './types.ts';

const P = DEFAULT_COMMISSIONING_POLICY;
const DEV = '200000001';
const MO = '300000002';
const rec = (evidence: Partial<ConditionEvidence> = {}): RecordedCondition => ({
  evidence: { documentId: 'doc', signedByTins: [DEV, MO], managementOrganizationTin: MO, ...evidence },
  recordedAt: 1,
  recordedBy: 'u',
});
const all: CommissioningApplication['conditions'] = {
  cadastral_passport_issued: rec(),
  shown_in_registry: rec(),
  solar_panels_transferred: rec(),
  management_organization_engaged: rec(),
};

describe('evaluate', () => {
  it('can commission when every required condition is recorded', () => {
    expect(evaluate({ conditions: all })).toEqual({
      met: [
        'cadastral_passport_issued',
        'shown_in_registry',
        'solar_panels_transferred',
        'management_organization_engaged',
      ],
      missing: [],
      because: {},
      canCommission: true,
    });
  });

  it('lists what is not recorded', () => {
    const e = evaluate({ conditions: { cadastral_passport_issued: rec() } });
    expect(e.canCommission).toBe(false);
    expect(e.missing).toEqual([
      'shown_in_registry',
      'solar_panels_transferred',
      'management_organization_engaged',
    ]);
    expect(e.because.shown_in_registry).toBe('not_recorded');
  });

  it('lets an observation win over the record, both ways', () => {
    const seen = evaluate({ conditions: {} }, { observed: { shown_in_registry: true } });
    expect(seen.met).toEqual(['shown_in_registry']);
    const gone = evaluate({ conditions: all }, { observed: { shown_in_registry: false } });
    expect(gone).toMatchObject({
      missing: ['shown_in_registry'],
      because: { shown_in_registry: 'observed_not_met' },
    });
  });

  it('does not count an organization that is not in the register', () => {
    const e = evaluate({ conditions: all }, { managementOrganizationStatus: 'suspended' });
    expect(e.because).toEqual({ management_organization_engaged: 'organization_not_registered' });
    expect(evaluate({ conditions: all }, { managementOrganizationStatus: 'registered' }).canCommission).toBe(
      true,
    );
  });

  it('asks only what the policy requires', () => {
    const p = resolveCommissioningPolicy({ required: ['cadastral_passport_issued'] });
    expect(evaluate({ conditions: { cadastral_passport_issued: rec() } }, {}, p).canCommission).toBe(true);
  });
});

describe('checkEvidence', () => {
  const app = { developerTin: DEV, conditions: {} };
  const ev = (e: Partial<ConditionEvidence> = {}) => rec(e).evidence;

  it('needs a document', () => {
    expect(
      checkEvidence(P, app, 'cadastral_passport_issued', ev({ documentId: ' ' })).map((p) => p.field),
    ).toEqual(['documentId']);
    expect(
      checkEvidence(
        P,
        app,
        'cadastral_passport_issued',
        ev({ signedByTins: [], managementOrganizationTin: null }),
      ),
    ).toEqual([]);
  });

  it('needs the transfer act signed by the developer and the management organization', () => {
    expect(checkEvidence(P, app, 'solar_panels_transferred', ev())).toEqual([]);
    const problems = checkEvidence(P, app, 'solar_panels_transferred', ev({ signedByTins: [MO] }));
    expect(problems).toEqual([
      { field: 'signedByTins', message: `must carry the signature of the developer (${DEV})` },
    ]);
    expect(
      checkEvidence(P, app, 'solar_panels_transferred', ev({ signedByTins: [DEV] }))[0]!.message,
    ).toContain('management organization');
    expect(
      checkEvidence(P, app, 'management_organization_engaged', ev({ managementOrganizationTin: '12' })).map(
        (p) => p.field,
      ),
    ).toContain('managementOrganizationTin');
  });

  it('needs the panels to go to the organization engaged', () => {
    const engaged = { developerTin: DEV, conditions: { management_organization_engaged: rec() } };
    const other = '300000003';
    const problems = checkEvidence(
      P,
      engaged,
      'solar_panels_transferred',
      ev({ managementOrganizationTin: other, signedByTins: [DEV, other] }),
    );
    expect(problems).toEqual([
      { field: 'managementOrganizationTin', message: `must be the organization already recorded (${MO})` },
    ]);
  });
});
