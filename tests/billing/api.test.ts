// The billing API against the real app and database: a resident reads only their own accounts,
// movements and receipts (a co-owner's or a neighbour's receipt is 403), downloads the PDF in
// each language; the building's organization, its district's council and inspector read its
// receipts, revenue sources and statement, others get 403; the organization records a household
// service centre with an Idempotency-Key (a retry answers the same, another body under the key
// is 409, bad fields are 400 by name), and its monthly charge shows in the statement by kind;
// the payment page shows the amount with the right token only (its provider links are in
// standing-api.test.ts). Every refusal is problem+json.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeDistrictReceipts, postDistrictRevenueSources } from '../../activities/billing/receipts.ts';
import { postTransfers } from '../../db/billing/ledger.ts';
import { addMonths, firstDay } from '../../domain/billing/period.ts';
import { DEFAULT_BILLING_POLICY } from '../../domain/billing/policy.ts';
import { periodName } from '../../domain/billing/receipt-document.ts';
import type { Statement } from '../../domain/billing/statement.ts';
import type {
  MovementView,
  OwnerAccountView,
  ReceiptSummary,
  ReceiptView,
  RevenueSourceView,
} from '../../domain/billing/views.ts';
import type { Page } from '../../domain/common/page.ts';
import { call, newKey, ok, problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { expectBalancedBooks } from './books.ts';
import { concluded, createDistrict, registerForBilling } from './fixtures.ts';
import { accrueMonth, thisMonth } from './month.ts';

let t: TestApp;
const em = () => t.deps.orm.em.fork();
const P0 = thisMonth();
const sign = (roles: string[], claims: { pid?: string; org?: string; district?: string } = {}) =>
  t.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: `Test ${roles[0] ?? 'nobody'}`,
    pid: claims.pid ?? null,
    roles: roles as never,
    org: claims.org ?? null,
    district: claims.district ?? null,
  });

let s: {
  buildingId: string;
  districtId: string;
  org: string;
  owner: string;
  coOwner: string;
  tokens: Record<
    | 'owner'
    | 'coOwner'
    | 'staff'
    | 'council'
    | 'inspector'
    | 'otherStaff'
    | 'otherCouncil'
    | 'nameless'
    | 'roleless',
    string
  >;
};

beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  const orm = t.deps.orm;
  const d = await createDistrict(orm);
  const other = await createDistrict(orm);
  const org = await d.organization();
  const otherOrg = await other.organization();
  const b = await d.building([
    {
      number: '5',
      area: 61.2,
      shares: [
        [1, 2],
        [1, 2],
      ],
    },
  ]);
  await em().execute(`update building set management_organization_id = ? where id = ?`, [org, b.buildingId]);
  await registerForBilling(orm, b.buildingId, firstDay(addMonths(P0, -1)));
  await concluded(orm, {
    buildingId: b.buildingId,
    organizationId: org,
    from: firstDay(addMonths(P0, -1)),
    to: firstDay(addMonths(P0, 24)),
    somPerM2: 1500,
  });
  await accrueMonth(orm, d.districtId, P0);
  await makeDistrictReceipts(
    {
      orm,
      publicUrl: 'http://portal.test',
      portalUrl: 'http://portal.test',
      policy: () => DEFAULT_BILLING_POLICY,
    },
    { districtId: d.districtId, period: P0 },
  );
  const [owner, coOwner] = b.ownerIds[0]!;
  s = {
    buildingId: b.buildingId,
    districtId: d.districtId,
    org,
    owner: owner!,
    coOwner: coOwner!,
    tokens: {
      owner: await sign(['resident'], { pid: owner }),
      coOwner: await sign(['resident'], { pid: coOwner }),
      staff: await sign(['management_company'], { org }),
      council: await sign(['council'], { district: d.districtId }),
      inspector: await sign(['inspector'], { district: d.districtId }),
      otherStaff: await sign(['management_company'], { org: otherOrg }),
      otherCouncil: await sign(['council'], { district: other.districtId }),
      nameless: await sign(['resident']),
      roleless: await sign([]),
    },
  };
});
afterEach(async () => {
  await expectBalancedBooks(em());
});
afterAll(async () => {
  await t?.close();
});

const myReceipts = async (token: string) =>
  ok<Page<ReceiptSummary>>(await call(t, 'GET', '/billing/me/receipts', { token }));

