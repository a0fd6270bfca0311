// The "no recalculation" rule as a property: over random sequences of reports (on time, late by
// any amount, never), deadline runs (on time or late), accrual runs (late, repeated) and horizon
// extensions, modelled with billing's own gate (gateMonth) and its rule that a decided month is
// never decided again, no month the stop covered when its accrual ran is ever charged, and every
// other month is.
import { describe, expect, it } from 'vitest';
import { addMonths, gateMonth, periodsBetween } from '../billing/public.ts';
import { TASHKENT_OFFSET_MS } from '../calendar/working-days.ts';
import { DEFAULT_REPORT_POLICY, type ReportPolicy, resolveReportPolicy } from './policy.ts';
import { deadlineAt, firstSuspendedMonth, monthsOf, nextQuarter } from './quarters.ts';
import { type Decided, liftSuspension, monthsToSuspend, suspensionRule } from './suspension.ts';

const DAY = 86_400_000;
const monthStart = (period: string) => Date.parse(`${period}-01T00:00:00Z`) - TASHKENT_OFFSET_MS;

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Event =
  | { at: number; kind: 'accrual'; period: string }
  | { at: number; kind: 'deadline'; quarter: string }
  | { at: number; kind: 'extend'; quarter: string }
  | { at: number; kind: 'entry'; quarter: string };

const ORDER = { entry: 0, deadline: 1, extend: 2, accrual: 3 } as const;

/** One random life of one building, 2027–2029; returns what was charged and why each month was decided. */
function simulate(seed: number, policy: ReportPolicy) {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const quarters: string[] = [];
  for (let q = '2027-Q1'; q <= '2029-Q4'; q = nextQuarter(q)) quarters.push(q);
  const months = periodsBetween('2027-01', '2030-06');
  const entered = new Map<string, number>();
  const queue: Event[] = [];
  for (const q of quarters) {
    const due = deadlineAt(q, policy);
    const pick = rnd();
    // On time, late by up to ~14 months, or never.
    if (pick < 0.4) entered.set(q, due - 1 - int(20 * DAY));
    else if (pick < 0.85) entered.set(q, due + int(420 * DAY));
    if (entered.has(q)) queue.push({ at: entered.get(q)!, kind: 'entry', quarter: q });
    // The deadline's run: on time, or late when the worker was down.
    queue.push({ at: due + (rnd() < 0.8 ? 0 : int(6 * DAY)), kind: 'deadline', quarter: q });
  }
  for (const m of months) {
    // The 1st at 00:05, sometimes days late; re-runs at any time later.
    queue.push({
      at: monthStart(m) + 5 * 60_000 + (rnd() < 0.85 ? 0 : int(5 * DAY)),
      kind: 'accrual',
      period: m,
    });
    for (let i = int(3); i > 0; i--)
      queue.push({ at: monthStart(m) + int(400 * DAY), kind: 'accrual', period: m });
  }

  const suspensions = new Map<string, Set<string>>(); // month → rules
  const recorded = new Map<string, string[]>(); // quarter → months recorded
  const handledAt = new Map<string, number>(); // quarter → when the stop was recorded
  const decided = new Map<string, 'open' | 'suspended'>();
  const decidedAt = new Map<string, number>();
  const charged = new Set<string>();
  const chargedTwice: string[] = [];
  const isEntered = (q: string, at: number) => (entered.get(q) ?? Infinity) <= at;
  const record = (q: string, list: string[]) => {
    for (const m of list) {
      if (!suspensions.has(m)) suspensions.set(m, new Set());
      suspensions.get(m)!.add(suspensionRule(q));
    }
    recorded.set(q, [...(recorded.get(q) ?? []), ...list]);
  };

  const end = monthStart(addMonths(months.at(-1)!, 1));
  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind]);
    const e = queue.shift()!;
    if (e.at >= end) break;
    if (e.kind === 'accrual') {
      if (decided.has(e.period)) continue; // billing: a decided month's gate stands
      const gate = gateMonth({
        period: e.period,
        registeredOn: '2026-01-01',
        suspensions: [...(suspensions.get(e.period) ?? [])].map((rule) => ({ rule, reason: 'x' })),
      });
      decided.set(e.period, gate.open ? 'open' : 'suspended');
      decidedAt.set(e.period, e.at);
      if (gate.open) {
        if (charged.has(e.period)) chargedTwice.push(e.period);
        charged.add(e.period);
      }
    } else if (e.kind === 'deadline' || e.kind === 'extend') {
      if (isEntered(e.quarter, e.at)) continue;
      const last = recorded.get(e.quarter)?.at(-1) ?? null;
      const list = monthsToSuspend(e.quarter, policy, last);
      record(e.quarter, list);
      if (e.kind === 'deadline') handledAt.set(e.quarter, e.at);
      // The workflow wakes again a day before the last recorded month begins.
      queue.push({ at: monthStart(list.at(-1)!) - DAY, kind: 'extend', quarter: e.quarter });
    } else {
      const list = recorded.get(e.quarter);
      if (!list) continue;
      const lift = liftSuspension(list, decided as Decided);
      for (const m of lift.lifted) suspensions.get(m)?.delete(suspensionRule(e.quarter));
      // The kept months are exactly those this quarter's stop closed.
      for (const m of lift.kept) expect(decided.get(m)).toBe('suspended');
      if (lift.from !== null) expect(decided.has(lift.from)).toBe(false);
    }
  }
  return { quarters, months, entered, handledAt, decided, decidedAt, charged, chargedTwice };
}

