// Response-time figures per organization and quarter: for each legal time, the share of requests
// that met it and the median time taken. The council and the inspection read them, and the
// quarterly reports and the register's re-check take them on.
import { callAnswer } from './deadlines.ts';
import { type DispatchPolicy, MINUTE_MS } from './policy.ts';
import type { Clock } from './types.ts';

export interface FigureInput {
  organizationId: string;
  quarter: string;
  call: { receivedAt: number; answeredAt: number } | null;
  /** At least the first clock of each kind: the later ones are not measured. */
  clocks: Clock[];
  rating: number | null;
  /**
   * The answer times the request was registered under; absent, the policy the figures are
   * computed with. A later change of the deployment's policy does not reach a registered request.
   */
  answer?: Pick<DispatchPolicy, 'answerMinutes' | 'callBackMinutes'>;
}

export interface MeasureFigure {
  /** Requests the measure applies to. */
  count: number;
  /** Of those, met or missed for good (a clock still running and not yet due counts neither way). */
  decided: number;
  /** Of those, met in time. */
  inTime: number;
  /** inTime / decided, 0..1, or null when nothing is decided yet. */
  share: number | null;
  /** Median minutes taken, over the ones that were met. */
  medianMinutes: number | null;
}

export interface ResponseFigures {
  organizationId: string;
  quarter: string;
  requests: number;
  answer: MeasureFigure;
  contain: MeasureFigure;
  done: MeasureFigure;
  meanRating: number | null;
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

function measure(items: { met: boolean | null; minutes: number | null }[]): MeasureFigure {
  const decided = items.filter((i) => i.met !== null);
  const inTime = decided.filter((i) => i.met).length;
  const taken = items.flatMap((i) => (i.minutes === null ? [] : [i.minutes]));
  return {
    count: items.length,
    decided: decided.length,
    inTime,
    share: decided.length ? round(inTime / decided.length, 4) : null,
    medianMinutes: round(median(taken), 1),
  };
}

/** The first clock of a kind is the one the law measures; a reopening's clock is the service's own. */
function clockMeasure(clocks: Clock[], kind: Clock['kind'], now: number) {
  const c = clocks.find((x) => x.kind === kind);
  if (!c) return null;
  if (c.metAt !== null) return { met: c.metAt <= c.dueAt, minutes: (c.metAt - c.startsAt) / MINUTE_MS };
  return { met: now > c.dueAt ? false : null, minutes: null };
}

export function responseFigures(policy: DispatchPolicy, rows: FigureInput[], now: number): ResponseFigures[] {
  // One pass: each row is appended to its group's array, never copied with it.
  const groups = new Map<string, FigureInput[]>();
  for (const r of rows) {
    const k = `${r.organizationId}|${r.quarter}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()].map((g) => {
    const ratings = g.flatMap((r) => (r.rating === null ? [] : [r.rating]));
    return {
      organizationId: g[0]!.organizationId,
      quarter: g[0]!.quarter,
      requests: g.length,
      answer: measure(
        g.flatMap((r) =>
          r.call
            ? [
                {
                  met: callAnswer({ ...policy, ...r.answer }, r.call) === 'in_time',
                  minutes: (r.call.answeredAt - r.call.receivedAt) / MINUTE_MS,
                },
              ]
            : [],
        ),
      ),
      contain: measure(g.flatMap((r) => clockMeasure(r.clocks, 'contain', now) ?? [])),
      done: measure(g.flatMap((r) => clockMeasure(r.clocks, 'done', now) ?? [])),
      meanRating: ratings.length ? round(ratings.reduce((a, b) => a + b, 0) / ratings.length, 2) : null,
    };
  });
}

/** The figures of an organization's period with no request in it. */
export function noFigures(organizationId: string, quarter: string): ResponseFigures {
  const none: MeasureFigure = { count: 0, decided: 0, inTime: 0, share: null, medianMinutes: null };
  return { organizationId, quarter, requests: 0, answer: none, contain: none, done: none, meanRating: null };
}

/**
 * The legal times among the figures: the answer (5 minutes) and the containment (30 minutes);
 * the done clock is the service's own for most categories, so it is not counted here.
 */
export function legalTimes(f: ResponseFigures): { decided: number; inTime: number; share: number | null } {
  const decided = f.answer.decided + f.contain.decided;
  const inTime = f.answer.inTime + f.contain.inTime;
  return { decided, inTime, share: decided ? round(inTime / decided, 4) : null };
}
