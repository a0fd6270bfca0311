// Bank statements of a building's account on real PostgreSQL through the real API: a statement
// with a matched owner payment, an ambiguous and an unidentified one, Payme's and Click's
// settlements and an outgoing line; the same file again and an overlapping file; a malformed line
// that refuses the whole file; the queue and its assignment; who may do what. The database is the
// file's own, so the bank channel's clearing account (the unidentified receipts) is only ours.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { balanceOf, postTransfers } from '../../db/billing/ledger.ts';
import { UserAccount } from '../../db/registry/entities.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { personalAccountNumber } from '../../domain/billing/personal-account.ts';
import { addDays, tashkentDate } from '../../domain/calendar/working-days.ts';
import { call, newKey, ok, problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { expectBalancedBooks } from './books.ts';
import { createDistrict, registerForBilling } from './fixtures.ts';

let db: TestDatabase;
let t: TestApp;
let buildingId: string;
let otherBuildingApartment: string;
let apartments: string[];
/** Owner accounts: apartment 1, apartment 2, apartment 3's two co-owners. */
let acc: { one: string; two: string; threeA: string; threeB: string; four: string };
let numbers: Record<keyof typeof acc, string>;
const tokens: Record<string, string> = {};

const em = () => t.deps.orm.em.fork();
const bank = () => accountId({ kind: 'building_bank', buildingId });
/** The building's suspense: the bank channel's clearing of the building. */
const suspense = () => accountId({ kind: 'provider_clearing', provider: 'bank', buildingId });
const balance = (a: string) => balanceOf(em(), a);

async function tokenFor(roles: string[], o: { org?: string; district?: string } = {}) {
  const e = em();
  const user = e.create(UserAccount, { displayName: 'Test' });
  await e.flush();
  return t.deps.dev!.issuer.sign({
    sub: user.id,
    name: 'Test',
    pid: null,
    roles,
    org: o.org ?? null,
    district: o.district ?? null,
  });
}

/** Oct 100,000 and Nov 120,000 tiyin of contributions owed. */
async function owing(ownerId: string, apartmentId: string, building = buildingId) {
  const account = accountId({ kind: 'owner_receivable', ownerId, apartmentId });
  const contributions = accountId({ kind: 'revenue', buildingId: building, revenue: 'contributions' });
  const base = {
    debit: account,
    credit: contributions,
    buildingId: building,
    reason: '',
    kind: 'accrual' as const,
  };
  await postTransfers(em(), [
    { ...base, id: randomUUID(), amount: 100_000, period: '2026-10' },
    { ...base, id: randomUUID(), amount: 120_000, period: '2026-11' },
  ]);
  const [row] = await em().execute<{ serial: string }[]>(
    `select serial::text as serial from ledger_account where id = ?`,
    [account],
  );
  return { account, number: personalAccountNumber(Number(row!.serial)) };
}

beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'billing_bank');
  t = await createTestApp({
    withTemporal: false,
    databaseUrl: db.url,
    env: {
      BILLING_POLICY: JSON.stringify({ bankSettlement: { click: { accounts: [CLICK_ACCOUNT], names: [] } } }),
    },
  });
  const d = await createDistrict(t.deps.orm);
  const org = await d.organization();
  const otherOrg = await d.organization();
  const b = await d.building([
    { number: '1', area: 50, shares: [[1, 1]] },
    { number: '2', area: 60, shares: [[1, 1]] },
    {
      number: '3',
      area: 70,
      shares: [
        [1, 2],
        [1, 2],
      ],
    },
    { number: '4', area: 40, shares: [[1, 1]] },
  ]);
  buildingId = b.buildingId;
  apartments = b.apartmentIds;
  await em().execute(`update building set management_organization_id = ? where id = ?`, [org, buildingId]);
  await registerForBilling(t.deps.orm, buildingId);
  const other = await d.building([{ number: '1', area: 50, shares: [[1, 1]] }]);
  otherBuildingApartment = other.apartmentIds[0]!;
  await em().execute(`update building set management_organization_id = ? where id = ?`, [
    otherOrg,
    other.buildingId,
  ]);
  await registerForBilling(t.deps.orm, other.buildingId);
  await owing(other.ownerIds[0]![0]!, otherBuildingApartment, other.buildingId);
  const [one, two, threeA, threeB, four] = await Promise.all([
    owing(b.ownerIds[0]![0]!, apartments[0]!),
    owing(b.ownerIds[1]![0]!, apartments[1]!),
    owing(b.ownerIds[2]![0]!, apartments[2]!),
    owing(b.ownerIds[2]![1]!, apartments[2]!),
    owing(b.ownerIds[3]![0]!, apartments[3]!),
  ]);
  acc = {
    one: one.account,
    two: two.account,
    threeA: threeA.account,
    threeB: threeB.account,
    four: four.account,
  };
  numbers = {
    one: one.number,
    two: two.number,
    threeA: threeA.number,
    threeB: threeB.number,
    four: four.number,
  };
  tokens.org = await tokenFor(['management_company'], { org });
  tokens.otherOrg = await tokenFor(['management_company'], { org: otherOrg });
  tokens.council = await tokenFor(['council'], { district: d.districtId });
  tokens.inspector = await tokenFor(['inspector'], { district: d.districtId });
  tokens.resident = await tokenFor(['resident']);
});
afterAll(async () => {
  await t?.close();
  await db?.drop();
});
afterEach(() => expectBalancedBooks(em()));

