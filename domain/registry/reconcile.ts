// Registry reconciliation: does a building's declared data agree with its apartments and owners?
// Pure and deterministic, so the sync workflow can run it in workflow code and replay it.
// Shares are summed as exact fractions (BigInt) and areas in whole hundredths of a m², so
// 1/3 + 2/3 is exactly 1 and 0.1 + 0.2 m² is exactly 0.3 m².
import { sumFractions } from '../common/fractions.ts';

export interface ReconciliationInput {
  building: { id: string; totalArea: number; livingArea: number };
  apartments: {
    id: string;
    number: string;
    area: number;
    shares: { num: number; den: number }[];
  }[];
}

export interface Fraction {
  numerator: number;
  denominator: number;
}

export type RegistryFinding =
  | { kind: 'no_owner'; apartmentId: string; apartmentNumber: string }
  | { kind: 'invalid_share'; apartmentId: string; apartmentNumber: string; share: Fraction }
  | { kind: 'shares_not_whole'; apartmentId: string; apartmentNumber: string; sum: Fraction }
  | { kind: 'apartments_exceed_living_area'; apartmentsArea: number; livingArea: number }
  | { kind: 'apartments_exceed_total_area'; apartmentsArea: number; totalArea: number }
  | { kind: 'living_area_exceeds_total_area'; livingArea: number; totalArea: number };

export type RegistryFindingKind = RegistryFinding['kind'];

/** Areas arrive as m² with two decimals; hundredths make comparisons and sums exact. */
const hundredths = (m2: number): number => Math.round(m2 * 100);
const m2 = (h: number): number => h / 100;

export function reconcileBuilding(input: ReconciliationInput): RegistryFinding[] {
  const findings: RegistryFinding[] = [];
  let apartmentsArea = 0;
  for (const a of input.apartments) {
    apartmentsArea += hundredths(a.area);
    const ref = { apartmentId: a.id, apartmentNumber: a.number };
    if (a.shares.length === 0) {
      findings.push({ kind: 'no_owner', ...ref });
      continue;
    }
    const invalid = a.shares.filter(
      (s) => !Number.isSafeInteger(s.num) || !Number.isSafeInteger(s.den) || s.num <= 0 || s.den <= 0,
    );
    if (invalid.length > 0) {
      for (const s of invalid) {
        findings.push({ kind: 'invalid_share', ...ref, share: { numerator: s.num, denominator: s.den } });
      }
      continue;
    }
    const sum = sumFractions(a.shares);
    if (sum.num !== sum.den) {
      findings.push({
        kind: 'shares_not_whole',
        ...ref,
        sum: { numerator: Number(sum.num), denominator: Number(sum.den) },
      });
    }
  }
  const living = hundredths(input.building.livingArea);
  const total = hundredths(input.building.totalArea);
  if (living > total) {
    findings.push({ kind: 'living_area_exceeds_total_area', livingArea: m2(living), totalArea: m2(total) });
  }
  if (apartmentsArea > living) {
    findings.push({
      kind: 'apartments_exceed_living_area',
      apartmentsArea: m2(apartmentsArea),
      livingArea: m2(living),
    });
  }
  if (apartmentsArea > total) {
    findings.push({
      kind: 'apartments_exceed_total_area',
      apartmentsArea: m2(apartmentsArea),
      totalArea: m2(total),
    });
  }
  return findings;
}