describe('a resident', () => {
  it('reads their own accounts, movements and receipts, and the receipt as a PDF in three languages', async () => {
    const accounts = await ok<{ items: OwnerAccountView[] }>(
      await call(t, 'GET', '/billing/me/accounts', { token: s.tokens.owner }),
    );
    expect(accounts.items).toHaveLength(1);
    expect(accounts.items[0]).toMatchObject({
      apartmentNumber: '5',
      share: '1/2',
      personalAccount: expect.stringMatching(/^\d{10}$/),
    });
    // 61.20 m² × 1 500 so'm = 91 800 so'm, half each.
    expect(accounts.items[0]!.balance).toBe(4_590_000);
    const movements = await ok<Page<MovementView>>(
      await call(t, 'GET', '/billing/me/movements', { token: s.tokens.owner }),
    );
    expect(movements.items.map((m) => [m.kind, m.amount])).toEqual([['accrual', 4_590_000]]);

    const list = await myReceipts(s.tokens.owner);
    expect(list.items).toHaveLength(1);
    // A page past the end still says how many there are, so a pager can lead back.
    for (const path of ['/billing/me/receipts?page=3', '/billing/me/movements?page=3'])
      expect(
        await ok<Page<unknown>>(await call(t, 'GET', path, { token: s.tokens.owner })),
        path,
      ).toMatchObject({
        items: [],
        page: 3,
        total: 1,
      });
    const r = list.items[0]!;
    expect(r).toMatchObject({ period: P0, toPay: 4_590_000, apartmentNumber: '5' });
    const view = await ok<ReceiptView>(
      await call(t, 'GET', `/billing/receipts/${r.id}`, { token: s.tokens.owner }),
    );
    expect(view.snapshot.receipt.number).toBe(r.number);
    expect(view).not.toHaveProperty('personId');
    for (const [lang, words] of [
      ['uz', 'Toʻlash kerak'],
      ['ru', 'К оплате'],
      ['en', 'To pay'],
    ] as const) {
      const res = await call(t, 'GET', `/billing/receipts/${r.id}/pdf?lang=${lang}`, {
        token: s.tokens.owner,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-sha256')).toBe(r.contentSha256);
      const text = (
        await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), {
          mergePages: true,
        })
      ).text;
      expect(text).toContain(words);
      expect(text).toContain(r.number);
    }
  });

  it("never sees a co-owner's receipt, nor a building's books", async () => {
    const mine = (await myReceipts(s.tokens.owner)).items[0]!;
    const theirs = (await myReceipts(s.tokens.coOwner)).items[0]!;
    expect(theirs.id).not.toBe(mine.id);
    await problem(await call(t, 'GET', `/billing/receipts/${theirs.id}`, { token: s.tokens.owner }), 403);
    await problem(await call(t, 'GET', `/billing/receipts/${theirs.id}/pdf`, { token: s.tokens.owner }), 403);
    for (const path of ['statement', 'statement.csv'])
      await problem(
        await call(t, 'GET', `/billing/buildings/${s.buildingId}/${path}`, { token: s.tokens.owner }),
        403,
      );
    await problem(
      await call(t, 'GET', `/billing/buildings/${s.buildingId}/receipts`, { token: s.tokens.owner }),
      403,
    );
    await problem(
      await call(t, 'POST', `/billing/buildings/${s.buildingId}/revenue-sources`, {
        token: s.tokens.owner,
        key: newKey(),
        body: source(),
      }),
      403,
    );
  });
});

const source = (over: Record<string, unknown> = {}) => ({
  kind: 'household_service_centre',
  partyName: 'Maishiy xizmat MChJ',
  partyId: '301234567',
  contractNumber: `MXK-${randomUUID().slice(0, 6)}`,
  monthlyCharge: 150_000_000,
  from: firstDay(addMonths(P0, -1)),
  ...over,
});