describe('a missing report’s suspension', () => {
  it('records the horizon from the first suspended month and continues after the last recorded one', () => {
    const p = resolveReportPolicy({ suspensionHorizonMonths: 3 });
    expect(monthsToSuspend('2027-Q1', p, null)).toEqual(['2027-04', '2027-05', '2027-06']);
    expect(monthsToSuspend('2027-Q1', p, '2027-06')).toEqual(['2027-07', '2027-08', '2027-09']);
  });
  it('keeps the months already decided closed and lifts from the first month not decided', () => {
    const decided: Decided = new Map([
      ['2027-03', 'open'],
      ['2027-04', 'suspended'],
      ['2027-05', 'suspended'],
    ]);
    expect(liftSuspension(['2027-06', '2027-04', '2027-05', '2027-07'], decided)).toEqual({
      kept: ['2027-04', '2027-05'],
      lifted: ['2027-06', '2027-07'],
      from: '2027-06',
    });
    expect(liftSuspension(['2027-04'], decided)).toEqual({ kept: ['2027-04'], lifted: [], from: null });
  });

  for (const [name, policy] of [
    ['default policy', DEFAULT_REPORT_POLICY],
    [
      '10 grace days, moved off days off, 2-month horizon',
      resolveReportPolicy({ graceDays: 10, deadlineMovesOffDaysOff: true, suspensionHorizonMonths: 2 }),
    ],
  ] as const)
    it(`never charges a month the stop covered, and charges every other (${name}, 300 random lives)`, () => {
      let suspendedSeen = 0;
      let liftedSeen = 0;
      for (let seed = 1; seed <= 300; seed++) {
        const s = simulate(seed, policy);
        expect(s.chargedTwice).toEqual([]);
        for (const m of s.months) {
          const at = s.decidedAt.get(m)!;
          // The month was covered when its gate ran: some quarter's stop was recorded before, the
          // month is on or after that quarter's first suspended month, and the report was not in yet.
          const covering = s.quarters.filter(
            (q) =>
              (s.handledAt.get(q) ?? Infinity) <= at &&
              m >= firstSuspendedMonth(q, policy) &&
              (s.entered.get(q) ?? Infinity) > at,
          );
          if (covering.length > 0) {
            suspendedSeen++;
            expect(s.charged.has(m), `seed ${seed}: ${m} charged although ${covering} had no report`).toBe(
              false,
            );
          } else {
            expect(s.charged.has(m), `seed ${seed}: ${m} not charged though nothing covered it`).toBe(true);
          }
        }
        for (const q of s.quarters) {
          const e = s.entered.get(q);
          if (e !== undefined && s.handledAt.has(q) && s.decidedAt.get(addMonths(monthsOf(q)[2]!, 6))! > e)
            liftedSeen++;
        }
      }
      // The generator really produced both suspended months and lifted ones.
      expect(suspendedSeen).toBeGreaterThan(1000);
      expect(liftedSeen).toBeGreaterThan(100);
    });
});