const upload = (csv: string, token: string | undefined = tokens.org, type = 'text/csv; charset=utf-8') =>
  t.app.request(`/api/v1/billing/buildings/${buildingId}/bank-statements`, {
    method: 'POST',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      'Content-Type': type,
      'X-Filename': encodeURIComponent('выписка ноябрь.csv'),
    },
    body: csv,
  });

const HEADER = 'Дата;Сумма;Плательщик;Счет;Назначение платежа;Номер документа';
const PAYME_ACCOUNT = '20208000100000000001';
/** Listed in the deployment's policy: Click's settlements are known by the account alone. */
const CLICK_ACCOUNT = '20208000100000000002';
const statement = () =>
  [
    HEADER,
    `10.11.2026;1 500,00;Karimov A.;20208000900100001001;Оплата взносов л/с ${numbers.one} кв 1;D-1`,
    '11.11.2026;800,00;Rahimova N.;;За кв 2 и кв 3 ноябрь;D-2',
    '11.11.2026;300,00;Sidorov P.;;квартплата;D-3',
    `12.11.2026;5 000,00;OOO INSPIRED;${PAYME_ACCOUNT};Перечисление средств по реестру Payme;D-4`,
    `12.11.2026;2 000,00;Tranzit hisob;${CLICK_ACCOUNT};Reestr 2026-11-11;D-5`,
    '13.11.2026;-700,00;Toshkent elektr tarmoqlari;20210000300000000003;Оплата электроэнергии МОП;D-6',
  ].join('\r\n');

interface Report {
  id: string;
  status: string;
  lines: number;
  incoming: number;
  outgoing: number;
  matched: number;
  unmatched: number;
  settlements: number;
  ignored: number;
  duplicates: number;
}
interface Item {
  id: string;
  valueDate: string;
  amount: number;
  payer: string;
  purpose: string;
  candidates: { kind: string; confidence: string; apartmentId: string | null }[];
}

let first: Report;
let queue: Item[];

