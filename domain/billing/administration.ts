// Who administers a building and at what tariff, day by day, from the management contracts'
// completed changes as billing records them. A contract runs from its start for its term; an
// amendment's tariff holds from the day it took effect; a termination ends it on its day. When
// the general meeting chooses another organization, the later contract takes over on its start
// date even if the earlier one's term had not run out: administration moves on the contracts'
// dates, and the two never overlap, so monthSegments (accrual.ts) can prorate between them.
import type { Terms } from './accrual.ts';

export interface TermChange {
  contractId: string;
  organizationId: string;
  change: 'conclusion' | 'amendment' | 'termination';
  /** Tashkent date it takes effect; a termination: the first day no longer covered. */
  effectiveFrom: string;
  /** The contract's own end (start + term), exclusive; null for a termination. */
  endsBefore: string | null;
  tiyinPerM2: number | null;
  contractVersion: number;
}

const min = (a: string, b: string | null): string => (b !== null && b < a ? b : a);
const byDate = (a: TermChange, b: TermChange) =>
  a.effectiveFrom < b.effectiveFrom
    ? -1
    : a.effectiveFrom > b.effectiveFrom
      ? 1
      : a.contractVersion - b.contractVersion;

/** One contract's days, from its changes: [from, to) with the tariff in force. */
function contractTerms(changes: readonly TermChange[]): Terms[] {
  const sorted = [...changes].sort(byDate);
  const start = sorted.find((c) => c.change === 'conclusion');
  if (!start || start.tiyinPerM2 === null || start.endsBefore === null) return [];
  let end = start.endsBefore;
  for (const c of sorted) if (c.change === 'termination') end = min(end, c.effectiveFrom);
  const out: Terms[] = [];
  for (const c of sorted) {
    if (c.change === 'termination' || c.tiyinPerM2 === null) continue;
    if (c.change === 'amendment' && c.endsBefore !== null) end = min(c.endsBefore, end);
    // An amendment dated before the start changes the tariff from the start.
    // biome-ignore lint/complexity/useMathMinMax: dates are strings; Math.max would give NaN
    const from = c.effectiveFrom < start.effectiveFrom ? start.effectiveFrom : c.effectiveFrom;
    const last = out.at(-1);
    if (last) last.to = from;
    out.push({ from, to: end, tiyinPerM2: c.tiyinPerM2, organizationId: c.organizationId });
  }
  return out.map((t) => ({ ...t, to: min(t.to!, end) })).filter((t) => t.from < t.to!);
}

/**
 * A building's terms, in date order, never overlapping: each contract's days, cut where a
 * later-starting contract takes over. Ties between contracts starting the same day go to the
 * larger contract id, so every run decides alike.
 */
export function administrationTerms(changes: readonly TermChange[]): Terms[] {
  const byContract = new Map<string, TermChange[]>();
  for (const c of changes) byContract.set(c.contractId, [...(byContract.get(c.contractId) ?? []), c]);
  const contracts = [...byContract.entries()]
    .map(([id, cs]) => ({ id, terms: contractTerms(cs) }))
    .filter((c) => c.terms.length > 0)
    .sort((a, b) => {
      const [x, y] = [a.terms[0]!.from, b.terms[0]!.from];
      return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
    });
  return contracts.flatMap(({ terms }, i) => {
    const takeover = contracts[i + 1]?.terms[0]?.from ?? null;
    return terms
      .map((t) => ({ ...t, to: takeover === null ? t.to : min(t.to!, takeover) }))
      .filter((t) => t.from < t.to!);
  });
}
