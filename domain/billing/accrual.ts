// The monthly charge of an apartment: area × tariff, prorated by days when the tariff or the
// administering organization changes within the month, split among the owners by share.
//
// Rounding rule: each segment [from, to) of the month has the exact charge
//   area(0.01 m²) × tariff(tiyin/m²) × days / (100 × days in month);
// the apartment's month is the sum of those exact parts, rounded once (half away from zero, to
// the policy's unit); the rounded total is split among the segments by largest remainder in
// proportion to their exact parts, and each segment's amount among the owners by share the same
// way. So owners' lines sum exactly to their segment and segments exactly to the month, and a
// month split into segments costs what the unsplit month would at equal tariffs: rounding happens
// once per apartment and month, never per day or per owner.
import { divRound, roundingUnit, toTiyin } from './money.ts';
import { daysBetween, daysInMonth, endOf, firstDay, isDate } from './period.ts';
import type { BillingPolicy } from './policy.ts';
import { allocateByShares, apportion, type Share } from './shares.ts';

export type OwnerKind = 'person' | 'organization';

export interface Owner {
  ownerId: string;
  ownerKind: OwnerKind;
  share: Share;
}

/** A building's terms from the management contracts: tariff and administrator, on [from, to). */
export interface Terms {
  from: string;
  to: string | null;
  tiyinPerM2: number;
  organizationId: string;
}

export interface Segment {
  from: string;
  /** Exclusive: the next month's first day when it runs to the month's end. */
  to: string;
  tiyinPerM2: number;
  organizationId: string;
}

export interface ApartmentMonth {
  apartmentId: string;
  /** Area in hundredths of a m², the registry's precision. */
  areaHundredths: number;
  /** The owners on the accrual day bear the whole month. [design] */
  owners: Owner[];
}

export interface AccrualLine {
  /** Idempotency key: the same month re-run yields the same keys, so it posts nothing twice. */
  key: string;
  ownerId: string;
  ownerKind: OwnerKind;
  apartmentId: string;
  buildingId: string;
  period: string;
  organizationId: string;
  from: string;
  to: string;
  amount: number;
  areaHundredths: number;
  tiyinPerM2: number;
  days: number;
  daysInMonth: number;
}

/** Ids are UUIDs, so '/' cannot occur inside one and the key parses back unambiguously. */
export const accrualKey = (
  period: string,
  apartmentId: string,
  ownerId: string,
  segmentFrom: string,
): string => `accrual/${period}/${apartmentId}/${ownerId}/${segmentFrom}`;

/**
 * The month's segments from a building's dated terms: each term clipped to the month, adjacent
 * segments with the same tariff and organization joined (a renewal on equal terms changes
 * nothing). Days no term covers are not charged. Overlapping terms are refused.
 */
export function monthSegments(period: string, terms: readonly Terms[]): Segment[] {
  const start = firstDay(period);
  const end = endOf(period);
  const sorted = [...terms].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: Segment[] = [];
  sorted.forEach((t, i) => {
    const next = sorted[i + 1];
    if (next && (t.to === null || next.from < t.to))
      throw new RangeError(`terms from ${t.from} and from ${next.from} overlap`);
    // biome-ignore lint/complexity/useMathMinMax: dates are strings; Math.max would give NaN
    const from = t.from > start ? t.from : start;
    const to = t.to === null || t.to > end ? end : t.to;
    if (from >= to) return;
    const last = out.at(-1);
    if (
      last &&
      last.to === from &&
      last.tiyinPerM2 === t.tiyinPerM2 &&
      last.organizationId === t.organizationId
    )
      last.to = to;
    else out.push({ from, to, tiyinPerM2: t.tiyinPerM2, organizationId: t.organizationId });
  });
  return out;
}

function checkSegments(period: string, segments: readonly Segment[]): void {
  let previousEnd = firstDay(period);
  for (const s of segments) {
    if (!isDate(s.from) || !isDate(s.to) || s.from < previousEnd || s.to <= s.from || s.to > endOf(period))
      throw new RangeError(`segment [${s.from}, ${s.to}) must lie in ${period}, in order, without overlap`);
    if (!Number.isSafeInteger(s.tiyinPerM2) || s.tiyinPerM2 <= 0)
      throw new RangeError(
        `segment from ${s.from}: tariff must be a positive integer of tiyin, got ${s.tiyinPerM2}`,
      );
    previousEnd = s.to;
  }
}