describe('importing a statement', () => {
  it('posts the matched payment oldest debt first, settles Payme and Click, queues the rest, records the outgoing line', async () => {
    first = await ok<Report>(await upload(statement()), 201);
    expect(first).toMatchObject({
      status: 'imported',
      lines: 6,
      incoming: 960_000,
      outgoing: 70_000,
      matched: 1,
      unmatched: 2,
      settlements: 2,
      ignored: 1,
      duplicates: 0,
    });
    // The owner owed 220,000: October is settled, 50,000 of November, on the statement's value date.
    expect(await balance(acc.one)).toBe(70_000n);
    const [payment] = await em().execute<{ detail: { allocations: unknown[]; paidOn: string } }[]>(
      `select t.detail from ledger_transfer t join bank_statement_line l on l.payment_id = t.id where l.reference = 'D-1'`,
    );
    expect(payment!.detail.paidOn).toBe('2026-11-10');
    expect(payment!.detail.allocations).toEqual([
      { period: '2026-10', kind: 'contribution', amount: 100_000 },
      { period: '2026-11', kind: 'contribution', amount: 50_000 },
    ]);
    // Every tiyin that came in is on the building's account; the unidentified 110,000 wait on the
    // building's bank clearing; the building's provider clearings gave up what they settled, and
    // nothing touched the provider-wide ones.
    expect(await balance(bank())).toBe(960_000n);
    expect(await balance(suspense())).toBe(-110_000n);
    expect(await balance(accountId({ kind: 'provider_clearing', provider: 'payme', buildingId }))).toBe(
      -500_000n,
    );
    expect(await balance(accountId({ kind: 'provider_clearing', provider: 'click', buildingId }))).toBe(
      -200_000n,
    );
    for (const provider of ['bank', 'payme', 'click'] as const)
      expect(await balance(accountId({ kind: 'provider_clearing', provider }))).toBe(0n);
    const lines = await em().execute<
      { reference: string; kind: string; provider: string | null; status: string; direction: string }[]
    >(
      `select reference, kind, provider, status, direction from bank_statement_line where import_id = ? order by line_number`,
      [first.id],
    );
    expect(
      lines.map((l) => `${l.reference} ${l.direction} ${l.kind} ${l.provider ?? '-'} ${l.status}`),
    ).toEqual([
      'D-1 incoming owner_payment - matched',
      'D-2 incoming owner_payment - unmatched',
      'D-3 incoming owner_payment - unmatched',
      'D-4 incoming provider_settlement payme settlement',
      'D-5 incoming provider_settlement click settlement',
      'D-6 outgoing other - ignored',
    ]);
  });

  it('the same file again changes nothing; an overlapping file brings only its new lines', async () => {
    const again = await ok<Report>(await upload(statement()), 200);
    expect(again).toEqual({ ...first, status: 'already_imported' });
    expect(await balance(bank())).toBe(960_000n);
    expect(await balance(acc.one)).toBe(70_000n);
    const overlap = [
      'date,amount,payer,purpose,reference',
      `2026-11-10,1500.00,Karimov A.,Оплата взносов л/с ${numbers.one} кв 1,D-1`,
      `2026-11-14,200.00,Karimov A.,l/s ${numbers.one},D-7`,
    ].join('\n');
    const r = await ok<Report>(await upload(overlap), 201);
    expect(r).toMatchObject({ lines: 2, matched: 1, duplicates: 1, incoming: 170_000 });
    expect(await balance(acc.one)).toBe(50_000n);
    expect(await balance(bank())).toBe(980_000n);
  });

  it('one malformed line refuses the whole file, naming the line and the field; nothing is written', async () => {
    const [before] = await em().execute<{ n: number }[]>(
      `select count(*)::int as n from bank_statement_line`,
    );
    const bad = [
      HEADER,
      '15.11.2026;100,00;A;;кв 1;D-8',
      '15.11.2026;12,345;B;;кв 2;D-9',
      '31.11.2026;5,00;C;;;D-10',
    ].join('\n');
    const p = await problem(await upload(bad), 422);
    expect(p.errors).toEqual([
      { field: 'row 3: amount', message: expect.stringContaining('2 decimal places') },
      { field: 'row 4: date', message: expect.stringContaining('date') },
    ]);
    const [after] = await em().execute<{ n: number }[]>(`select count(*)::int as n from bank_statement_line`);
    expect(after!.n).toBe(before!.n);
    expect(await balance(bank())).toBe(980_000n);
    await problem(await upload('date;amount;payer;purpose\n2026-11-15;1,00;A;x'), 422, 'row 1: reference');
    await problem(await upload(statement(), tokens.org, 'application/json'), 415, 'header.content-type');
    await problem(await upload(`${HEADER}\n${' '.repeat(t.deps.config.billing.bankStatementMaxBytes)}`), 413);
    await problem(await upload(new Uint8Array([0xff, 0xfe, 0x00]) as unknown as string), 400, 'body');
  });

  it('a line dated after today in Tashkent is refused: a bank has not yet moved that money', async () => {
    const [before] = await em().execute<{ n: number }[]>(
      `select count(*)::int as n from bank_statement_line`,
    );
    const tomorrow = addDays(tashkentDate(Date.now()), 1);
    const p = await problem(await upload([HEADER, `${tomorrow};100,00;A;;кв 1;F-1`].join('\n')), 422);
    expect(p.detail).toBe('1 problem in the statement; nothing was imported');
    expect(p.errors).toEqual([{ field: 'row 2: date', message: expect.stringContaining('after today') }]);
    await problem(await upload([HEADER, '01.01.2099;100,00;A;;кв 1;F-2'].join('\n')), 422, 'row 2: date');
    const [after] = await em().execute<{ n: number }[]>(`select count(*)::int as n from bank_statement_line`);
    expect(after!.n).toBe(before!.n);
  });

  it('reads a Windows-1251 export with debit and credit columns', async () => {
    const text = [
      'Дата;Дебет;Кредит;Контрагент;Назначение платежа;Номер документа',
      `16.11.2026;;50,00;Иванов И.;л/с ${numbers.one};W-1`,
      '16.11.2026;10,00;;Банк;Комиссия банка;W-2',
    ].join('\r\n');
    const bytes = new Uint8Array([...text].map(cp1251));
    const r = await ok<Report>(
      await t.app.request(`/api/v1/billing/buildings/${buildingId}/bank-statements`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens.org}`, 'Content-Type': 'text/csv; charset=windows-1251' },
        body: bytes,
      }),
      201,
    );
    expect(r).toMatchObject({ matched: 1, ignored: 1, incoming: 5_000, outgoing: 1_000 });
    expect(await balance(acc.one)).toBe(45_000n);
  });
});

/** Cyrillic and ASCII into Windows-1251, for the one test that needs it. */
function cp1251(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c;
  if (c >= 0x410 && c <= 0x44f) return c - 0x410 + 0xc0;
  if (c === 0x401) return 0xa8;
  if (c === 0x451) return 0xb8;
  throw new RangeError(`no Windows-1251 byte for ${ch}`);
}

describe('the queue of unmatched payments', () => {
  it('lists the unmatched lines with their candidates, resolved to the building’s apartments', async () => {
    const r = await ok<{ items: Item[] }>(
      await call(t, 'GET', `/billing/buildings/${buildingId}/unmatched-payments`, { token: tokens.org }),
    );
    queue = r.items;
    expect(queue.map((i) => [i.valueDate, i.amount, i.payer, i.purpose])).toEqual([
      ['2026-11-11', 80_000, 'Rahimova N.', 'За кв 2 и кв 3 ноябрь'],
      ['2026-11-11', 30_000, 'Sidorov P.', 'квартплата'],
    ]);
    expect(queue[0]!.candidates).toMatchObject([
      { kind: 'apartment', confidence: 'low', apartmentId: apartments[1] },
      { kind: 'apartment', confidence: 'low', apartmentId: apartments[2] },
    ]);
    expect(queue[1]!.candidates).toEqual([]);
    for (const token of [tokens.council, tokens.inspector])
      expect(
        await ok<{ items: Item[] }>(
          await call(t, 'GET', `/billing/buildings/${buildingId}/unmatched-payments`, { token }),
        ),
      ).toEqual(r);
  });

  it('an assignment posts the money to the owner, out of the unidentified receipts, once', async () => {
    const path = `/billing/unmatched-payments/${queue[0]!.id}/assignment`;
    const key = newKey();
    const body = { apartmentId: apartments[1] };
    const a = await ok<{ status: string; account: string; assignedByUserId: string }>(
      await call(t, 'POST', path, { token: tokens.org, key, body }),
      201,
    );
    expect(a).toMatchObject({
      status: 'assigned',
      account: acc.two,
      amount: 80_000,
      valueDate: '2026-11-11',
    });
    expect(a.assignedByUserId).toEqual(expect.any(String));
    expect(await balance(acc.two)).toBe(140_000n);
    expect(await balance(suspense())).toBe(-30_000n);
    expect(await balance(bank())).toBe(985_000n);
    expect(await ok(await call(t, 'POST', path, { token: tokens.org, key, body }), 200)).toEqual(a);
    await problem(
      await call(t, 'POST', path, { token: tokens.org, key, body: { apartmentId: apartments[0] } }),
      409,
    );
    await problem(await call(t, 'POST', path, { token: tokens.org, key: newKey(), body }), 409, {
      field: 'id',
      code: 'billing.line_not_waiting',
    });
    expect(await balance(acc.two)).toBe(140_000n);
    const left = await ok<{ items: Item[] }>(
      await call(t, 'GET', `/billing/buildings/${buildingId}/unmatched-payments`, { token: tokens.org }),
    );
    expect(left.items.map((i) => i.id)).toEqual([queue[1]!.id]);
  });

  it('co-owners: the one who pays is named; another building’s apartment is refused', async () => {
    const path = `/billing/unmatched-payments/${queue[1]!.id}/assignment`;
    const post = (body: unknown) => call(t, 'POST', path, { token: tokens.org, key: newKey(), body });
    await problem(await post({ apartmentId: otherBuildingApartment }), 422, 'body.apartmentId');
    await problem(await post({ apartmentId: apartments[2] }), 422, 'body.personalAccount');
    await problem(
      await post({ apartmentId: apartments[2], personalAccount: numbers.one }),
      422,
      'body.personalAccount',
    );
    await problem(await post({ apartmentId: 'not-a-uuid' }), 400, 'body.apartmentId');
    expect(await balance(suspense())).toBe(-30_000n);
    await ok(await post({ apartmentId: apartments[2], personalAccount: numbers.threeB }), 201);
    expect(await balance(acc.threeB)).toBe(190_000n);
    expect(await balance(acc.threeA)).toBe(220_000n);
    expect(await balance(suspense())).toBe(0n);
  });

  it('a matched line is not in the queue and cannot be assigned', async () => {
    const [matched] = await em().execute<{ id: string }[]>(
      `select id from bank_statement_line where reference = 'D-1' and status = 'matched' limit 1`,
    );
    await problem(
      await call(t, 'POST', `/billing/unmatched-payments/${matched!.id}/assignment`, {
        token: tokens.org,
        key: newKey(),
        body: { apartmentId: apartments[0] },
      }),
      409,
    );
  });
});

describe('who may', () => {
  it('refuses a missing token 401, a resident and another organization 403, the council and inspector any write', async () => {
    const [line] = await em().execute<{ id: string }[]>(
      `select id from bank_statement_line where reference = 'D-5'`,
    );
    const assign = (token: string | undefined) =>
      call(t, 'POST', `/billing/unmatched-payments/${line!.id}/assignment`, {
        token,
        key: newKey(),
        body: { apartmentId: apartments[0] },
      });
    const list = (token: string | undefined) =>
      call(t, 'GET', `/billing/buildings/${buildingId}/unmatched-payments`, { token });
    await problem(await upload(statement(), ''), 401);
    await problem(await list(undefined), 401);
    await problem(await assign(undefined), 401);
    for (const token of [tokens.resident, tokens.otherOrg, tokens.council, tokens.inspector]) {
      await problem(await upload(`${statement()}\n`, token), 403);
      await problem(await assign(token), 403);
    }
    await problem(await list(tokens.resident), 403);
    await problem(await list(tokens.otherOrg), 403);
    await problem(
      await call(t, 'POST', `/billing/unmatched-payments/${randomUUID()}/assignment`, {
        token: tokens.org,
        key: newKey(),
        body: { apartmentId: apartments[0] },
      }),
      404,
    );
    const [n] = await em().execute<{ n: number }[]>(`select count(*)::int as n from bank_statement_import`);
    expect(n!.n).toBe(3);
  });
});

describe('at the same time', () => {
  it('one file uploaded twice at once is imported once; one line assigned twice at once is posted once', async () => {
    const csv = [
      'date;amount;payer;purpose;reference',
      `2026-11-20;100,00;Karimov A.;л/с ${numbers.one};C-1`,
      '2026-11-20;40,00;Nomalum;kv 9;C-2',
    ].join('\n');
    const bankBefore = await balance(bank());
    const answers = await Promise.all([upload(csv), upload(csv)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    const [a, b] = (await Promise.all(answers.map((r) => r.json()))) as Report[];
    expect(a!.id).toBe(b!.id);
    expect(await balance(bank())).toBe(bankBefore + 14_000n);
    const [line] = await em().execute<{ id: string }[]>(
      `select id from bank_statement_line where reference = 'C-2'`,
    );
    const owedBefore = await balance(acc.two);
    const assignments = await Promise.all(
      [apartments[1], apartments[1]].map((apartmentId) =>
        call(t, 'POST', `/billing/unmatched-payments/${line!.id}/assignment`, {
          token: tokens.org,
          key: newKey(),
          body: { apartmentId },
        }),
      ),
    );
    expect(assignments.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await balance(acc.two)).toBe(owedBefore - 4_000n);
    expect(await balance(suspense())).toBe(0n);
  });
});

describe('one owner paying twice in one statement', () => {
  it('the second payment settles what the first left, then the rest is an advance', async () => {
    const csv = [
      'date;amount;payer;purpose;reference',
      `2026-11-21;1 500,00;Aliyev B.;л/с ${numbers.four};T-1`,
      `2026-11-22;1 000,00;Aliyev B.;л/с ${numbers.four} kv 4;T-2`,
    ].join('\n');
    expect(await ok<Report>(await upload(csv), 201)).toMatchObject({ matched: 2, unmatched: 0 });
    const details = await em().execute<
      { detail: { allocations: unknown[]; advance: number; paidOn: string } }[]
    >(
      `select t.detail from bank_statement_line l join ledger_transfer t on t.id = l.payment_id
        where l.reference in ('T-1', 'T-2') order by l.reference`,
    );
    expect(details.map((d) => d.detail)).toMatchObject([
      {
        paidOn: '2026-11-21',
        advance: 0,
        allocations: [
          { period: '2026-10', kind: 'contribution', amount: 100_000 },
          { period: '2026-11', kind: 'contribution', amount: 50_000 },
        ],
      },
      {
        paidOn: '2026-11-22',
        advance: 30_000,
        allocations: [{ period: '2026-11', kind: 'contribution', amount: 70_000 }],
      },
    ]);
    expect(await balance(acc.four)).toBe(-30_000n);
  });
});
