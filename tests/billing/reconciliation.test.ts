// The daily reconciliation end to end: the Payme and Click sandboxes pay through our endpoints over
// HTTP and list what they performed in their registries; a bank statement is imported through its
// API; the daily billing run on the Temporal dev server reconciles the day
// and opens cases, which the API shows to the building's organization, council and inspection.
// A transaction a provider performed that never reached the ledger (an unrecorded income) and a
// ledger payment no provider knows (an orphan transfer) each open a case; a re-run opens none
// again; the books balance after every test.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { postTransfers } from '../../db/billing/ledger.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import type { ViolationView } from '../../domain/billing/reconciliation.ts';
import { addDays, tashkentDate } from '../../domain/calendar/working-days.ts';
import type { BillingDailySummary } from '../../workflows/billing/contract.ts';
import { call, newKey, ok, problem } from '../support/api-client.ts';
import type { WorkerHarness } from '../support/worker-harness.ts';
import { expectBalancedBooks } from './books.ts';
import { runDaily } from './debtors-support.ts';
import { createDistrict, registerForBilling } from './fixtures.ts';
import { startBillingHarness } from './harness.ts';
import { type Owner, type PaymentStack, startPaymentStack } from './payment-fixtures.ts';

let s: PaymentStack;
let h: WorkerHarness;
let buildingId: string;
let districtId: string;
let organizationId: string;
const tokens: Record<'council' | 'inspector' | 'org' | 'otherOrg' | 'otherCouncil' | 'resident', string> = {
  council: '',
  inspector: '',
  org: '',
  otherOrg: '',
  otherCouncil: '',
  resident: '',
};
const em = () => s.orm.em.fork();
const today = () => tashkentDate(Date.now());
/** The run of tomorrow reconciles today, the day the sandboxes paid. */
const reconcileToday = (run = randomUUID()) => runDaily(h, addDays(today(), 1), run);

async function tokenFor(roles: string[], o: { org?: string | null; district?: string | null } = {}) {
  const [user] = await em().execute<{ id: string }[]>(
    `insert into user_account (id, display_name, created_at) values (gen_random_uuid(), 'Test', now()) returning id`,
  );
  return s.api.deps.dev!.issuer.sign({
    sub: user!.id,
    name: 'Test',
    pid: null,
    roles,
    org: o.org ?? null,
    district: o.district ?? null,
  });
}

async function buildingOf(account: string) {
  const [row] = await em().execute<{ building_id: string; district_id: string }[]>(
    `select a.building_id, b.district_id from ledger_account a join building b on b.id = a.building_id where a.id = ?`,
    [account],
  );
  return row!;
}

const violations = async (token = tokens.council, id = buildingId) =>
  (
    await ok<{ items: ViolationView[] }>(
      await call(s.api, 'GET', `/billing/buildings/${id}/violations`, { token }),
    )
  ).items;
const byReference = (items: ViolationView[], reference: string) =>
  items.filter((v) => v.reference === reference);

beforeAll(async () => {
  s = await startPaymentStack(inject('postgres'), 'billing_reconciliation');
  h = await startBillingHarness({
    databaseUrl: s.db.url,
    temporalAddress: inject('temporalAddress'),
    env: { PAYME_REGISTRY_URL: s.payme.url, CLICK_REGISTRY_URL: s.click.url },
  });
  const first = await s.owner();
  ({ building_id: buildingId, district_id: districtId } = await buildingOf(first.account));
  const district = await createDistrict(s.orm);
  organizationId = await district.organization();
  await em().execute(`update building set management_organization_id = ? where id = ?`, [
    organizationId,
    buildingId,
  ]);
  const other = await createDistrict(s.orm);
  tokens.council = await tokenFor(['council'], { district: districtId });
  tokens.inspector = await tokenFor(['inspector'], { district: districtId });
  tokens.org = await tokenFor(['management_company'], { org: organizationId });
  tokens.otherOrg = await tokenFor(['management_company'], { org: await other.organization() });
  tokens.otherCouncil = await tokenFor(['council'], { district: other.districtId });
  tokens.resident = await tokenFor(['resident']);
});
afterEach(() => expectBalancedBooks(em()));
afterAll(async () => {
  await h?.stop();
  await s?.close();
});

