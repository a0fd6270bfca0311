// The ledger against real PostgreSQL: batches with their balances before and after, idempotent ids,
// pending → posted / voided, balances at an instant, concurrent batches over the same accounts in
// opposite orders, and the database itself refusing to rewrite or unbalance the books.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  balanceOf,
  entriesOf,
  postPending,
  postTransfers,
  type TransferInput,
  trialBalance,
  voidPending,
} from '../../db/billing/ledger.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { RuleError } from '../../domain/common/rule-error.ts';
import { createBuilding } from '../registry/buildings.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { expectBalancedBooks } from './books.ts';

let db: TestDatabase;
let orm: Orm;
const em = () => orm.em.fork();
let buildingId: string;
let apartments: string[];

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'billing_ledger');
  orm = await createOrm({ url: db.url, poolMax: 6 });
  ({ buildingId } = await createBuilding(orm, {
    totalArea: 200,
    livingArea: 150,
    apartments: [
      { number: '1', area: 50, shares: [[1, 1]] },
      { number: '2', area: 100, shares: [[1, 1]] },
    ],
  }));
  apartments = (
    await em().execute<{ id: string }[]>(`select id from apartment where building_id = ? order by number`, [
      buildingId,
    ])
  ).map((r) => r.id);
});
afterEach(async () => {
  await expectBalancedBooks(em());
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const revenue = () => accountId({ kind: 'revenue', buildingId, revenue: 'contributions' });
const owner = (i: number, ownerId = OWNERS[i]!) =>
  accountId({ kind: 'owner_receivable', ownerId, apartmentId: apartments[i]! });
const OWNERS = [randomUUID(), randomUUID()];

const accrual = (i: number, amount: number, id = `t/${randomUUID()}`): TransferInput => ({
  id,
  debit: owner(i),
  credit: revenue(),
  amount,
  kind: 'accrual',
  reason: 'test',
  period: '2027-01',
  buildingId,
});

async function expectRule(work: Promise<unknown>, code: string) {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RuleError);
  expect((err as RuleError).code).toBe(code);
}

describe('posting', () => {
  it('records a batch with each entry’s balance before and after, once however often it is sent', async () => {
    const before = await balanceOf(em(), revenue());
    const batch = [accrual(0, 5_000_00), accrual(1, 10_000_00), accrual(0, 1_23)];
    expect(await postTransfers(em(), batch)).toEqual({ recorded: 3, posted: 3, duplicates: 0 });
    expect(await postTransfers(em(), batch)).toEqual({ recorded: 0, posted: 0, duplicates: 3 });
    expect(await balanceOf(em(), revenue())).toBe(before - 15_001_23n);
    const entries = await entriesOf(em(), revenue(), new Date(0), new Date(Date.now() + 60_000));
    const mine = entries.filter((e) => batch.some((t) => t.id === e.transferId));
    expect(mine.map((e) => e.change)).toEqual(
      [...batch].sort((a, b) => (a.id < b.id ? -1 : 1)).map((t) => -BigInt(t.amount)),
    );
    for (const e of entries) expect(e.balanceAfter).toBe(e.balanceBefore + e.change);
    for (let i = 1; i < entries.length; i++)
      expect(entries[i]!.balanceBefore).toBe(entries[i - 1]!.balanceAfter);
    expect(await trialBalance(em())).toBe(0n);
  });

  it('refuses an id recorded with other content, and a batch with an invalid transfer, whole', async () => {
    const t = accrual(0, 100);
    await postTransfers(em(), [t]);
    const fresh = accrual(1, 200);
    await expectRule(postTransfers(em(), [fresh, { ...t, amount: 101 }]), 'transfer_conflict');
    await expectRule(postTransfers(em(), [fresh, { ...accrual(0, 0) }]), 'invalid');
    await expectRule(postTransfers(em(), [{ ...fresh, kind: 'expense' }]), 'invalid');
    await expectRule(postTransfers(em(), [{ ...fresh, kind: 'correction', reason: '' }]), 'invalid');
    const [row] = await em().execute(`select count(*)::int as n from ledger_transfer where id = ?`, [
      fresh.id,
    ]);
    expect(row).toEqual({ n: 0 });
  });

  it('posts a correction only with its reason and the transfer it corrects', async () => {
    const t = accrual(1, 700);
    await postTransfers(em(), [t]);
    const before = await balanceOf(em(), owner(1));
    await postTransfers(em(), [
      {
        id: `correction/${t.id}`,
        debit: revenue(),
        credit: owner(1),
        amount: 200,
        kind: 'correction',
        reason: 'area was 48 m², not 50 m²',
        period: '2027-01',
        correctsId: t.id,
        buildingId,
      },
    ]);
    expect(await balanceOf(em(), owner(1))).toBe(before - 200n);
  });
});

describe('pending transfers', () => {
  it('hold no balance until posted; post and void once, never back', async () => {
    const [a, b] = [accrual(0, 300), accrual(1, 400)].map((t) => ({ ...t, status: 'pending' as const }));
    const before = await balanceOf(em(), revenue());
    expect(await postTransfers(em(), [a!, b!])).toEqual({ recorded: 2, posted: 0, duplicates: 0 });
    expect(await balanceOf(em(), revenue())).toBe(before);
    expect((await postPending(em(), [a!.id])).posted).toBe(1);
    expect((await postPending(em(), [a!.id])).posted).toBe(0);
    expect(await balanceOf(em(), revenue())).toBe(before - 300n);
    await voidPending(em(), [b!.id]);
    await expectRule(postPending(em(), [b!.id]), 'not_pending');
    await expectRule(voidPending(em(), [a!.id]), 'not_pending');
    await expectRule(postPending(em(), ['t/nothing']), 'not_found');
    expect(await balanceOf(em(), revenue())).toBe(before - 300n);
  });
});

describe('balances in time', () => {
  it('answers the balance at any instant from the entries', async () => {
    const t1 = accrual(1, 1_000);
    await postTransfers(em(), [t1]);
    const [e1] = (await entriesOf(em(), owner(1), new Date(0), new Date(Date.now() + 60_000))).filter(
      (e) => e.transferId === t1.id,
    );
    await postTransfers(em(), [accrual(1, 2_000)]);
    expect(await balanceOf(em(), owner(1), new Date(e1!.postedAt))).toBe(e1!.balanceAfter);
    expect(await balanceOf(em(), owner(1), new Date(Date.parse(e1!.postedAt) - 1))).toBe(e1!.balanceBefore);
    expect(await balanceOf(em(), owner(1))).toBe(e1!.balanceAfter + 2_000n);
    expect(await balanceOf(em(), owner(1), new Date(0))).toBe(0n);
  });

  it('posts concurrent batches over the same accounts in opposite orders without a deadlock', async () => {
    const others = [randomUUID(), randomUUID(), randomUUID()];
    const accounts = others.map((o, i) => owner(i % 2, o));
    const batch = (order: string[]) =>
      order.map((debit) => ({ ...accrual(0, 10), debit, id: `t/${randomUUID()}` }));
    const before = await balanceOf(em(), revenue());
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        postTransfers(em(), batch(i % 2 ? accounts : [...accounts].reverse())),
      ),
    );
    expect(await balanceOf(em(), revenue())).toBe(before - 180n);
  });
});

