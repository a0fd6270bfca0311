// The first draft of a lot's five-year programme, from its buildings' condition assessments: every
// element worn past the policy's threshold, or with a critical defect, gets one work; red buildings
// come first, and in a building the worst element first; the works fill the five years in that
// order, each year taking an even share of the total cost, except that a critical defect or a wear
// past the urgent threshold is always in the first year. The officer edits the draft; the totals
// are recomputed from whatever the works are.
import type { BuildingElement } from '../registry/public.ts';
import type { ConditionClass } from '../registry/types.ts';

export const FINANCING_SOURCES = [
  'owners_contributions',
  'building_account',
  'district_funds',
  'state_fund',
] as const;
export type FinancingSource = (typeof FINANCING_SOURCES)[number];

export interface ProgrammeWork {
  buildingId: string;
  element: BuildingElement;
  /** 1 to `years` of the programme. */
  year: number;
  /** Tiyin. */
  estimatedCost: number;
  source: FinancingSource;
}

export interface ProgrammeBuilding {
  id: string;
  conditionClass: ConditionClass | null;
  /** Total area of the apartments, m². */
  totalArea: number;
  /** The latest assessment of each element assessed. */
  elements: { element: BuildingElement; wearPercent: number; criticalDefects: number }[];
}

export interface ProgrammePolicy {
  years: number;
  /** An element worn this much (percent) or more gets a work. [design] 40, the registry's yellow */
  workWear: number;
  /** Worn this much or more, the work is in the first year. [design] 70, the registry's red */
  urgentWear: number;
  /**
   * The estimated cost of the work on an element, tiyin per m² of the building's apartments.
   * [design] an order of magnitude for the officer to correct, not a price list
   */
  costPerM2: Record<BuildingElement, number>;
  /**
   * Who pays by default: [design] the bearing structure of a red building the state fund (a danger
   * the owners did not cause alone), lifts the district's funds, the rest the owners' contributions
   */
  sourceOf: (element: BuildingElement, conditionClass: ConditionClass | null) => FinancingSource;
}

const som = (n: number) => n * 100;

export const DEFAULT_PROGRAMME_POLICY: ProgrammePolicy = {
  years: 5,
  workWear: 40,
  urgentWear: 70,
  costPerM2: {
    roof: som(60_000),
    facade: som(90_000),
    foundation: som(70_000),
    heating: som(80_000),
    water_supply: som(45_000),
    sewerage: som(40_000),
    electricity: som(35_000),
    gas: som(25_000),
    elevators: som(60_000),
  },
  sourceOf: (element, conditionClass) =>
    conditionClass === 'red' && (element === 'roof' || element === 'facade' || element === 'foundation')
      ? 'state_fund'
      : element === 'elevators'
        ? 'district_funds'
        : 'owners_contributions',
};

const CLASS_RANK: Record<ConditionClass | 'unassessed', number> = {
  red: 0,
  yellow: 1,
  unassessed: 2,
  green: 3,
};

/** The draft works, in programme order (year, then priority). */
export function draftProgramme(
  buildings: readonly ProgrammeBuilding[],
  policy: ProgrammePolicy,
): ProgrammeWork[] {
  const candidates = buildings.flatMap((b) =>
    b.elements
      .filter((e) => e.wearPercent >= policy.workWear || e.criticalDefects > 0)
      .map((e) => ({
        building: b,
        element: e,
        urgent: e.criticalDefects > 0 || e.wearPercent >= policy.urgentWear,
        cost: Math.round(policy.costPerM2[e.element] * b.totalArea),
      })),
  );
  candidates.sort(
    (x, y) =>
      Number(y.urgent) - Number(x.urgent) ||
      CLASS_RANK[x.building.conditionClass ?? 'unassessed'] -
        CLASS_RANK[y.building.conditionClass ?? 'unassessed'] ||
      y.element.wearPercent - x.element.wearPercent ||
      y.element.criticalDefects - x.element.criticalDefects ||
      (x.building.id < y.building.id ? -1 : x.building.id > y.building.id ? 1 : 0) ||
      (x.element.element < y.element.element ? -1 : 1),
  );
  const total = candidates.reduce((s, c) => s + c.cost, 0);
  let spent = 0;
  return candidates.map((c) => {
    // A work's year is where the middle of its cost falls on the programme's spending line, each
    // year an even share of the total; urgent works spend first, so they push the rest later.
    const middle = spent + c.cost / 2;
    const year = c.urgent
      ? 1
      : Math.min(policy.years, 1 + Math.floor((middle * policy.years) / Math.max(1, total)));
    spent += c.cost;
    return {
      buildingId: c.building.id,
      element: c.element.element,
      year,
      estimatedCost: c.cost,
      source: policy.sourceOf(c.element.element, c.building.conditionClass),
    };
  });
}

export interface ProgrammeTotals {
  byYear: number[];
  bySource: Record<FinancingSource, number>;
  total: number;
}

/** One line of a lot's programme as the API answers it and the widgets edit it. */
export interface ProgrammeLine {
  id: string;
  buildingId: string;
  address: string;
  element: BuildingElement;
  year: number;
  /** Tiyin. */
  estimatedCost: number;
  source: FinancingSource;
}

/** A version's programme with its totals, as the API answers it. */
export interface ProgrammeView {
  lotId: string;
  version: number;
  /** The officer may still change it: the version is a draft or was returned. */
  editable: boolean;
  years: number;
  lines: ProgrammeLine[];
  totals: ProgrammeTotals;
}

/** Totals per year (index 0 is year 1) and per source, in tiyin. */
export function programmeTotals(works: readonly ProgrammeWork[], years: number): ProgrammeTotals {
  const byYear = Array.from({ length: years }, () => 0);
  const bySource = Object.fromEntries(FINANCING_SOURCES.map((s) => [s, 0])) as Record<
    FinancingSource,
    number
  >;
  let total = 0;
  for (const w of works) {
    byYear[w.year - 1]! += w.estimatedCost;
    bySource[w.source] += w.estimatedCost;
    total += w.estimatedCost;
  }
  return { byYear, bySource, total };
}