/**
 * A payment on the ledger from a provider's clearing, as postPayment makes it, that no provider
 * performed; `providerWide`, from the provider-wide clearing payments were posted to before the
 * clearing was kept per building.
 */
async function orphanPayment(o: Owner, amount: number, providerWide = false) {
  const providerId = `ghost${randomUUID().replaceAll('-', '').slice(0, 19)}`;
  await postTransfers(em(), [
    {
      id: `payme:${providerId}`,
      debit: accountId({
        kind: 'provider_clearing',
        provider: 'payme',
        ...(providerWide ? {} : { buildingId }),
      }),
      credit: o.account,
      amount,
      kind: 'payment',
      reason: `payme payment ${providerId}`,
      period: null,
      buildingId,
      detail: { provider: 'payme', providerId, allocations: [], advance: amount, paidOn: today() },
    },
  ]);
  return providerId;
}

describe('the providers’ registries against the ledger', () => {
  it('an unrecorded income and an orphan payment each open one case; paid payments open none; a re-run opens nothing', async () => {
    const o = await s.owner();
    const paid = s.payme.newId();
    expect((await s.payme.pay({ account: o.number, amount: 50_000, id: paid })).result?.state).toBe(2);
    const clicked = s.click.newId();
    expect((await s.click.pay({ account: o.number, amount: 30_000, clickTransId: clicked })).error).toBe(0);
    // Payme took the payer's money and never told us; Click too.
    const lost = s.payme.performUnnoticed({ account: o.number, amount: 70_000 });
    const lostClick = s.click.performUnnoticed({ account: o.number, amount: 12_345 });
    // The ledger holds a Payme payment Payme never performed.
    const ghost = await orphanPayment(o, 40_000);
    const oldGhost = await orphanPayment(o, 15_000, true);

    const first = (await reconcileToday()) as BillingDailySummary;
    expect(first.reconciliation).toMatchObject({
      day: today(),
      sources: { payme: 'reconciled', click: 'reconciled', bank: 'reconciled' },
    });
    const items = await violations();
    expect(byReference(items, `payme:${lost.id}`)).toEqual([
      {
        id: expect.any(String),
        kind: 'transfer_without_income',
        source: 'payme',
        amount: 70_000,
        occurredOn: today(),
        reference: `payme:${lost.id}`,
        status: 'open',
        openedAt: expect.any(String),
        resolvedAt: null,
        note: null,
      },
    ]);
    expect(byReference(items, `click:${lostClick.id}`)).toMatchObject([
      { kind: 'transfer_without_income', source: 'click', amount: 12_345, status: 'open' },
    ]);
    expect(byReference(items, `payme:${ghost}`)).toMatchObject([
      {
        kind: 'income_without_transfer',
        source: 'payme',
        amount: 40_000,
        occurredOn: today(),
        status: 'open',
      },
    ]);
    expect(byReference(items, `payme:${oldGhost}`)).toMatchObject([
      { kind: 'income_without_transfer', source: 'payme', amount: 15_000, status: 'open' },
    ]);
    expect(byReference(items, `payme:${paid}`)).toEqual([]);
    expect(byReference(items, `click:${clicked}`)).toEqual([]);
    const [row] = await em().execute<{ organization_id: string; opened_by: string }[]>(
      `select organization_id, opened_by from billing_violation where reference = ?`,
      [`payme:${lost.id}`],
    );
    expect(row).toEqual({ organization_id: organizationId, opened_by: `reconciliation:${today()}` });

    const again = (await reconcileToday()) as BillingDailySummary;
    expect(again.reconciliation).toMatchObject({ day: today(), opened: 0 });
    expect((again.reconciliation as { discrepancies: number }).discrepancies).toBeGreaterThanOrEqual(3);
    expect(await violations()).toEqual(items);
  });

  it('a payment Payme cancelled after performing matches its reversal; one the ledger never reversed is a case', async () => {
    const o = await s.owner();
    const reversed = s.payme.newId();
    await s.payme.pay({ account: o.number, amount: 20_000, id: reversed });
    expect((await s.payme.call('CancelTransaction', { id: reversed, reason: 5 })).result?.state).toBe(-2);
    // Payme says it gave this one back; the ledger still holds it as paid.
    const kept = s.payme.newId();
    await s.payme.pay({ account: o.number, amount: 15_000, id: kept });
    (s.payme.performed.get(kept) as { cancelledAt: number | null }).cancelledAt = Date.now();

    await reconcileToday();
    const items = await violations();
    expect(byReference(items, `payme:${reversed}`)).toEqual([]);
    expect(byReference(items, `payme:${kept}`)).toMatchObject([
      { kind: 'income_without_transfer', source: 'payme', amount: 15_000 },
    ]);
  });
});

