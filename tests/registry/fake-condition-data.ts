// The condition views the fake registry API answers with: a red building with one reason of each
// kind, a green one with meter data (one month counted without a baseline), an unassessed one
// with nothing yet, and the districts' counts. Months follow the query, so the chart always has
// the last 12 months whatever day the test runs.
import type { ClassificationReason } from '../../domain/registry/classification.ts';
import { BUILDINGS } from './fake-buildings.ts';

const building = (k: number) => BUILDINGS[k]!;

export const RED_REASONS: ClassificationReason[] = [
  {
    rule: 'critical_defect',
    class: 'red',
    element: 'foundation',
    loadBearing: true,
    defects: ['diagonal cracks in the basement wall'],
  },
  { rule: 'element_wear', class: 'red', element: 'roof', wearPercent: 75, threshold: 70 },
  { rule: 'average_wear', class: 'red', averageWear: 62.5, threshold: 60 },
  {
    rule: 'critical_defect',
    class: 'yellow',
    element: 'heating',
    loadBearing: false,
    defects: ['leaking riser'],
  },
];

const classification = (outcome: string, reasons: ClassificationReason[], averageWear: number | null) => ({
  outcome,
  reasons,
  averageWear,
  decidedAt: averageWear === null ? null : '2026-10-01T09:00:00.000Z',
  history: [],
});

export function classificationOf(buildingId: string) {
  if (buildingId === building(0).id) return classification('green', [], 12.5);
  if (buildingId === building(1).id) return classification('red', RED_REASONS, 62.5);
  return classification('unknown', [], null);
}

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** Electricity every month (the first incomplete), cold water in the last three only. */
export function consumption(buildingId: string, from: string, to: string) {
  if (buildingId !== building(0).id) return { buildingId, months: [] };
  const months = [];
  for (let i = monthIndex(from), k = 0; i <= monthIndex(to); i++, k++) {
    const month = monthOf(i);
    months.push({ month, resource: 'electricity', amount: 4000 + k * 100, unit: 'kWh', complete: k > 0 });
    if (monthIndex(to) - i < 3) {
      months.push({ month, resource: 'cold_water', amount: 310.5 + k, unit: 'm³', complete: true });
    }
  }
  return { buildingId, months };
}

/** The first building's district has one of each; the second's has none; others are unknown. */
export function summaryOf(districtId: string) {
  if (districtId === building(0).district.id) return { green: 12, yellow: 5, red: 2, unknown: 1, total: 20 };
  if (districtId === building(1).district.id) return { green: 0, yellow: 0, red: 0, unknown: 0, total: 0 };
  return undefined;
}
