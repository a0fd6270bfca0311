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
  clocks: Clock[];
  rating: number | null;
}

export interface MeasureFigure {
  /** Requests the measure applies to. */
  count: number;
  /** Of those, met in time (a clock still running and not yet due does not count either way). */
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
  const groups = new Map<string, FigureInput[]>();
  for (const r of rows) {
    const k = `${r.organizationId}|${r.quarter}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
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
                  met: callAnswer(policy, r.call) === 'in_time',
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

const CSV_HEADER = [
  'organization_id',
  'quarter',
  'requests',
  'answered_in_time_share',
  'answer_median_minutes',
  'contained_in_time_share',
  'contain_median_minutes',
  'done_in_time_share',
  'done_median_minutes',
  'mean_rating',
];

export function figuresCsv(figures: ResponseFigures[]): string {
  const cell = (v: string | number | null) => (v === null ? '' : String(v));
  const lines = figures.map((f) =>
    [
      f.organizationId,
      f.quarter,
      f.requests,
      f.answer.share,
      f.answer.medianMinutes,
      f.contain.share,
      f.contain.medianMinutes,
      f.done.share,
      f.done.medianMinutes,
      f.meanRating,
    ]
      .map(cell)
      .join(','),
  );
  return `${[CSV_HEADER.join(','), ...lines].join('\r\n')}\r\n`;
}