describe('the staff', () => {
  it('read the building’s receipts in their scope and nowhere else', async () => {
    for (const token of [s.tokens.staff, s.tokens.council, s.tokens.inspector]) {
      const list = await ok<Page<ReceiptSummary>>(
        await call(t, 'GET', `/billing/buildings/${s.buildingId}/receipts?period=${P0}`, { token }),
      );
      expect(list.total).toBe(2);
      await ok(await call(t, 'GET', `/billing/receipts/${list.items[0]!.id}`, { token }));
    }
    const any = (await myReceipts(s.tokens.owner)).items[0]!;
    for (const token of [s.tokens.otherStaff, s.tokens.otherCouncil]) {
      await problem(await call(t, 'GET', `/billing/buildings/${s.buildingId}/receipts`, { token }), 403);
      await problem(await call(t, 'GET', `/billing/buildings/${s.buildingId}/statement`, { token }), 403);
      await problem(await call(t, 'GET', `/billing/buildings/${s.buildingId}/statement.csv`, { token }), 403);
      await problem(await call(t, 'GET', `/billing/receipts/${any.id}`, { token }), 403);
    }
    for (const path of ['statement', 'statement.csv'])
      await problem(
        await call(t, 'GET', `/billing/buildings/${randomUUID()}/${path}`, { token: s.tokens.council }),
        404,
      );
  });

  it('record a service centre once per key; its month reaches the statement as income of its kind', async () => {
    const path = `/billing/buildings/${s.buildingId}/revenue-sources`;
    const key = newKey();
    const body = source();
    const created = await ok<RevenueSourceView>(
      await call(t, 'POST', path, { token: s.tokens.staff, key, body }),
      201,
    );
    const replay = await ok<RevenueSourceView>(
      await call(t, 'POST', path, { token: s.tokens.staff, key, body }),
      200,
    );
    expect(replay.id).toBe(created.id);
    await problem(
      await call(t, 'POST', path, { token: s.tokens.staff, key, body: { ...body, monthlyCharge: 1 } }),
      409,
    );
    await problem(await call(t, 'POST', path, { token: s.tokens.council, key: newKey(), body }), 403);
    await problem(await call(t, 'POST', path, { token: s.tokens.otherStaff, key: newKey(), body }), 403);
    const listed = await ok<{ items: RevenueSourceView[] }>(
      await call(t, 'GET', path, { token: s.tokens.council }),
    );
    expect(listed.items.map((x) => x.id)).toContain(created.id);

    const orm = t.deps.orm;
    // Twice: the month's charge is posted once.
    await postDistrictRevenueSources({ orm }, { districtId: s.districtId, period: P0 });
    const again = await postDistrictRevenueSources({ orm }, { districtId: s.districtId, period: P0 });
    expect(again.recorded).toBe(0);
    // An expense paid from the building's account.
    await postTransfers(em(), [
      {
        id: `test-expense/${randomUUID()}`,
        debit: `org/${s.org}`,
        credit: `bank/${s.buildingId}`,
        amount: 40_000_000,
        kind: 'expense',
        reason: 'cleaning',
        period: P0,
        buildingId: s.buildingId,
      },
    ]);
    const st = await ok<Statement>(
      await call(t, 'GET', `/billing/buildings/${s.buildingId}/statement?from=${P0}&to=${P0}`, {
        token: s.tokens.staff,
      }),
    );
    expect(st.months).toHaveLength(1);
    expect(st.months[0]).toMatchObject({
      period: P0,
      income: { contributions: 9_180_000, household_service_centre: 150_000_000 },
      incomeTotal: 159_180_000,
      expenses: 40_000_000,
      closingBalance: 110_000_000,
    });

    // The same month as the CSV a person downloads: in their language, amounts in so'm.
    const csv = async (lang: string, token = s.tokens.staff) => {
      const res = await call(
        t,
        'GET',
        `/billing/buildings/${s.buildingId}/statement.csv?from=${P0}&to=${P0}`,
        {
          token,
          headers: { 'Accept-Language': lang },
        },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="building-account-${s.buildingId}-${P0}-${P0}.csv"`,
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return parse(new TextDecoder().decode(bytes)) as string[][];
    };
    const amounts = [
      '91800.00',
      '0.00',
      '1500000.00',
      '0.00',
      '0.00',
      '1591800.00',
      '400000.00',
      '1100000.00',
    ];
    for (const [lang, language, head, balance] of [
      ['uz', 'uz', 'Oy,Badallar (soʻm),', 'Oy oxiridagi qoldiq (soʻm)'],
      ['ru-RU,ru;q=0.9', 'ru', 'Месяц,Взносы (сум),', 'Остаток на конец месяца (сум)'],
      ['en', 'en', 'Month,Contributions (UZS),', 'Balance at month end (UZS)'],
    ] as const) {
      const [header, ...rows] = await csv(lang);
      expect(header!.join(','), lang).toMatch(new RegExp(`^${head.replace(/[()]/g, '\\$&')}`));
      expect(header!.at(-1), lang).toBe(balance);
      expect(header!.join(' '), lang).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      expect(rows, lang).toEqual([[periodName(language, P0), ...amounts]]);
    }
    // The council of the district reads it too; ?lang= wins over Accept-Language.
    expect((await csv('ru', s.tokens.council))[0]![0]).toBe('Месяц');
    const asked = await call(t, 'GET', `/billing/buildings/${s.buildingId}/statement.csv?lang=en`, {
      token: s.tokens.inspector,
      headers: { 'Accept-Language': 'ru' },
    });
    expect((await asked.text()).replace(/^\ufeff/, '').startsWith('Month,')).toBe(true);

    const ended = await ok<RevenueSourceView>(
      await call(t, 'POST', `/billing/revenue-sources/${created.id}/end`, {
        token: s.tokens.staff,
        key: newKey(),
        body: { to: firstDay(addMonths(P0, 2)) },
      }),
    );
    expect(ended.to).toBe(firstDay(addMonths(P0, 2)));
    await problem(
      await call(t, 'POST', `/billing/revenue-sources/${created.id}/end`, {
        token: s.tokens.staff,
        key: newKey(),
        body: { to: firstDay(addMonths(P0, 3)) },
      }),
      409,
    );
  });
});

describe('refusals', () => {
  it('401 without a token or with one of no role, 403 for another role or without a person, 400 naming the field', async () => {
    for (const [method, path] of [
      ['GET', '/billing/me/receipts'],
      ['GET', '/billing/me/accounts'],
      ['GET', `/billing/buildings/${randomUUID()}/statement`],
      ['GET', `/billing/buildings/${randomUUID()}/statement.csv`],
      ['POST', `/billing/buildings/${randomUUID()}/revenue-sources`],
    ] as const)
      await problem(
        await call(t, method, path, { key: newKey(), body: method === 'POST' ? source() : undefined }),
        401,
      );
    await problem(await call(t, 'GET', '/billing/me/receipts', { token: s.tokens.nameless }), 403);
    await problem(await call(t, 'GET', '/billing/me/accounts', { token: s.tokens.council }), 403);
    await problem(await call(t, 'GET', '/billing/me/accounts', { token: s.tokens.roleless }), 401);
    await problem(
      await call(t, 'GET', '/billing/me/receipts?pageSize=0', { token: s.tokens.owner }),
      400,
      'query.pageSize',
    );
    await problem(
      await call(t, 'GET', '/billing/receipts/not-a-uuid', { token: s.tokens.owner }),
      400,
      'param.id',
    );
    const any = (await myReceipts(s.tokens.owner)).items[0]!;
    await problem(
      await call(t, 'GET', `/billing/receipts/${any.id}/pdf?lang=de`, { token: s.tokens.owner }),
      400,
      'query.lang',
    );
    await problem(
      await call(t, 'GET', `/billing/buildings/${s.buildingId}/statement?from=2027-13`, {
        token: s.tokens.staff,
      }),
      400,
      'query.from',
    );
    await problem(
      await call(t, 'GET', `/billing/buildings/${s.buildingId}/statement?from=2027-05&to=2027-01`, {
        token: s.tokens.staff,
      }),
      400,
      'query.to',
    );
    await problem(
      await call(t, 'GET', `/billing/buildings/${s.buildingId}/statement.csv?lang=de`, {
        token: s.tokens.staff,
      }),
      400,
      'query.lang',
    );
    await problem(
      await call(t, 'GET', `/billing/buildings/${s.buildingId}/statement.csv?from=2027-05&to=2027-01`, {
        token: s.tokens.staff,
      }),
      400,
      'query.to',
    );
    const path = `/billing/buildings/${s.buildingId}/revenue-sources`;
    await problem(
      await call(t, 'POST', path, { token: s.tokens.staff, body: source() }),
      400,
      'header.idempotency-key',
    );
    await problem(
      await call(t, 'POST', path, {
        token: s.tokens.staff,
        key: newKey(),
        body: source({ monthlyCharge: 12.5 }),
      }),
      400,
      'body.monthlyCharge',
    );
    await problem(
      await call(t, 'POST', path, {
        token: s.tokens.staff,
        key: newKey(),
        body: source({ from: '2027-02-30' }),
      }),
      400,
      'body.from',
    );
    // ISO 8601 writes year 0 (1 BC); no contract of ours starts in it.
    await problem(
      await call(t, 'POST', path, {
        token: s.tokens.staff,
        key: newKey(),
        body: source({ from: '0000-01-01' }),
      }),
      400,
      'body.from',
    );
    await problem(
      await call(t, 'POST', path, {
        token: s.tokens.staff,
        key: newKey(),
        body: source({ from: '2027-02-01', to: '2027-01-01' }),
      }),
      400,
      'body.to',
    );
  });
});

describe('the payment page', () => {
  it('shows the amount in the language asked for, with the token printed on the receipt only', async () => {
    const r = (await myReceipts(s.tokens.owner)).items[0]!;
    const view = await ok<ReceiptView>(
      await call(t, 'GET', `/billing/receipts/${r.id}`, { token: s.tokens.owner }),
    );
    const url = new URL(view.snapshot.payUrl);
    for (const [lang, words] of [
      // No provider is configured in this app: the page says how else to pay.
      ['uz', 'Onlayn toʻlov hozir mavjud emas'],
      ['ru', 'Онлайн-оплата сейчас недоступна'],
      ['en', 'Online payment is not available right now'],
    ] as const) {
      const res = await t.app.request(`${url.pathname}${url.search}&lang=${lang}`);
      const html = await res.text();
      expect(res.status, html).toBe(200);
      expect(html).toContain(words);
      expect(html).toContain(r.number);
      expect(html).toContain(lang === 'en' ? 'UZS 45,900.00' : '45\u00a0900,00');
      expect(html).not.toContain(r.ownerName);
    }
    const wrong = await t.app.request(`${url.pathname}?t=${'0'.repeat(32)}&lang=en`);
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).not.toContain('45,900');
  });
});
