import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../access/roles.ts';
import {
  actingAs,
  applyCommissioningCommand,
  applyForCommissioning,
  type CommissioningActor,
  type CommissioningApplication,
  type CommissioningCommand,
  type CommissioningResult,
} from './application.ts';
import type { CommissioningFacts } from './conditions.ts';
import {
  type CommissioningCondition,
  DEFAULT_COMMISSIONING_POLICY,
  resolveCommissioningPolicy,
} from './policy.ts';
import type { ConditionEvidence } from './types.ts';

const P = DEFAULT_COMMISSIONING_POLICY;
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 24, 9);
/** The default 60 days from NOW end with Monday 25 Jan 2027 in Tashkent. */
const DUE = Date.UTC(2027, 0, 25, 19);
const DEV = '200000001';
const MO = '300000002';

const user = (
  roles: Role[],
  extra: Partial<Principal> = {},
  actingForTin: string | null = null,
): CommissioningActor => ({
  kind: 'user',
  principal: {
    userId: 'u1',
    personId: null,
    roles,
    organizationId: null,
    districtId: null,
    name: 'x',
    ...extra,
  },
  actingForTin,
});
const developer = user([], { userId: 'dev-user' }, DEV);
const inspector = user(['inspector'], { userId: 'insp', districtId: 'd1' });
const otherInspector = user(['inspector'], { districtId: 'd2' });
const system: CommissioningActor = { kind: 'system' };

const evidence: ConditionEvidence = {
  documentId: 'doc-1',
  signedByTins: [DEV, MO],
  managementOrganizationTin: MO,
};
const record = (condition: CommissioningCondition): CommissioningCommand => ({
  type: 'record_condition',
  condition,
  evidence,
});

