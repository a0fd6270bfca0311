import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTER_POLICY, resolveRegisterPolicy } from './policy.ts';
import {
  assessApplication,
  dispatchRecordVerdict,
  meetsAll,
  type RegisterApplication,
  type Requirement,
  reportingVerdict,
} from './requirements.ts';

const P = DEFAULT_REGISTER_POLICY;
const GOOD: RegisterApplication = {
  tin: '301234567',
  name: 'Obod Uy MChJ',
  ownFundsUzs: 50_000_000,
  technicalBase: [
    { category: 'premises', description: 'Office, Chilonzor 5', quantity: 1 },
    { category: 'repair_tools', description: 'Plumbing kit', quantity: 4 },
    { category: 'emergency_equipment', description: 'Pump', quantity: 2 },
    { category: 'communication', description: 'Radio sets', quantity: 6 },
  ],
  dispatch: { hoursPerDay: 24, daysPerWeek: 7, phone: '+998 71 200-00-00' },
};
const verdict = (a: RegisterApplication, r: Requirement, policy = P) =>
  assessApplication(policy, a).find((v) => v.requirement === r)!;

describe('assessApplication', () => {
  it('passes a complete application with one verdict per requirement', () => {
    const vs = assessApplication(P, GOOD);
    expect(vs.map((v) => v.requirement)).toEqual([
      'identity',
      'own_funds',
      'technical_base',
      'dispatch_service',
    ]);
    expect(vs.every((v) => v.ok && v.reason === null && v.field === null)).toBe(true);
    expect(meetsAll(vs)).toBe(true);
  });

  it('identity: TIN is exactly 9 digits, name is not blank', () => {
    expect(verdict({ ...GOOD, tin: '30123456' }, 'identity')).toMatchObject({ ok: false, field: 'tin' });
    expect(verdict({ ...GOOD, tin: '3012345678' }, 'identity').field).toBe('tin');
    expect(verdict({ ...GOOD, tin: '30123456a' }, 'identity').field).toBe('tin');
    expect(verdict({ ...GOOD, name: '  ' }, 'identity')).toMatchObject({ ok: false, field: 'name' });
  });

  it('own funds: at the threshold passes, one below fails', () => {
    const policy = resolveRegisterPolicy({ minOwnFundsUzs: 1_000_000 });
    expect(verdict({ ...GOOD, ownFundsUzs: 1_000_000 }, 'own_funds', policy).ok).toBe(true);
    expect(verdict({ ...GOOD, ownFundsUzs: 999_999 }, 'own_funds', policy)).toMatchObject({
      ok: false,
      field: 'ownFundsUzs',
    });
  });

  it('own funds: with the default threshold zero passes, negative or not a number fails', () => {
    expect(verdict({ ...GOOD, ownFundsUzs: 0 }, 'own_funds').ok).toBe(true);
    expect(verdict({ ...GOOD, ownFundsUzs: -1 }, 'own_funds').ok).toBe(false);
    expect(verdict({ ...GOOD, ownFundsUzs: Number.NaN }, 'own_funds').ok).toBe(false);
  });

  it('technical base: names every missing category', () => {
    const v = verdict({ ...GOOD, technicalBase: GOOD.technicalBase.slice(0, 2) }, 'technical_base');
    expect(v).toMatchObject({ ok: false, field: 'technicalBase' });
    expect(v.reason).toContain('emergency_equipment, communication');
  });

  it('technical base: each item needs a quantity of at least 1 and a description', () => {
    const items = GOOD.technicalBase.map((i) => ({ ...i }));
    items[2]!.quantity = 0;
    expect(verdict({ ...GOOD, technicalBase: items }, 'technical_base').field).toBe(
      'technicalBase[2].quantity',
    );
    items[2]!.quantity = 1.5;
    expect(verdict({ ...GOOD, technicalBase: items }, 'technical_base').field).toBe(
      'technicalBase[2].quantity',
    );
    items[2]!.quantity = 1;
    expect(verdict({ ...GOOD, technicalBase: items }, 'technical_base').ok).toBe(true);
    items[1]!.description = '';
    expect(verdict({ ...GOOD, technicalBase: items }, 'technical_base').field).toBe(
      'technicalBase[1].description',
    );
  });

  it('technical base: a region may require nothing', () => {
    const policy = resolveRegisterPolicy({ requiredTechnicalBase: [] });
    expect(verdict({ ...GOOD, technicalBase: [] }, 'technical_base', policy).ok).toBe(true);
  });

  it('dispatch: 24 hours and 7 days are required, 23 or 6 fail on their own field', () => {
    const d = GOOD.dispatch;
    expect(verdict({ ...GOOD, dispatch: { ...d, hoursPerDay: 23 } }, 'dispatch_service').field).toBe(
      'dispatch.hoursPerDay',
    );
    expect(verdict({ ...GOOD, dispatch: { ...d, daysPerWeek: 6 } }, 'dispatch_service').field).toBe(
      'dispatch.daysPerWeek',
    );
  });

  it('dispatch: the phone must be a reachable Uzbek number', () => {
    const d = GOOD.dispatch;
    const at = (phone: string | null) => verdict({ ...GOOD, dispatch: { ...d, phone } }, 'dispatch_service');
    expect(at('+998712000000').ok).toBe(true);
    expect(at('+99871200000')).toMatchObject({ ok: false, field: 'dispatch.phone' });
    expect(at('712000000').ok).toBe(false);
    expect(at(null).ok).toBe(false);
  });

  it('reports every failing requirement at once', () => {
    const vs = assessApplication(P, {
      ...GOOD,
      tin: 'x',
      ownFundsUzs: -5,
      dispatch: { ...GOOD.dispatch, phone: '' },
    });
    expect(vs.filter((v) => !v.ok).map((v) => v.requirement)).toEqual([
      'identity',
      'own_funds',
      'dispatch_service',
    ]);
    expect(meetsAll(vs)).toBe(false);
  });
});

