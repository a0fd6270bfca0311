// On-call rosters: who is on duty when, for which categories and buildings; the 24/7 coverage
// check over the coming days; and routing a request to the technician on duty for it.
import type { DispatchCategory } from './triage.ts';

export const ROSTER_ROLES = ['dispatcher', 'technician'] as const;
export type RosterRole = (typeof ROSTER_ROLES)[number];

export interface Shift {
  id: string;
  userId: string;
  role: RosterRole;
  startsAt: number;
  endsAt: number;
  /** Empty: every category. */
  categories: DispatchCategory[];
  /** Empty: every building of the organization. */
  buildingIds: string[];
}

export interface CoverageGap {
  role: RosterRole;
  /** For technicians, the category nobody covers then; null for dispatchers. */
  category: DispatchCategory | null;
  from: number;
  to: number;
}

/** Stretches of [from, to) covered by none of the shifts, in order. */
function uncovered(shifts: Shift[], from: number, to: number): { from: number; to: number }[] {
  const spans = shifts
    .filter((s) => s.endsAt > from && s.startsAt < to && s.endsAt > s.startsAt)
    .map((s) => [Math.max(s.startsAt, from), Math.min(s.endsAt, to)] as const)
    .sort((a, b) => a[0] - b[0]);
  const gaps: { from: number; to: number }[] = [];
  let cursor = from;
  for (const [start, end] of spans) {
    if (start > cursor) gaps.push({ from: cursor, to: start });
    cursor = Math.max(cursor, end);
  }
  if (cursor < to) gaps.push({ from: cursor, to });
  return gaps;
}

/**
 * Where the roster leaves the service uncovered between `from` and `to`: no dispatcher on duty,
 * or no technician for one of `categories` (building limits are not coverage: a technician for
 * some buildings does not cover the others, so only unrestricted shifts count here).
 */
export function coverageGaps(
  shifts: Shift[],
  from: number,
  to: number,
  categories: readonly DispatchCategory[],
): CoverageGap[] {
  const gaps: CoverageGap[] = uncovered(
    shifts.filter((s) => s.role === 'dispatcher'),
    from,
    to,
  ).map((g) => ({ role: 'dispatcher', category: null, ...g }));
  const technicians = shifts.filter((s) => s.role === 'technician' && s.buildingIds.length === 0);
  for (const category of categories) {
    const covering = technicians.filter((s) => s.categories.length === 0 || s.categories.includes(category));
    for (const g of uncovered(covering, from, to)) gaps.push({ role: 'technician', category, ...g });
  }
  return gaps;
}

/** The technician on duty at `at` for the category and building, or null (then a dispatcher routes it). */
export function technicianOnDuty(
  shifts: Shift[],
  request: { category: DispatchCategory; buildingId: string },
  at: number,
): string | null {
  const fits = shifts.filter(
    (s) =>
      s.role === 'technician' &&
      s.startsAt <= at &&
      at < s.endsAt &&
      (s.categories.length === 0 || s.categories.includes(request.category)) &&
      (s.buildingIds.length === 0 || s.buildingIds.includes(request.buildingId)),
  );
  // The most specific shift first: one named for this building and category knows it best.
  fits.sort(
    (a, b) =>
      Number(b.buildingIds.length > 0) - Number(a.buildingIds.length > 0) ||
      Number(b.categories.length > 0) - Number(a.categories.length > 0) ||
      a.startsAt - b.startsAt ||
      a.id.localeCompare(b.id),
  );
  return fits[0]?.userId ?? null;
}

/**
 * How much of [from, to) the roster covered round the clock: the least covered of the dispatchers'
 * and each category's technicians' time, as a share (1 when there was no gap), and which that was.
 */
export function coverageShare(
  gaps: readonly CoverageGap[],
  from: number,
  to: number,
): {
  share: number;
  worst: { role: RosterRole; category: DispatchCategory | null; uncoveredMs: number } | null;
} {
  if (!(to > from)) return { share: 1, worst: null };
  const uncovered = new Map<
    string,
    { role: RosterRole; category: DispatchCategory | null; uncoveredMs: number }
  >();
  for (const g of gaps) {
    const k = `${g.role}|${g.category ?? ''}`;
    const u = uncovered.get(k) ?? { role: g.role, category: g.category, uncoveredMs: 0 };
    u.uncoveredMs += Math.min(g.to, to) - Math.max(g.from, from);
    uncovered.set(k, u);
  }
  let worst: { role: RosterRole; category: DispatchCategory | null; uncoveredMs: number } | null = null;
  for (const u of uncovered.values()) if (!worst || u.uncoveredMs > worst.uncoveredMs) worst = u;
  return { share: worst ? 1 - worst.uncoveredMs / (to - from) : 1, worst };
}