describe('the database', () => {
  it('refuses to update or delete a posted entry or transfer, and to unbalance a transfer', async () => {
    const t = accrual(0, 999);
    await postTransfers(em(), [t]);
    const refused = (sql: string, params: unknown[] = []) =>
      expect(em().execute(sql, params)).rejects.toThrow(
        /append-only|never changed|does not balance|do not balance/,
      );
    await refused(`update ledger_entry set change = 1 where transfer_id = ?`, [t.id]);
    await refused(`delete from ledger_entry where transfer_id = ?`, [t.id]);
    await refused(`update ledger_transfer set amount = 1 where id = ?`, [t.id]);
    await refused(
      `update ledger_transfer set status = 'voided', posted_at = null, voided_at = now() where id = ?`,
      [t.id],
    );
    await refused(`delete from ledger_transfer where id = ?`, [t.id]);
    await refused(
      `insert into ledger_transfer (id, kind, debit_account_id, credit_account_id, amount, reason, status, created_at, posted_at)
       values (?, 'accrual', ?, ?, 5, '', 'posted', now(), now())`,
      [`t/${randomUUID()}`, owner(0), revenue()],
    );
    const pending = { ...accrual(1, 5), status: 'pending' as const };
    await postTransfers(em(), [pending]);
    await refused(`update ledger_transfer set status = 'posted', posted_at = now() where id = ?`, [
      pending.id,
    ]);
    await expect(
      em().execute(`update ledger_transfer set amount = 6 where id = ?`, [pending.id]),
    ).rejects.toThrow(/never changed/);
    await voidPending(em(), [pending.id]);
  });
});