describe('reportingVerdict', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const now = Date.parse('2027-06-01T00:00:00Z');
  const late = (days: number, quarter: string) => ({
    buildingId: 'b1',
    quarter,
    deadlineAt: now - days * DAY,
  });
  it('finds against two late reports within the window, not one, nor one outside it', () => {
    expect(reportingVerdict(P, [late(10, '2027-Q1')], now).ok).toBe(true);
    expect(reportingVerdict(P, [late(10, '2027-Q1'), late(366, '2026-Q1')], now).ok).toBe(true);
    const v = reportingVerdict(P, [late(10, '2027-Q1'), late(364, '2026-Q2')], now);
    expect(v).toMatchObject({ ok: false, requirement: 'quarterly_reports', field: 'quarterlyReports' });
    expect(v.reason).toContain('2026-Q2 (building b1), 2027-Q1 (building b1)');
    expect(reportingVerdict({ ...P, lateReportsForFinding: 3 }, [late(10, 'a'), late(20, 'b')], now).ok).toBe(
      true,
    );
  });
});

describe('dispatchRecordVerdict', () => {
  const declared = { requirement: 'dispatch_service' as const, ok: true, reason: null, field: null };
  const record = (share: number, decided: number, inTime: number) => ({
    from: 0,
    to: 1,
    coverage: {
      share,
      worst: share < 1 ? { role: 'technician', category: 'elevator', uncoveredMs: 1 } : null,
    },
    legal: { decided, inTime },
  });
  it('judges the service by its roster and its legal times, not its declaration', () => {
    expect(dispatchRecordVerdict(P, declared, record(1, 100, 95))).toEqual(declared);
    expect(dispatchRecordVerdict(P, declared, record(0.9, 100, 95))).toMatchObject({
      ok: false,
      field: 'dispatch.coverage',
      reason: expect.stringContaining('technician for elevator'),
    });
    expect(dispatchRecordVerdict(P, declared, record(1, 100, 80))).toMatchObject({
      ok: false,
      field: 'dispatch.legalTimes',
      reason: expect.stringContaining('80 of 100'),
    });
    // Too few decided to judge by; and no record at all leaves the declaration standing.
    expect(dispatchRecordVerdict(P, declared, record(1, 19, 0)).ok).toBe(true);
    expect(
      dispatchRecordVerdict(P, declared, {
        from: null,
        to: 1,
        coverage: null,
        legal: { decided: 0, inTime: 0 },
      }),
    ).toEqual(declared);
    // A declaration that already fails keeps its own reason.
    const bad = { ...declared, ok: false, reason: 'hours', field: 'dispatch.hoursPerDay' };
    expect(dispatchRecordVerdict(P, bad, record(0, 0, 0))).toEqual(bad);
  });
});
