// The proposed partition of a district into lots: the buildings in curve order (spatial.ts) cut
// into runs, each of at least the policy's apartments, as many runs as the district's apartments
// allow; then each border moved a few buildings either way while that evens out the lots' size and
// class mix; then buildings near a border traded between the two lots beside it while the trade
// evens out the class mix more (an old, worn quarter is otherwise one lot of red buildings).
// Pure and deterministic: the same buildings give the same lots whatever their order.
import { CONDITION_CLASSES } from '../registry/types.ts';
import type { LotPolicy } from './policy.ts';
import { spatialOrder } from './spatial.ts';
import type { ClassMix, LotBuilding, LotFigures, MixClass } from './types.ts';

export const MIX_CLASSES: readonly MixClass[] = [...CONDITION_CLASSES, 'unassessed'];

export interface Proposal {
  lots: LotFigures[];
  /** False when the district has fewer apartments than one lot needs: it is then one lot, too small. */
  feasible: boolean;
}

const mixClass = (b: LotBuilding): MixClass => b.conditionClass ?? 'unassessed';

export function emptyMix(): ClassMix {
  return { green: 0, yellow: 0, red: 0, unassessed: 0 };
}

/** A lot's apartments and class mix. */
export function figuresOf(buildings: readonly LotBuilding[]): LotFigures {
  const mix = emptyMix();
  let apartments = 0;
  for (const b of buildings) {
    apartments += b.apartments;
    mix[mixClass(b)] += 1;
  }
  return { buildingIds: buildings.map((b) => b.id), apartments, mix };
}