const applied = (): CommissioningApplication => {
  const r = applyForCommissioning(
    { id: 'a1', buildingId: 'b1', districtId: 'd1', developerTin: DEV },
    developer,
    NOW,
  );
  if (!r.ok) throw new Error('apply refused');
  return r.application;
};
const ok = (r: CommissioningResult): CommissioningApplication => {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.refusal)}`);
  return r.application;
};
const run = (
  app: CommissioningApplication,
  cmd: CommissioningCommand,
  actor: CommissioningActor,
  at = NOW,
  facts: CommissioningFacts = {},
) => applyCommissioningCommand(P, app, cmd, actor, facts, at);

/** An application whose check found everything but the solar-panel transfer. */
const waiting = (): CommissioningApplication => {
  let app = applied();
  app = ok(run(app, record('cadastral_passport_issued'), developer));
  app = ok(run(app, record('shown_in_registry'), system));
  app = ok(run(app, record('management_organization_engaged'), developer));
  return ok(run(app, { type: 'begin_check' }, inspector));
};

describe('apply', () => {
  it('opens an application for the developer', () => {
    expect(applied()).toMatchObject({
      state: 'applied',
      since: NOW,
      appliedAt: NOW,
      dueAt: null,
      conditions: {},
      rejection: null,
    });
  });
  it('refuses anyone not acting for the developer TIN, and a bad TIN', () => {
    const input = { id: 'a', buildingId: 'b', districtId: 'd1', developerTin: DEV };
    expect(applyForCommissioning(input, user([], {}, '999999999'), NOW)).toEqual({
      ok: false,
      refusal: { code: 'forbidden', action: 'apply' },
    });
    expect(applyForCommissioning(input, inspector, NOW).ok).toBe(false);
    expect(applyForCommissioning(input, system, NOW).ok).toBe(false);
    expect(applyForCommissioning({ ...input, developerTin: '12' }, user([], {}, '12'), NOW)).toMatchObject({
      refusal: { code: 'invalid_tin' },
    });
  });
});

describe('the check', () => {
  it('goes to waiting with a deadline when conditions are missing', () => {
    const app = waiting();
    expect(app).toMatchObject({ state: 'waiting', since: NOW, dueAt: DUE });
  });

  it('goes to checking when nothing is missing, and commissions', () => {
    let app = waiting();
    app = ok(run(app, record('solar_panels_transferred'), developer, NOW + DAY));
    expect(app).toMatchObject({ state: 'checking', since: NOW + DAY });
    expect(app.conditions.solar_panels_transferred).toEqual({
      evidence,
      recordedAt: NOW + DAY,
      recordedBy: 'dev-user',
    });
    expect(ok(run(app, { type: 'commission' }, inspector, NOW + 2 * DAY))).toMatchObject({
      state: 'commissioned',
      since: NOW + 2 * DAY,
    });
  });

  it('only an inspector of the district begins it', () => {
    expect(run(applied(), { type: 'begin_check' }, otherInspector)).toEqual({
      ok: false,
      refusal: { code: 'out_of_scope', action: 'begin_check' },
    });
    expect(run(applied(), { type: 'begin_check' }, developer)).toEqual({
      ok: false,
      refusal: { code: 'forbidden', action: 'begin_check' },
    });
    expect(run(applied(), { type: 'begin_check' }, user(['admin']))).toMatchObject({
      refusal: { code: 'forbidden' },
    });
  });

  it('keeps the first deadline when conditions go missing again', () => {
    let app = ok(
      run(waiting(), { type: 'recheck' }, system, NOW + DAY, {
        observed: { solar_panels_transferred: true },
      }),
    );
    expect(app.state).toBe('checking');
    app = ok(run(app, { type: 'recheck' }, inspector, NOW + 2 * DAY));
    expect(app).toMatchObject({ state: 'waiting', dueAt: DUE, since: NOW + 2 * DAY });
  });

  it('a record before the check stays applied', () => {
    expect(ok(run(applied(), record('cadastral_passport_issued'), developer)).state).toBe('applied');
  });
});

describe('recording conditions', () => {
  it('follows the policy on who may record what', () => {
    expect(run(waiting(), record('shown_in_registry'), developer)).toEqual({
      ok: false,
      refusal: { code: 'forbidden', action: 'record_condition' },
    });
    expect(run(waiting(), record('solar_panels_transferred'), system)).toMatchObject({
      refusal: { code: 'forbidden' },
    });
    expect(
      ok(run(waiting(), record('solar_panels_transferred'), inspector)).conditions.solar_panels_transferred
        ?.recordedBy,
    ).toBe('insp');
    const p = resolveCommissioningPolicy({ recorders: { shown_in_registry: ['developer'] } });
    expect(applyCommissioningCommand(p, waiting(), record('shown_in_registry'), developer, {}, NOW).ok).toBe(
      true,
    );
  });

  it('refuses bad evidence and unknown conditions', () => {
    const bad = run(
      waiting(),
      {
        type: 'record_condition',
        condition: 'solar_panels_transferred',
        evidence: { ...evidence, signedByTins: [DEV] },
      },
      developer,
    );
    expect(bad).toMatchObject({
      ok: false,
      refusal: { code: 'invalid_evidence', problems: [{ field: 'signedByTins' }] },
    });
    const unknown = run(
      waiting(),
      { type: 'record_condition', condition: 'fire_safety' as never, evidence },
      developer,
    );
    expect(unknown).toEqual({ ok: false, refusal: { code: 'unknown_condition', condition: 'fire_safety' } });
  });

  it('refuses a record once the deadline has passed', () => {
    expect(run(waiting(), record('solar_panels_transferred'), developer, DUE - 1).ok).toBe(true);
    expect(run(waiting(), record('solar_panels_transferred'), developer, DUE)).toEqual({
      ok: false,
      refusal: { code: 'deadline_passed', dueAt: DUE },
    });
  });
});

describe('commission, reject, expire', () => {
  it('refuses to commission with conditions missing, naming them', () => {
    expect(run(waiting(), { type: 'commission' }, inspector)).toEqual({
      ok: false,
      refusal: { code: 'conditions_missing', missing: ['solar_panels_transferred'] },
    });
    expect(run(applied(), { type: 'commission' }, inspector)).toMatchObject({
      refusal: { code: 'not_allowed_from_state', state: 'applied' },
    });
  });

  it('commissions from waiting when an observation now meets everything', () => {
    const facts = { observed: { solar_panels_transferred: true } };
    expect(ok(run(waiting(), { type: 'commission' }, inspector, NOW, facts)).state).toBe('commissioned');
  });

  it('refuses to commission when the organization has left the register', () => {
    const app = ok(run(waiting(), record('solar_panels_transferred'), developer));
    const r = run(app, { type: 'commission' }, inspector, NOW, { managementOrganizationStatus: 'removed' });
    expect(r).toEqual({
      ok: false,
      refusal: { code: 'conditions_missing', missing: ['management_organization_engaged'] },
    });
  });

  it('an inspector rejects with reasons, from any open state', () => {
    expect(run(waiting(), { type: 'reject', reasons: [' ', ''] }, inspector)).toEqual({
      ok: false,
      refusal: { code: 'reasons_required' },
    });
    const r = ok(run(waiting(), { type: 'reject', reasons: [' panels not installed '] }, inspector));
    expect(r).toMatchObject({
      state: 'rejected',
      rejection: {
        by: 'inspector',
        reasons: ['panels not installed'],
        missing: ['solar_panels_transferred'],
      },
    });
    expect(run(applied(), { type: 'reject', reasons: ['x'] }, inspector).ok).toBe(true);
    expect(run(waiting(), { type: 'reject', reasons: ['x'] }, developer)).toMatchObject({
      refusal: { code: 'forbidden' },
    });
    expect(run(r, { type: 'reject', reasons: ['x'] }, inspector)).toMatchObject({
      refusal: { code: 'not_allowed_from_state' },
    });
  });

  it('the system expires a waiting application at the deadline, not before', () => {
    expect(run(waiting(), { type: 'expire' }, system, DUE - 1)).toEqual({
      ok: false,
      refusal: { code: 'deadline_not_reached', dueAt: DUE },
    });
    const r = ok(run(waiting(), { type: 'expire' }, system, DUE));
    expect(r).toMatchObject({
      state: 'rejected',
      since: DUE,
      rejection: { by: 'system', reasons: ['deadline_passed'], missing: ['solar_panels_transferred'] },
    });
    expect(run(waiting(), { type: 'expire' }, inspector, DUE)).toMatchObject({
      refusal: { code: 'forbidden' },
    });
  });

  it('does not expire what an observation has met by the deadline', () => {
    const facts = { observed: { solar_panels_transferred: true } };
    expect(run(waiting(), { type: 'expire' }, system, DUE, facts)).toEqual({
      ok: false,
      refusal: { code: 'conditions_met' },
    });
  });

  it('ends there: nothing moves a commissioned application', () => {
    const done = ok(
      run(waiting(), { type: 'commission' }, inspector, NOW, {
        observed: { solar_panels_transferred: true },
      }),
    );
    for (const cmd of [
      { type: 'recheck' },
      { type: 'expire' },
      record('shown_in_registry'),
    ] as CommissioningCommand[]) {
      expect(run(done, cmd, system)).toMatchObject({
        refusal: { code: 'not_allowed_from_state', state: 'commissioned' },
      });
    }
  });

  it('tells a caller without responsibility 403 before it tells anyone the state', () => {
    const done = ok(
      run(waiting(), { type: 'commission' }, inspector, NOW, {
        observed: { solar_panels_transferred: true },
      }),
    );
    // The developer does not record the registry condition; the other inspector is elsewhere.
    expect(run(done, record('shown_in_registry'), developer)).toMatchObject({
      refusal: { code: 'forbidden', action: 'record_condition' },
    });
    expect(run(done, { type: 'reject', reasons: ['x'] }, otherInspector)).toMatchObject({
      refusal: { code: 'out_of_scope' },
    });
    expect(run(done, { type: 'commission' }, developer)).toMatchObject({ refusal: { code: 'forbidden' } });
    expect(run(done, { type: 'commission' }, inspector)).toMatchObject({
      refusal: { code: 'not_allowed_from_state', state: 'commissioned' },
    });
  });
});

describe('actingAs', () => {
  it('tells the parties apart', () => {
    const app = applied();
    expect(actingAs(app, developer)).toEqual(['developer']);
    expect(actingAs(app, inspector)).toEqual(['inspector']);
    expect(actingAs(app, otherInspector)).toEqual([]);
    expect(actingAs(app, system)).toEqual(['system']);
  });
});
