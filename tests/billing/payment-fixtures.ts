// The stack the payment tests need: the real API on a socket (the sandboxes call it over HTTP, as
// the providers do), its own database, a building registered for billing whose owners owe two
// months of contributions and a penalty, another building not registered, and both sandboxes.
import { randomUUID } from 'node:crypto';
import { listen, type RunningServer } from '../../api/server.ts';
import { balanceOf, postTransfers } from '../../db/billing/ledger.ts';
import { createOrm, type Orm } from '../../db/orm.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { personalAccountNumber } from '../../domain/billing/personal-account.ts';
import { type ClickSandbox, startClickSandbox } from '../../platform/payments/click-sandbox.ts';
import { type PaymeSandbox, startPaymeSandbox } from '../../platform/payments/payme-sandbox.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase, type TestPostgres } from '../support/database.ts';
import { createDistrict, registerForBilling } from './fixtures.ts';

export const PAYME_KEY = 'sandbox-merchant-key-1';
export const CLICK_SERVICE_ID = '31337';
export const CLICK_SECRET = 'sandbox-click-secret-1';

/** What each owner owes before paying: Oct and Nov contributions, the Oct penalty. */
export const OWED = { '2026-10': 100_000, '2026-11': 120_000, penalty: 5_000 } as const;
export const TOTAL_OWED = 225_000;

export interface Owner {
  account: string;
  /** The personal account number. */
  number: string;
  buildingId: string;
}

export interface PaymentStack {
  db: TestDatabase;
  orm: Orm;
  api: TestApp;
  server: RunningServer;
  payme: PaymeSandbox;
  click: ClickSandbox;
  /** A fresh owner in the registered building, owing TOTAL_OWED. */
  owner(): Promise<Owner>;
  /** An owner in a building not registered for billing. */
  unregisteredOwner(): Promise<Owner>;
  balance(account: string): Promise<bigint>;
  close(): Promise<void>;
}

async function numberOf(orm: Orm, account: string) {
  const [row] = await orm.em
    .fork()
    .execute<{ serial: string }[]>(`select serial::text as serial from ledger_account where id = ?`, [
      account,
    ]);
  return personalAccountNumber(Number(row!.serial));
}

export async function startPaymentStack(postgres: TestPostgres, label: string): Promise<PaymentStack> {
  const db = await createTestDatabase(postgres, label);
  const orm = await createOrm({ url: db.url, poolMax: 4 });
  const api = await createTestApp({
    withTemporal: false,
    databaseUrl: db.url,
    env: { PAYME_KEY, CLICK_SERVICE_ID, CLICK_SECRET_KEY: CLICK_SECRET, DATABASE_POOL_MAX: '8' },
  });
  const server = await listen(api.app, '127.0.0.1', 0);
  const payme = await startPaymeSandbox({
    merchantUrl: `${server.url}/api/v1/payments/payme`,
    key: PAYME_KEY,
  });
  const click = await startClickSandbox({
    merchantUrl: `${server.url}/api/v1/payments/click`,
    serviceId: CLICK_SERVICE_ID,
    secretKey: CLICK_SECRET,
  });
  const district = await createDistrict(orm);
  const registered = await district.building([{ number: '1', area: 50, shares: [[1, 1]] }]);
  await registerForBilling(orm, registered.buildingId);
  const other = await district.building([{ number: '1', area: 50, shares: [[1, 1]] }]);

  const owe = async (buildingId: string, apartmentId: string): Promise<Owner> => {
    const account = accountId({ kind: 'owner_receivable', ownerId: randomUUID(), apartmentId });
    const contributions = accountId({ kind: 'revenue', buildingId, revenue: 'contributions' });
    const penalties = accountId({ kind: 'revenue', buildingId, revenue: 'penalties' });
    const base = { debit: account, buildingId, reason: '' };
    await postTransfers(orm.em.fork(), [
      {
        ...base,
        id: randomUUID(),
        credit: contributions,
        amount: OWED['2026-10'],
        kind: 'accrual',
        period: '2026-10',
      },
      {
        ...base,
        id: randomUUID(),
        credit: contributions,
        amount: OWED['2026-11'],
        kind: 'accrual',
        period: '2026-11',
      },
      {
        ...base,
        id: randomUUID(),
        credit: penalties,
        amount: OWED.penalty,
        kind: 'penalty',
        period: '2026-10',
      },
    ]);
    return { account, number: await numberOf(orm, account), buildingId };
  };
  return {
    db,
    orm,
    api,
    server,
    payme,
    click,
    owner: () => owe(registered.buildingId, registered.apartmentIds[0]!),
    unregisteredOwner: () => owe(other.buildingId, other.apartmentIds[0]!),
    balance: (account) => balanceOf(orm.em.fork(), account),
    async close() {
      await payme.close();
      await click.close();
      await server.close();
      await api.close();
      await orm.close();
      await db.drop();
    },
  };
}

/** The allocations a payment transfer recorded. */
export async function allocationsOf(orm: Orm, transferId: string) {
  const [row] = await orm.em
    .fork()
    .execute<{ detail: { allocations: unknown[]; advance: number } }[]>(
      `select detail from ledger_transfer where id = ?`,
      [transferId],
    );
  return row?.detail;
}

/** How many payment and reversal transfers the provider's transaction caused. */
export async function transfersOf(
  orm: Orm,
  prefix: string,
): Promise<{ kind: string; amount: number; reason: string; debit: string; credit: string }[]> {
  const rows = await orm.em
    .fork()
    .execute<{ kind: string; amount: string; reason: string; debit: string; credit: string }[]>(
      `select kind, amount::text as amount, reason, debit_account_id as debit, credit_account_id as credit
         from ledger_transfer where id = ? or id like ? order by seq`,
      [prefix, `${prefix}:%`],
    );
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}
