// The electricity block in the database. On the handover day (the 16th) the daily run lists the
// owners with overdue contributions, in batches of owners, and for each debtor not yet blocked
// records the block and an outbox message in one transaction. A payment that clears an owner's
// overdue contributions lifts the block at once: onOwnerPaid, called by whoever posts the payment
// in the same transaction as the ledger posting, records the lift and its outbox message, so a
// committed payment always carries its lift and a rolled-back one never does. The dispatcher
// (activities/billing/electricity-dispatcher.ts) delivers the messages.
import { type EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';
import { outstandingOn, settle } from '../../domain/billing/arrears.ts';
import {
  type ContributionDebt,
  electricityChanges,
  type OwnerContributions,
} from '../../domain/billing/electricity.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { preparedExecute, statement } from '../sql.ts';
import { loadAccounts, type OwnerAccount } from './penalties.ts';

type ElectricityRules = Parameters<typeof electricityChanges>[3];

/** Every contribution of these owners with what is unpaid at the end of `date`. */
async function contributionsOf(em: EntityManager, ownerIds: readonly string[], date: string) {
  const accounts = await em.execute<OwnerAccount[]>(
    `select id, owner_id as "ownerId", apartment_id as "apartmentId", building_id as "buildingId"
       from ledger_account
      where kind = 'owner_receivable' and owner_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [JSON.stringify(ownerIds)],
  );
  const loaded = await loadAccounts(em, accounts);
  const debts = new Map<string, ContributionDebt[]>(ownerIds.map((o) => [o, []]));
  for (const a of accounts)
    for (const d of outstandingOn(settle(loaded.history.get(a.id)!), date))
      debts.get(a.ownerId)!.push({ apartmentId: a.apartmentId, ...d });
  return ownerIds.map((ownerId): OwnerContributions => ({ ownerId, debts: debts.get(ownerId)! }));
}

// Every payment asks it (onOwnerPaid): prepared, not planned anew each time.
const BLOCKED_AMONG = statement(`select owner_id, blocked_on from electricity_block
  where status = 'blocked' and owner_id in (select jsonb_array_elements_text(?::jsonb)::uuid)
  for update`);

async function blockedAmong(em: EntityManager, ownerIds: readonly string[]) {
  const rows = await preparedExecute<{ owner_id: string; blocked_on: string }>(em, BLOCKED_AMONG, [
    JSON.stringify(ownerIds),
  ]);
  return new Map(rows.map((r) => [r.owner_id, r.blocked_on]));
}

/** Records lifts (block row and outbox message) for owners whose block `blockedOn` is still on. */
async function recordLifts(em: EntityManager, lifts: { ownerId: string; blockedOn: string }[], date: string) {
  if (lifts.length === 0) return 0;
  const json = JSON.stringify(lifts);
  await em.execute(
    `update electricity_block b set status = 'lifted', lifted_at = now(), updated_at = now()
       from jsonb_to_recordset(?::jsonb) as r("ownerId" uuid, "blockedOn" text)
      where b.owner_id = r."ownerId" and b.status = 'blocked'`,
    [json],
  );
  const rows = await em.execute<{ id: string }[]>(
    `insert into electricity_outbox (key, owner_id, action, payload, status, attempts, next_attempt_at, created_at)
     select 'lift:' || r."ownerId" || ':' || r."blockedOn", r."ownerId", 'lift',
            jsonb_build_object('ownerId', r."ownerId", 'date', ?::text), 'pending', 0, now(), now()
       from jsonb_to_recordset(?::jsonb) as r("ownerId" uuid, "blockedOn" text)
     on conflict (key) do nothing
     returning id`,
    [date, json],
  );
  return rows.length;
}

export interface HandoverBatchResult {
  owners: number;
  blocked: number;
  lifted: number;
  /** The last owner of this batch, or null when every owner was seen. */
  next: string | null;
}

/**
 * One batch of owners (by id) on `date`: blocks the debtors not yet blocked on the handover day,
 * and lifts, any day, blocks whose debt is gone however it went (a correction, a payment whose
 * poster did not call onOwnerPaid). One transaction.
 */
export async function electricityBatch(
  em: EntityManager,
  input: { date: string; after: string | null; limit: number },
  policy: ElectricityRules,
): Promise<HandoverBatchResult> {
  return em.transactional(async (tx) => {
    const owners = await tx.execute<{ owner_id: string }[]>(
      `select distinct owner_id from ledger_account
        where kind = 'owner_receivable' and owner_id > ?::uuid order by owner_id limit ?`,
      [input.after ?? '00000000-0000-0000-0000-000000000000', input.limit],
    );
    const ids = owners.map((o) => o.owner_id);
    if (ids.length === 0) return { owners: 0, blocked: 0, lifted: 0, next: null };
    const blocked = await blockedAmong(tx, ids);
    const changes = electricityChanges(
      new Set(blocked.keys()),
      await contributionsOf(tx, ids, input.date),
      input.date,
      policy,
    );
    let blockedNow = 0;
    if (changes.block.length > 0) {
      const json = JSON.stringify(changes.block);
      await tx.execute(
        `insert into electricity_block (owner_id, status, blocked_on, overdue, periods, lifted_at, updated_at)
         select r."ownerId", 'blocked', ?, r.overdue, r.periods, null, now()
           from jsonb_to_recordset(?::jsonb) as r("ownerId" uuid, overdue bigint, periods jsonb)
         on conflict (owner_id) do update
           set status = 'blocked', blocked_on = excluded.blocked_on, overdue = excluded.overdue,
               periods = excluded.periods, lifted_at = null, updated_at = now()
           where electricity_block.status = 'lifted'`,
        [input.date, json],
      );
      const rows = await tx.execute<{ id: string }[]>(
        `insert into electricity_outbox (key, owner_id, action, payload, status, attempts, next_attempt_at, created_at)
         select 'block:' || r."ownerId" || ':' || ?::text, r."ownerId", 'block',
                jsonb_build_object('ownerId', r."ownerId", 'date', ?::text, 'overdueTiyin', r.overdue,
                                   'periods', r.periods),
                'pending', 0, now(), now()
           from jsonb_to_recordset(?::jsonb) as r("ownerId" uuid, overdue bigint, periods jsonb)
         on conflict (key) do nothing
         returning id`,
        [input.date, input.date, json],
      );
      blockedNow = rows.length;
    }
    const lifted = await recordLifts(
      tx,
      changes.lift.map((ownerId) => ({ ownerId, blockedOn: blocked.get(ownerId)! })),
      input.date,
    );
    return {
      owners: ids.length,
      blocked: blockedNow,
      lifted,
      next: ids.length < input.limit ? null : ids.at(-1)!,
    };
  });
}

/**
 * For the payment's poster: call in the same transaction as the payment's ledger posting. When
 * the owner is blocked and nothing of their contributions is overdue any more, records the lift
 * and its message to the supplier. Returns whether a lift was recorded. `date` is the payment's
 * Tashkent day (default: today).
 */
export async function onOwnerPaid(
  em: EntityManager,
  ownerId: string,
  policy: ElectricityRules,
  date: string = tashkentDate(Date.now()),
): Promise<boolean> {
  // Part of the payment's transaction: no savepoint of its own, so most payments (no block) cost
  // one read here.
  return em.transactional(
    async (tx) => {
      const blocked = await blockedAmong(tx, [ownerId]);
      if (!blocked.has(ownerId)) return false;
      const { lift } = electricityChanges(
        new Set([ownerId]),
        await contributionsOf(tx, [ownerId], date),
        date,
        policy,
      );
      if (lift.length === 0) return false;
      return (await recordLifts(tx, [{ ownerId, blockedOn: blocked.get(ownerId)! }], date)) > 0;
    },
    { propagation: TransactionPropagation.REQUIRED },
  );
}

/**
 * onOwnerPaid for many owners paid in one transaction (a bank statement's payments): one query
 * when none of them is blocked, the usual case; each blocked one is decided as onOwnerPaid does.
 */
export async function onOwnersPaid(
  em: EntityManager,
  paid: readonly { ownerId: string; date: string }[],
  policy: ElectricityRules,
): Promise<number> {
  if (paid.length === 0) return 0;
  const blocked = await blockedAmong(em, [...new Set(paid.map((p) => p.ownerId))]);
  let lifted = 0;
  for (const p of paid)
    if (blocked.has(p.ownerId) && (await onOwnerPaid(em, p.ownerId, policy, p.date))) lifted++;
  return lifted;
}

export type ElectricityAction = 'block' | 'lift';

export interface OutboxMessage {
  id: number;
  key: string;
  ownerId: string;
  action: ElectricityAction;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * Claims up to `limit` due messages nobody else holds and hands them to `deliver` inside the
 * transaction; delivered ones are marked, failed ones wait `backoffMs(attempts)` for the next pass.
 * Returns how many were delivered and whether the supplier was unavailable.
 */
export async function dispatchElectricity(
  em: EntityManager,
  deliver: (m: OutboxMessage) => Promise<void>,
  opts: { limit: number; backoffMs: (attempts: number) => number },
): Promise<{ claimed: number; delivered: number; failed: number }> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<
      {
        id: string;
        key: string;
        owner_id: string;
        action: ElectricityAction;
        payload: Record<string, unknown>;
        attempts: number;
      }[]
    >(
      `select id, key, owner_id, action, payload, attempts from electricity_outbox
        where status = 'pending' and next_attempt_at <= now()
        order by id limit ? for update skip locked`,
      [opts.limit],
    );
    let delivered = 0;
    let failed = 0;
    for (const r of rows) {
      const m = {
        id: Number(r.id),
        key: r.key,
        ownerId: r.owner_id,
        action: r.action,
        payload: r.payload,
        attempts: r.attempts,
      };
      try {
        await deliver(m);
        await tx.execute(
          `update electricity_outbox set status = 'delivered', delivered_at = now(), attempts = attempts + 1,
                  last_error = null where id = ?`,
          [m.id],
        );
        delivered++;
      } catch (err) {
        failed++;
        await tx.execute(
          `update electricity_outbox set attempts = attempts + 1, last_error = ?,
                  next_attempt_at = now() + (? * interval '1 millisecond') where id = ?`,
          [String((err as Error).message).slice(0, 500), opts.backoffMs(m.attempts + 1), m.id],
        );
      }
    }
    return { claimed: rows.length, delivered, failed };
  });
}