describe('the bank statements against the ledger', () => {
  /** A registered building of its own with one owner, administered by the organization. */
  async function bankBuilding() {
    const district = await createDistrict(s.orm);
    const b = await district.building([{ number: '1', area: 50, shares: [[1, 1]] }]);
    await registerForBilling(s.orm, b.buildingId);
    await em().execute(`update building set management_organization_id = ? where id = ?`, [
      organizationId,
      b.buildingId,
    ]);
    const owner = accountId({
      kind: 'owner_receivable',
      ownerId: b.ownerIds[0]![0]!,
      apartmentId: b.apartmentIds[0]!,
    });
    /** The statement imported through the API, as the organization uploads it; its lines by document number. */
    const upload = async (rows: string[]) => {
      const res = await s.api.app.request(`/api/v1/billing/buildings/${b.buildingId}/bank-statements`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens.org}`, 'Content-Type': 'text/csv; charset=utf-8' },
        body: ['Дата;Сумма;Плательщик;Назначение платежа;Номер документа', ...rows].join('\r\n'),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const lines = await em().execute<{ id: string; reference: string; kind: string }[]>(
        `select id, reference, kind from bank_statement_line where building_id = ?`,
        [b.buildingId],
      );
      return Object.fromEntries(lines.map((l) => [l.reference, l]));
    };
    /** A Payme payment on the ledger dated `paidOn`, as postPayment records it. */
    const payment = async (amount: number, paidOn: string) => {
      const providerId = randomUUID().replaceAll('-', '').slice(0, 24);
      await postTransfers(em(), [
        {
          id: `payme:${providerId}`,
          debit: accountId({ kind: 'provider_clearing', provider: 'payme', buildingId: b.buildingId }),
          credit: owner,
          amount,
          kind: 'payment',
          reason: `payme payment ${providerId}`,
          period: null,
          buildingId: b.buildingId,
          detail: { provider: 'payme', providerId, allocations: [], advance: amount, paidOn },
        },
      ]);
    };
    return { buildingId: b.buildingId, upload, payment };
  }

  it('unsettled payments past the lag, a settlement beyond the ledger and a line left unmatched too long open cases; a re-run opens nothing', async () => {
    const b = await bankBuilding();
    const day = (n: number) => addDays(today(), -n);
    // Payments of 12 days ago settled in full 2 days later; 8 days ago settled short; 1 day ago
    // still within the 3-day lag.
    await b.payment(100_000, day(12));
    await b.payment(60_000, day(8));
    await b.payment(9_000, day(1));
    const lines = await b.upload([
      `${day(11)};70,00;Karimov A.;квартплата;Q-1`,
      `${day(10)};1000,00;OOO INSPIRED;Перечисление средств по реестру Payme;P-1`,
      `${day(7)};450,00;OOO INSPIRED;Перечисление средств по реестру Payme;P-2`,
      // Click settled money the ledger never recorded: an orphan transfer on the statement.
      `${day(2)};330,00;OOO Click;Reestr;C-1`,
      // Waiting in the queue for 2 days only (the policy allows 10).
      `${day(2)};80,00;Rahimova N.;за квартиру;Q-2`,
    ]);
    expect(
      Object.values(lines)
        .map((l) => l.kind)
        .sort(),
    ).toEqual([
      'owner_payment',
      'owner_payment',
      'provider_settlement',
      'provider_settlement',
      'provider_settlement',
    ]);

    await reconcileToday();
    const items = await violations(tokens.org, b.buildingId);
    expect(items.map((v) => [v.kind, v.source, v.amount, v.occurredOn, v.reference]).sort()).toEqual(
      [
        ['income_without_transfer', 'bank', 15_000, day(8), `settlement:payme:${b.buildingId}:${day(8)}`],
        ['transfer_without_income', 'bank', 33_000, day(2), `bank-line:${lines['C-1']!.id}`],
        ['transfer_without_income', 'bank', 7_000, day(11), `bank-line:${lines['Q-1']!.id}`],
      ].sort(),
    );

    const again = (await reconcileToday()) as BillingDailySummary;
    expect(again.reconciliation).toMatchObject({ opened: 0 });
    expect(await violations(tokens.org, b.buildingId)).toEqual(items);
    // Another district's building: its council and inspection do not see it.
    await problem(
      await call(s.api, 'GET', `/billing/buildings/${b.buildingId}/violations`, { token: tokens.inspector }),
      403,
    );
  });
});

describe('who sees and resolves cases', () => {
  it('GET: 401 without a token, 403 to a resident, another organization or another district; 404 for no building', async () => {
    const path = `/billing/buildings/${buildingId}/violations`;
    await problem(await call(s.api, 'GET', path), 401);
    await problem(await call(s.api, 'GET', path, { token: tokens.resident }), 403);
    await problem(await call(s.api, 'GET', path, { token: tokens.otherOrg }), 403);
    await problem(await call(s.api, 'GET', path, { token: tokens.otherCouncil }), 403);
    await problem(
      await call(s.api, 'GET', `/billing/buildings/${randomUUID()}/violations`, { token: tokens.council }),
      404,
    );
    await problem(
      await call(s.api, 'GET', `/billing/buildings/not-a-uuid/violations`, { token: tokens.council }),
      400,
    );
    const seen = await violations(tokens.org);
    expect(await violations(tokens.inspector)).toEqual(seen);
    expect(await violations(tokens.council)).toEqual(seen);
  });

  it('the organization resolves a case once with a note; the same request replays; nobody else may', async () => {
    const o = await s.owner();
    const ghost = await orphanPayment(o, 11_000);
    await reconcileToday();
    const [open] = byReference(await violations(tokens.org), `payme:${ghost}`);
    expect(open).toMatchObject({ status: 'open' });
    const path = `/billing/violations/${open!.id}/resolution`;
    const note = 'A test posting, corrected by transfer test-correction-1';
    const post = (token: string | undefined, body: unknown, key: string | undefined = newKey()) =>
      call(s.api, 'POST', path, { token, body, key });

    await problem(await post(undefined, { note }), 401);
    await problem(await post(tokens.council, { note }), 403);
    await problem(await post(tokens.inspector, { note }), 403);
    await problem(await post(tokens.otherOrg, { note }), 403);
    await problem(await post(tokens.org, { note: '   ' }), 400, 'body.note');
    await problem(await call(s.api, 'POST', path, { token: tokens.org, body: { note } }), 400);
    await problem(
      await call(s.api, 'POST', `/billing/violations/${randomUUID()}/resolution`, {
        token: tokens.org,
        body: { note },
        key: newKey(),
      }),
      404,
    );
    expect(byReference(await violations(), `payme:${ghost}`)).toMatchObject([{ status: 'open' }]);

    const key = newKey();
    const resolved = await ok<ViolationView>(await post(tokens.org, { note }, key));
    expect(resolved).toMatchObject({
      id: open!.id,
      status: 'resolved',
      note,
      resolvedAt: expect.any(String),
    });
    expect(await ok<ViolationView>(await post(tokens.org, { note }, key))).toEqual(resolved);
    await problem(await post(tokens.org, { note: 'another note' }, key), 409);
    await problem(await post(tokens.org, { note }), 409);
    expect(byReference(await violations(tokens.council), `payme:${ghost}`)).toEqual([resolved]);

    // The discrepancy is still there: the next run neither reopens nor duplicates the resolved case.
    const rerun = (await reconcileToday()) as BillingDailySummary;
    expect(rerun.reconciliation).toMatchObject({ opened: 0 });
    expect(byReference(await violations(), `payme:${ghost}`)).toEqual([resolved]);
  });
});