/** Running totals over the ordered buildings, so any run's figures cost O(1). */
class Prefix {
  readonly apartments: number[];
  readonly classes: Record<MixClass, number[]>;
  constructor(ordered: readonly LotBuilding[]) {
    this.apartments = [0];
    this.classes = { green: [0], yellow: [0], red: [0], unassessed: [0] };
    ordered.forEach((b, i) => {
      this.apartments.push(this.apartments[i]! + b.apartments);
      for (const c of MIX_CLASSES) this.classes[c].push(this.classes[c][i]! + (mixClass(b) === c ? 1 : 0));
    });
  }
  get total() {
    return this.apartments[this.apartments.length - 1]!;
  }
  apts(from: number, to: number) {
    return this.apartments[to]! - this.apartments[from]!;
  }
  /** The first index i ≥ from with apartments[i] ≥ value (apartments only grow). */
  firstAtLeast(value: number, from = 0) {
    let lo = from;
    let hi = this.apartments.length - 1;
    if (this.apartments[hi]! < value) return hi + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.apartments[mid]! >= value) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Cuts 0 = c0 < c1 < … < ck = n at the even shares of apartments, each run ≥ min; null if none fit. */
function evenCuts(p: Prefix, n: number, k: number, min: number): number[] | null {
  const cuts = [0];
  for (let i = 1; i < k; i++) {
    const prev = cuts[i - 1]!;
    const lo = p.firstAtLeast(p.apartments[prev]! + min, prev + 1);
    // The latest cut that still leaves the rest at least (k − i) × min apartments.
    const hi = p.firstAtLeast(p.total - (k - i) * min + 1) - 1;
    if (lo > hi || lo >= n) return null;
    const target = (i * p.total) / k;
    let cut = p.firstAtLeast(target, prev + 1);
    if (cut > prev + 1 && target - p.apartments[cut - 1]! < p.apartments[cut]! - target) cut -= 1;
    cuts.push(Math.min(hi, Math.max(lo, cut)));
  }
  cuts.push(n);
  return p.apts(cuts[k - 1]!, n) >= min ? cuts : null;
}

/** How far a run is from an even share of the district: its size, and its class mix weighted. */
function scorer(p: Prefix, k: number, policy: LotPolicy) {
  const n = p.apartments.length - 1;
  const mean = p.total / k;
  const share = Object.fromEntries(MIX_CLASSES.map((c) => [c, p.classes[c][n]! / n])) as ClassMix;
  return (from: number, to: number) => {
    const size = (p.apts(from, to) - mean) / mean;
    let mix = 0;
    for (const c of MIX_CLASSES) {
      const d = (p.classes[c][to]! - p.classes[c][from]!) / (to - from) - share[c];
      mix += d * d;
    }
    return size * size + policy.classWeight * mix;
  };
}

/** Moves each border within the window while the two lots beside it score better; stops when none moves. */
function balance(cuts: number[], p: Prefix, policy: LotPolicy): void {
  const k = cuts.length - 1;
  const score = scorer(p, k, policy);
  for (let pass = 0; pass < 50; pass++) {
    let moved = false;
    for (let i = 1; i < k; i++) {
      const [a, c, b] = [cuts[i - 1]!, cuts[i]!, cuts[i + 1]!];
      let best = c;
      let bestScore = score(a, c) + score(c, b);
      for (
        let j = Math.max(a + 1, c - policy.balanceWindow);
        j <= Math.min(b - 1, c + policy.balanceWindow);
        j++
      ) {
        if (p.apts(a, j) < policy.minApartments || p.apts(j, b) < policy.minApartments) continue;
        const s = score(a, j) + score(j, b);
        // Strictly better by more than rounding, so two equal borders never trade places forever.
        if (s < bestScore - 1e-12) [best, bestScore] = [j, s];
      }
      if (best !== c) {
        cuts[i] = best;
        moved = true;
      }
    }
    if (!moved) return;
  }
}

/** The proposal for a district's buildings (ids unique; apartments whole and ≥ 0). */
export function proposeLots(buildings: readonly LotBuilding[], policy: LotPolicy): Proposal {
  const ids = new Set(buildings.map((b) => b.id));
  if (ids.size !== buildings.length) throw new RangeError('a building appears twice');
  if (buildings.some((b) => !Number.isInteger(b.apartments) || b.apartments < 0))
    throw new RangeError('apartments must be whole numbers ≥ 0');
  const ordered = spatialOrder(buildings);
  const p = new Prefix(ordered);
  const n = ordered.length;
  if (n === 0) return { lots: [], feasible: true };
  let cuts = [0, n];
  for (let k = Math.floor(p.total / policy.minApartments); k >= 2; k--) {
    const fit = evenCuts(p, n, k, policy.minApartments);
    if (fit) {
      cuts = fit;
      break;
    }
  }
  balance(cuts, p, policy);
  const runs = cuts.slice(1).map((to, i) => ordered.slice(cuts[i]!, to));
  trade(runs, p.total / runs.length, policy);
  return { lots: runs.map(figuresOf), feasible: p.total >= policy.minApartments };
}

/**
 * Trades buildings between neighbouring lots (neighbours on the curve are neighbours on the
 * ground), only among the `balanceWindow` buildings nearest their common border, and only while a
 * trade lowers the two lots' score with both still at the minimum. Each lot's run stays in curve
 * order, so "nearest the border" means the end of one run and the start of the next.
 */
function trade(runs: LotBuilding[][], mean: number, policy: LotPolicy): void {
  const all = runs.flat();
  const share = Object.fromEntries(
    MIX_CLASSES.map((c) => [c, all.filter((b) => mixClass(b) === c).length / all.length]),
  ) as ClassMix;
  const rank = new Map(spatialRank(runs));
  const score = (f: LotFigures) => {
    const size = (f.apartments - mean) / mean;
    let mix = 0;
    for (const c of MIX_CLASSES) mix += (f.mix[c] / f.buildingIds.length - share[c]) ** 2;
    return size * size + policy.classWeight * mix;
  };
  const w = policy.balanceWindow;
  for (let pass = 0; pass < 20; pass++) {
    let traded = false;
    for (let i = 0; i + 1 < runs.length; i++) {
      for (let step = 0; step < w; step++) {
        const [left, right] = [runs[i]!, runs[i + 1]!];
        const fl = figuresOf(left);
        const fr = figuresOf(right);
        let best: [number, number] | null = null;
        let bestScore = score(fl) + score(fr) - 1e-12;
        for (let a = Math.max(0, left.length - w); a < left.length; a++)
          for (let b = 0; b < Math.min(w, right.length); b++) {
            const [x, y] = [left[a]!, right[b]!];
            if (mixClass(x) === mixClass(y)) continue;
            const d = y.apartments - x.apartments;
            if (fl.apartments + d < policy.minApartments || fr.apartments - d < policy.minApartments)
              continue;
            const s = score(swapped(fl, x, y)) + score(swapped(fr, y, x));
            if (s < bestScore) [best, bestScore] = [[a, b], s];
          }
        if (!best) break;
        const [x, y] = [left[best[0]]!, right[best[1]]!];
        left[best[0]] = y;
        right[best[1]] = x;
        const byRank = (m: LotBuilding, n: LotBuilding) => rank.get(m.id)! - rank.get(n.id)!;
        left.sort(byRank);
        right.sort(byRank);
        traded = true;
      }
    }
    if (!traded) return;
  }
}

const spatialRank = (runs: LotBuilding[][]) => runs.flat().map((b, i) => [b.id, i] as const);

/** The figures of a lot that gives `out` and takes `into` (only the counts the score reads). */
function swapped(f: LotFigures, out: LotBuilding, into: LotBuilding): LotFigures {
  const mix = { ...f.mix };
  mix[mixClass(out)] -= 1;
  mix[mixClass(into)] += 1;
  return { buildingIds: f.buildingIds, apartments: f.apartments - out.apartments + into.apartments, mix };
}
