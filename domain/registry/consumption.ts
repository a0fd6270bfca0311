// Monthly consumption of a building from cumulative meter readings, the energy and water figures
// Turar-Joy keeps per building (docs/domain/registry.md). A month's consumption on a meter is its last
// reading of the month minus its last reading before the month; months are Tashkent months.
// A reading flagged `replaced` is the first of a new device at the same metering point: it starts
// a new baseline instead of being compared with the old device's count. Values are summed in
// thousandths, so 0.1 + 0.2 m³ is exactly 0.3 m³ (Gcal are read to three decimals).
import { tashkentDate } from '../calendar/working-days.ts';

export const RESOURCES = ['electricity', 'gas', 'cold_water', 'hot_water', 'heat'] as const;
export type Resource = (typeof RESOURCES)[number];
export const RESOURCE_UNITS: Record<Resource, string> = {
  electricity: 'kWh',
  gas: 'm³',
  cold_water: 'm³',
  hot_water: 'm³',
  heat: 'Gcal',
};

export interface MeterReading {
  /** The metering point; it keeps its id when the device is replaced. */
  meterId: string;
  resource: Resource;
  readAt: number;
  /** The device's cumulative count. */
  value: number;
  /** The first reading of a newly installed device. */
  replaced?: boolean;
  /** On a `replaced` reading: the old device's final count, when it was read at removal. */
  oldDeviceFinalValue?: number;
}

export interface MeterMonth {
  meterId: string;
  resource: Resource;
  /** 'YYYY-MM' in Tashkent. */
  month: string;
  amount: number;
  /** The reading the month is counted from; null in a meter's first month. */
  baselineAt: number | null;
  /** False when the baseline is not in the month just before (first month, or a month unread). */
  complete: boolean;
}

export interface MonthlyConsumption {
  month: string;
  resource: Resource;
  amount: number;
  meters: number;
  complete: boolean;
}

type ReadingRef = { meterId: string; readAt: number; value: number };
export type ConsumptionRefusal =
  | {
      code: 'invalid_reading';
      reading: ReadingRef;
      field: 'resource' | 'readAt' | 'value' | 'oldDeviceFinalValue';
    }
  | { code: 'resource_mismatch'; reading: ReadingRef; expected: Resource }
  | { code: 'negative_consumption'; reading: ReadingRef; previous: ReadingRef; difference: number };

export type ConsumptionResult =
  | { ok: true; months: MonthlyConsumption[]; meterMonths: MeterMonth[] }
  | { ok: false; refusal: ConsumptionRefusal };

const thousandths = (v: number): number => Math.round(v * 1000);
const ref = (r: MeterReading): ReadingRef => ({ meterId: r.meterId, readAt: r.readAt, value: r.value });
const monthOf = (at: number): string => tashkentDate(at).slice(0, 7);
const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function invalidField(r: MeterReading): 'resource' | 'readAt' | 'value' | 'oldDeviceFinalValue' | null {
  if (!(RESOURCES as readonly string[]).includes(r.resource)) return 'resource';
  if (!Number.isSafeInteger(r.readAt)) return 'readAt';
  if (!Number.isFinite(r.value) || r.value < 0) return 'value';
  const final = r.oldDeviceFinalValue;
  if (final !== undefined && (!r.replaced || !Number.isFinite(final) || final < 0))
    return 'oldDeviceFinalValue';
  return null;
}

function meterMonths(readings: MeterReading[]): MeterMonth[] | ConsumptionRefusal {
  const out = new Map<string, { amount: number; baseline: MeterReading | null }>();
  let prev: MeterReading | null = null;
  for (const r of readings) {
    const month = monthOf(r.readAt);
    if (!out.has(month)) out.set(month, { amount: 0, baseline: prev });
    if (prev) {
      // Across a replacement only the old device's last stretch counts, when its final count is known.
      const [from, to] = r.replaced
        ? [prev.value, r.oldDeviceFinalValue ?? prev.value]
        : [prev.value, r.value];
      const diff = thousandths(to) - thousandths(from);
      if (diff < 0) {
        return {
          code: 'negative_consumption',
          reading: ref(r),
          previous: ref(prev),
          difference: diff / 1000,
        };
      }
      out.get(month)!.amount += diff;
    }
    prev = r;
  }
  const first = readings[0]!;
  return [...out].map(([month, { amount, baseline }]) => ({
    meterId: first.meterId,
    resource: first.resource,
    month,
    amount: amount / 1000,
    baselineAt: baseline?.readAt ?? null,
    complete: baseline !== null && monthOf(baseline.readAt) === previousMonth(month),
  }));
}

export function monthlyConsumption(readings: readonly MeterReading[]): ConsumptionResult {
  const byMeter = new Map<string, MeterReading[]>();
  for (const r of readings) {
    const field = invalidField(r);
    if (field) return { ok: false, refusal: { code: 'invalid_reading', reading: ref(r), field } };
    const list = byMeter.get(r.meterId);
    if (!list) byMeter.set(r.meterId, [r]);
    else if (list[0]!.resource !== r.resource) {
      return {
        ok: false,
        refusal: { code: 'resource_mismatch', reading: ref(r), expected: list[0]!.resource },
      };
    } else list.push(r);
  }

  const all: MeterMonth[] = [];
  for (const list of byMeter.values()) {
    // Stable sort: readings at the same instant keep the order they were entered in.
    const rows = meterMonths([...list].sort((x, y) => x.readAt - y.readAt));
    if (!Array.isArray(rows)) return { ok: false, refusal: rows };
    all.push(...rows);
  }
  all.sort((x, y) => cmp(x.month, y.month) || cmp(x.resource, y.resource) || cmp(x.meterId, y.meterId));

  const months: MonthlyConsumption[] = [];
  for (const m of all) {
    const last = months.at(-1);
    if (last && last.month === m.month && last.resource === m.resource) {
      last.amount = (thousandths(last.amount) + thousandths(m.amount)) / 1000;
      last.meters += 1;
      last.complete &&= m.complete;
    } else {
      months.push({
        month: m.month,
        resource: m.resource,
        amount: m.amount,
        meters: 1,
        complete: m.complete,
      });
    }
  }
  return { ok: true, months, meterMonths: all };
}