/** One apartment's lines for the month: one per segment and owner, zero amounts left out. */
export function accrueApartment(
  period: string,
  buildingId: string,
  apartment: ApartmentMonth,
  segments: readonly Segment[],
  rounding: BillingPolicy['chargeRounding'],
): AccrualLine[] {
  checkSegments(period, segments);
  const area = apartment.areaHundredths;
  if (!Number.isSafeInteger(area) || area <= 0)
    throw new RangeError(
      `apartment ${apartment.apartmentId}: area must be a positive integer of 0.01 m², got ${area}`,
    );
  const month = daysInMonth(period);
  const days = segments.map((s) => daysBetween(s.from, s.to));
  // Numerators over the common denominator 100 × days in month (the 100 turns 0.01 m² into m²).
  const exact = segments.map((s, i) => BigInt(area) * BigInt(s.tiyinPerM2) * BigInt(days[i]!));
  const unit = roundingUnit(rounding);
  const total = toTiyin(
    divRound(
      exact.reduce((a, b) => a + b, 0n),
      BigInt(100 * month),
      BigInt(unit),
    ),
  );
  const bySegment = apportion(
    total,
    segments.map((s, i) => ({ key: s.from, weight: exact[i]! })),
    unit,
  );
  return segments.flatMap((s, i) =>
    allocateByShares(bySegment[i]!, apartment.owners, unit).flatMap(({ ownerId, amount }, j) =>
      amount === 0
        ? []
        : [
            {
              key: accrualKey(period, apartment.apartmentId, ownerId, s.from),
              ownerId,
              ownerKind: apartment.owners[j]!.ownerKind,
              apartmentId: apartment.apartmentId,
              buildingId,
              period,
              organizationId: s.organizationId,
              from: s.from,
              to: s.to,
              amount,
              areaHundredths: area,
              tiyinPerM2: s.tiyinPerM2,
              days: days[i]!,
              daysInMonth: month,
            },
          ],
    ),
  );
}

/** Months another rule has stopped, by suspensionKey, with the reason shown to people. */
export type Suspensions = ReadonlyMap<string, string>;
export const suspensionKey = (buildingId: string, period: string): string => `${buildingId}/${period}`;

export type BuildingAccrual =
  | { buildingId: string; period: string; status: 'accrued'; lines: AccrualLine[] }
  | { buildingId: string; period: string; status: 'suspended'; reason: string };

/**
 * A building's month. The one gate through which other rules stop a month (a missing quarterly
 * report): a suspended month yields no lines at all, and since lines are only ever made here, it
 * is never charged later either: no report, no accrual, no recalculation.
 */
export function accrueBuilding(
  period: string,
  building: { buildingId: string; terms: readonly Terms[]; apartments: readonly ApartmentMonth[] },
  policy: Pick<BillingPolicy, 'chargeRounding'>,
  suspensions: Suspensions,
): BuildingAccrual {
  const { buildingId } = building;
  const reason = suspensions.get(suspensionKey(buildingId, period));
  if (reason !== undefined) return { buildingId, period, status: 'suspended', reason };
  const segments = monthSegments(period, building.terms);
  const lines = building.apartments.flatMap((a) =>
    accrueApartment(period, buildingId, a, segments, policy.chargeRounding),
  );
  return { buildingId, period, status: 'accrued', lines };
}

/**
 * What the building's month would have been charged had its gate been open: each apartment's
 * month exactly as accrueApartment charges it (area × the terms' tariff, prorated, rounded once
 * per apartment), summed. Owners do not change the sum, so one whole owner stands for them. An
 * apartment that could not be charged (no area) adds nothing, as the accrual skips it.
 */
export function forgoneCharge(
  period: string,
  terms: readonly Terms[],
  areasHundredths: readonly number[],
  rounding: BillingPolicy['chargeRounding'],
): number {
  const segments = monthSegments(period, terms);
  if (segments.length === 0) return 0;
  const owner: Owner = { ownerId: 'whole', ownerKind: 'person', share: { numerator: 1, denominator: 1 } };
  let total = 0;
  areasHundredths.forEach((area, i) => {
    if (!Number.isSafeInteger(area) || area <= 0) return;
    const lines = accrueApartment(
      period,
      'building',
      { apartmentId: String(i), areaHundredths: area, owners: [owner] },
      segments,
      rounding,
    );
    for (const l of lines) total += l.amount;
  });
  return total;
}
