// The trained model at intake, as the platform serves it: a resident's leak written in Uzbek
// Cyrillic is read as water flowing now, routed to the technician on duty and put on the
// 30-minute containment clock; a quiet question goes to nobody's clock but the routine one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISPATCH_POLICY } from '../../domain/dispatch/policy.ts';
import { loadTriageModel } from '../../platform/triage/model.ts';
import { ok } from '../register/api-fixtures.ts';
import { type DispatchEnv, newScene, onDuty, startDispatchEnv, submit } from './fixtures.ts';

let env: DispatchEnv;
beforeAll(async () => {
  env = await startDispatchEnv(undefined, { model: loadTriageModel() });
}, 120_000);
afterAll(() => env?.stop());

describe('dispatch intake with the trained model', () => {
  it('classifies an Uzbek Cyrillic leak as an emergency, routes it and starts its containment clock', async () => {
    const s = await newScene(env);
    await ok(await onDuty(env, s), 201);
    const before = Date.now();
    const r = await submit(
      env,
      s,
      'Ассалому алайкум, юқоридан сув оқиб тушяпти, ошхона шифти ҳўл бўлиб кетди, тезроқ келинглар',
    );
    expect(r).toMatchObject({
      category: 'water_leak',
      urgency: 'emergency',
      status: 'assigned',
      assigneeUserId: s.techId,
    });
    expect(r.triage?.modelVersion).toMatch(/triage/);
    const contain = r.clocks.find((c) => c.kind === 'contain');
    expect(contain).toBeDefined();
    const minutes = (contain!.dueAt - before) / 60_000;
    expect(minutes).toBeGreaterThan(DEFAULT_DISPATCH_POLICY.containEmergencyMinutes - 1);
    expect(minutes).toBeLessThanOrEqual(DEFAULT_DISPATCH_POLICY.containEmergencyMinutes + 1);
  });

  it('reads a question about fees as routine, with no emergency clock', async () => {
    const s = await newScene(env);
    await ok(await onDuty(env, s), 201);
    const r = await submit(
      env,
      s,
      'Здравствуйте, подскажите, пожалуйста, когда будет собрание жильцов по поводу тарифа?',
    );
    expect(r.urgency).toBe('routine');
    expect(r.clocks.map((c) => c.kind)).not.toContain('contain');
  });
});
