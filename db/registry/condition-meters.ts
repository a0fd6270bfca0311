// Meter readings of a building and the monthly consumption they give. A batch is accepted whole or
// refused whole: every new reading is checked, together with the stored ones of the same meters,
// by domain/registry/consumption.ts before anything is written, so the stored readings always add
// up to a consumption that is nowhere negative. A reading already stored (same meter, same instant,
// same value) counts as a duplicate, which makes a retried batch harmless.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RuleError } from '../../domain/common/rule-error.ts';
import type { ConditionRuleCode } from '../../domain/registry/condition-errors.ts';
import {
  type ConsumptionRefusal,
  type MeterReading,
  monthlyConsumption,
  RESOURCE_UNITS,
  type Resource,
} from '../../domain/registry/consumption.ts';
import { isUuid } from '../sql.ts';

export interface ConsumptionMonthView {
  month: string;
  resource: Resource;
  amount: number;
  unit: string;
  complete: boolean;
}

interface StoredReading extends MeterReading {
  buildingId: string;
}

const key = (r: { meterId: string; readAt: number }) => `${r.meterId}@${r.readAt}`;
const at = (ms: number) => new Date(ms).toISOString();
const invalid = (i: number, field: string, message: string) =>
  new RuleError<ConditionRuleCode>('invalid', message, [`readings.${i}.${field}`]);

async function storedReadings(tx: EntityManager, where: string, params: unknown[]): Promise<StoredReading[]> {
  const rows = await tx.execute<
    (Omit<StoredReading, 'readAt' | 'oldDeviceFinalValue'> & {
      readAt: unknown;
      oldDeviceFinalValue: number | null;
    })[]
  >(
    `select building_id as "buildingId", meter_id as "meterId", resource, read_at as "readAt",
            value::float8 as value, replaced, old_device_final_value::float8 as "oldDeviceFinalValue"
     from meter_reading where ${where} order by read_at, created_at, id`,
    params,
  );
  return rows.map((r) => ({
    ...r,
    readAt: new Date(r.readAt as string).getTime(),
    oldDeviceFinalValue: r.oldDeviceFinalValue ?? undefined,
  }));
}

function refusalError(
  refusal: ConsumptionRefusal,
  indexOf: (r: { meterId: string; readAt: number }) => number,
) {
  const i = indexOf(refusal.reading);
  switch (refusal.code) {
    case 'invalid_reading':
      return invalid(i, refusal.field, `this reading's ${refusal.field} is not valid`);
    case 'resource_mismatch':
      return invalid(i, 'resource', `meter ${refusal.reading.meterId} measures ${refusal.expected}`);
    case 'negative_consumption': {
      // Name the new reading of the pair: a stored one was accepted before and is not the mistake.
      const j = i >= 0 ? i : indexOf(refusal.previous);
      return invalid(
        j,
        'value',
        `consumption of meter ${refusal.reading.meterId} would be negative (${refusal.difference}): ` +
          `${refusal.reading.value} at ${at(refusal.reading.readAt)} after ${refusal.previous.value} at ` +
          `${at(refusal.previous.readAt)}; a new device is flagged replaced: true`,
      );
    }
  }
}

/** Records the batch's key with its hash, or refuses a key that named another batch. */
async function claimBatch(
  tx: EntityManager,
  buildingId: string,
  batch: { idempotencyKey: string; requestSha256: string },
) {
  await tx.execute(
    `insert into meter_reading_batch (idempotency_key, building_id, request_sha256, created_at)
     values (?, ?, ?, clock_timestamp()) on conflict (idempotency_key) do nothing`,
    [batch.idempotencyKey, buildingId, batch.requestSha256],
  );
  const [stored] = await tx.execute<{ requestSha256: string }[]>(
    'select request_sha256 as "requestSha256" from meter_reading_batch where idempotency_key = ?',
    [batch.idempotencyKey],
  );
  if (stored?.requestSha256 !== batch.requestSha256)
    throw new RuleError<ConditionRuleCode>(
      'idempotency_conflict',
      'this Idempotency-Key was already used for another batch of readings',
    );
}

