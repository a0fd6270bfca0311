import { describe, expect, it } from 'vitest';
import { clocksFor } from './deadlines.ts';
import { figuresExportRows } from './export.ts';
import { legalTimes, median, noFigures, responseFigures } from './figures.ts';
import { DEFAULT_DISPATCH_POLICY as P } from './policy.ts';

const T0 = Date.UTC(2027, 0, 15);
const MIN = 60_000;
const met = (
  category: 'water_leak' | 'yard',
  urgency: 'emergency' | 'routine',
  containAfter: number | null,
  doneAfter: number | null,
) =>
  clocksFor(P, category, urgency, T0).map((c) => ({
    ...c,
    metAt:
      c.kind === 'contain'
        ? containAfter === null
          ? null
          : T0 + containAfter * MIN
        : doneAfter === null
          ? null
          : T0 + doneAfter * MIN,
  }));

describe('response-time figures', () => {
  it('shares in time and medians per organization and quarter', () => {
    const rows = [
      {
        organizationId: 'o1',
        quarter: '2027-Q1',
        call: { receivedAt: T0, answeredAt: T0 + 2 * MIN },
        clocks: met('water_leak', 'emergency', 20, 300),
        rating: 5,
      },
      {
        organizationId: 'o1',
        quarter: '2027-Q1',
        call: { receivedAt: T0, answeredAt: T0 + 7 * MIN },
        clocks: met('water_leak', 'emergency', 40, 600),
        rating: 3,
      },
      {
        organizationId: 'o1',
        quarter: '2027-Q1',
        call: null,
        clocks: met('yard', 'routine', null, null),
        rating: null,
      },
      {
        organizationId: 'o2',
        quarter: '2027-Q1',
        call: null,
        clocks: met('water_leak', 'emergency', null, null),
        rating: null,
      },
    ];
    const [o1, o2] = responseFigures(P, rows, T0 + 2000 * MIN);
    expect(o1).toMatchObject({
      requests: 3,
      answer: { count: 2, inTime: 1, share: 0.5, medianMinutes: 4.5 },
      contain: { count: 2, inTime: 1, share: 0.5, medianMinutes: 30 },
      // The routine job is not due yet: counted, but not decided either way.
      done: { count: 3, inTime: 2, share: 1, medianMinutes: 450 },
      meanRating: 4,
    });
    // Nothing met and both clocks long past: a miss each.
    expect(o2).toMatchObject({ contain: { share: 0, medianMinutes: null }, done: { share: 0 } });
    expect(figuresExportRows([{ ...o1!, name: 'Toza Hovli' }], 'en')[1]).toEqual([
      'Toza Hovli',
      'o1',
      'Q1 2027',
      3,
      50,
      4.5,
      50,
      30,
      100,
      450,
      4,
    ]);
    expect(median([3, 1, 2])).toBe(2);
    // The answer and the containment are the legal times: 1 of 2 answers, 1 of 2 containments.
    expect(legalTimes(o1!)).toEqual({ decided: 4, inTime: 2, share: 0.5 });
    expect(legalTimes(noFigures('o3', '2027-Q1'))).toEqual({ decided: 0, inTime: 0, share: null });
  });

  it('measures a call by the answer times the request was registered under', () => {
    const row = {
      organizationId: 'o1',
      quarter: '2027-Q1',
      call: { receivedAt: T0, answeredAt: T0 + 7 * MIN },
      clocks: [],
      rating: null,
    };
    const [deployment] = responseFigures(P, [row], T0);
    const [registered] = responseFigures(
      P,
      [{ ...row, answer: { answerMinutes: 10, callBackMinutes: 15 } }],
      T0,
    );
    expect(deployment!.answer).toMatchObject({ decided: 1, inTime: 0 });
    expect(registered!.answer).toMatchObject({ decided: 1, inTime: 1 });
  });

  it('groups many rows of many organizations', () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => ({
      organizationId: `o${i % 300}`,
      quarter: '2027-Q1',
      call: { receivedAt: T0, answeredAt: T0 + (i % 10) * MIN },
      clocks: [],
      rating: (i % 5) + 1,
    }));
    const figures = responseFigures(P, rows, T0);
    expect(figures).toHaveLength(300);
    expect(figures.every((f) => f.requests === 100 && f.answer.count === 100)).toBe(true);
  });
});
