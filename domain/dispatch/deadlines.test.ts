import { describe, expect, it } from 'vitest';
import { callAnswer, clocksFor, nextEscalation, reminderInstants } from './deadlines.ts';
import { DEFAULT_DISPATCH_POLICY as P } from './policy.ts';

const T0 = Date.UTC(2027, 0, 15, 0, 30);
const MIN = 60_000;

describe('dispatch clocks', () => {
  it('an emergency leak is contained within 30 minutes and finished within a day', () => {
    const clocks = clocksFor(P, 'water_leak', 'emergency', T0);
    expect(clocks.map((c) => [c.kind, (c.dueAt - T0) / MIN])).toEqual([
      ['contain', 30],
      ['done', 1440],
    ]);
  });

  it('a sewer blockage is cleared within 2 hours, with nothing to contain', () => {
    expect(clocksFor(P, 'sewerage', 'urgent', T0).map((c) => [c.kind, (c.dueAt - T0) / MIN])).toEqual([
      ['done', 120],
    ]);
    // Sewage in a flat: contained in 30 minutes, cleared in 2 hours.
    expect(clocksFor(P, 'sewerage', 'emergency', T0).map((c) => (c.dueAt - T0) / MIN)).toEqual([30, 120]);
  });

  it('urgent work takes a day, routine the policy days', () => {
    expect((clocksFor(P, 'no_water', 'urgent', T0)[0]!.dueAt - T0) / MIN).toBe(1440);
    expect((clocksFor(P, 'yard', 'routine', T0)[0]!.dueAt - T0) / MIN).toBe(7 * 1440);
    expect((clocksFor({ ...P, routineDays: 3 }, 'yard', 'routine', T0)[0]!.dueAt - T0) / MIN).toBe(3 * 1440);
  });

  it('reminds when a third and a tenth of a clock are left, never once it is met', () => {
    const [contain] = clocksFor(P, 'gas', 'emergency', T0);
    expect(reminderInstants(P, contain!).map((t) => (t - T0) / MIN)).toEqual([20, 27]);
    expect(reminderInstants(P, { ...contain!, metAt: T0 + MIN })).toEqual([]);
  });

  it('escalates to the chief engineer at the breach, then to the inspection', () => {
    const [c] = clocksFor(P, 'electricity', 'emergency', T0);
    expect(nextEscalation(P, c!)).toEqual({ level: 1, at: T0 + 30 * MIN });
    expect(nextEscalation(P, { ...c!, escalation: 1 })).toEqual({ level: 2, at: T0 + 90 * MIN });
    expect(nextEscalation(P, { ...c!, escalation: 2 })).toBeNull();
    expect(nextEscalation(P, { ...c!, metAt: T0 })).toBeNull();
  });

  it('measures a call against the 5-minute answer and the 10-minute call back', () => {
    expect(callAnswer(P, { receivedAt: T0, answeredAt: T0 + 5 * MIN })).toBe('in_time');
    expect(callAnswer(P, { receivedAt: T0, answeredAt: T0 + 5 * MIN + 1 })).toBe('called_back');
    expect(callAnswer(P, { receivedAt: T0, answeredAt: T0 + 10 * MIN + 1 })).toBe('late');
  });
});