export async function recordMeterReadings(
  em: EntityManager,
  buildingId: string,
  readings: readonly MeterReading[],
  batch?: { idempotencyKey: string; requestSha256: string },
): Promise<{ accepted: number; duplicates: number }> {
  if (!isUuid(buildingId)) throw new RuleError<ConditionRuleCode>('not_found', 'no such building');
  return em.transactional(async (tx) => {
    // Serializes batches of one building, so two of them cannot each pass the check alone.
    const [building] = await tx.execute<{ id: string }[]>('select id from building where id = ? for update', [
      buildingId,
    ]);
    if (!building) throw new RuleError<ConditionRuleCode>('not_found', 'no such building');
    if (batch) await claimBatch(tx, buildingId, batch);
    const meters = [...new Set(readings.map((r) => r.meterId))];
    const stored = await storedReadings(tx, `meter_id in (${meters.map(() => '?').join(', ')})`, meters);
    const known = new Map(stored.map((r) => [key(r), r]));
    const fresh: MeterReading[] = [];
    const freshIndex = new Map<string, number>();
    let duplicates = 0;
    for (const [i, r] of readings.entries()) {
      const other = stored.find((s) => s.meterId === r.meterId && s.buildingId !== buildingId);
      if (other) throw invalid(i, 'meterId', `meter ${r.meterId} belongs to another building`);
      const same = known.get(key(r)) ?? (freshIndex.has(key(r)) ? fresh[freshIndex.get(key(r))!] : undefined);
      if (same) {
        if (
          same.value !== r.value ||
          same.resource !== r.resource ||
          Boolean(same.replaced) !== Boolean(r.replaced)
        )
          throw invalid(i, 'value', `meter ${r.meterId} already has a different reading at ${at(r.readAt)}`);
        duplicates += 1;
        continue;
      }
      freshIndex.set(key(r), fresh.length);
      fresh.push(r);
    }
    const result = monthlyConsumption([...stored, ...fresh]);
    if (!result.ok) {
      const indexOf = (r: { meterId: string; readAt: number }) =>
        readings.findIndex((x) => x.meterId === r.meterId && x.readAt === r.readAt);
      throw refusalError(result.refusal, indexOf);
    }
    for (let i = 0; i < fresh.length; i += 500) {
      const chunk = fresh.slice(i, i + 500);
      await tx.execute(
        `insert into meter_reading (id, building_id, meter_id, resource, read_at, value, replaced,
                                    old_device_final_value, created_at)
         values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())').join(', ')}`,
        chunk.flatMap((r) => [
          randomUUID(),
          buildingId,
          r.meterId,
          r.resource,
          at(r.readAt),
          r.value,
          r.replaced === true,
          r.oldDeviceFinalValue ?? null,
        ]),
      );
    }
    return { accepted: fresh.length, duplicates };
  });
}

/** Start of a 'YYYY-MM' month in Tashkent (UTC+5, no daylight saving), epoch ms. */
const monthStart = (month: string) => Date.parse(`${month}-01T00:00:00+05:00`);
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Per month and resource, summed over the building's meters; months from..to inclusive. */
export async function buildingConsumption(
  em: EntityManager,
  buildingId: string,
  from: string,
  to: string,
): Promise<ConsumptionMonthView[]> {
  if (!isUuid(buildingId)) return [];
  // Readings before `from` are needed too: they are the baseline of its first month.
  const readings = await storedReadings(em, 'building_id = ? and read_at < ?', [
    buildingId,
    at(monthStart(nextMonth(to))),
  ]);
  const result = monthlyConsumption(readings);
  if (!result.ok)
    throw new RuleError<ConditionRuleCode>(
      'conflict',
      'the stored readings do not add up; correct them first',
    );
  return result.months
    .filter((m) => m.month >= from && m.month <= to)
    .map((m) => ({
      month: m.month,
      resource: m.resource,
      amount: m.amount,
      unit: RESOURCE_UNITS[m.resource],
      complete: m.complete,
    }));
}
