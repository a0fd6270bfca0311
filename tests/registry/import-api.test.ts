// POST /api/v1/imports/{kind} on the real PostgreSQL: good files of each kind that refer to each
// other, a re-import that changes nothing, a changed file, the run's report, and the request's
// own refusals (no token, not CSV, too large). Refused files: import-refused.test.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../support/app.ts';
import { counts, importClient } from './import-client.ts';
import {
  BUILDING_HEADER,
  cadastral,
  countsOf,
  csv,
  newDistrict,
  registryFiles,
  type TestDistrict,
} from './import-fixtures.ts';

let t: TestApp;
let c: Awaited<ReturnType<typeof importClient>>;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  c = await importClient(t);
});
afterAll(() => t.close());

describe('importing a district registry', () => {
  // A district of its own per test: each imports what it needs, whatever ran before.
  let d: TestDistrict;
  let files: ReturnType<typeof registryFiles>;
  beforeEach(async () => {
    d = await newDistrict(t.deps.orm);
    files = registryFiles(d);
  });

  const importAll = async () => {
    for (const kind of ['buildings', 'apartments', 'owners'] as const) await c.imported(kind, files[kind]);
  };

  it('imports buildings, then their apartments, then the owners', async () => {
    expect(await c.imported('buildings', files.buildings)).toMatchObject({
      status: 'imported',
      ...counts(2),
    });
    expect(await c.imported('apartments', files.apartments)).toMatchObject(counts(4));
    expect(await c.imported('owners', files.owners)).toMatchObject(counts(4));
    expect(await countsOf(c.em(), files.cadastrals, files.pinfls)).toEqual({
      buildings: 2,
      apartments: 4,
      persons: 3,
      ownerships: 4,
    });
    const [b] = await c.em().execute(
      `select b.address, b.total_area, d.code, o.tin from building b join district d on d.id = b.district_id
       left join management_organization o on o.id = b.management_organization_id where b.cadastral_number = ?`,
      [files.cadastrals[0]],
    );
    expect(b).toEqual({
      address: "Amir Temur ko'chasi, 1-uy",
      total_area: '5400.50',
      code: d.code,
      tin: d.organizationTin,
    });
    const [p] = await c
      .em()
      .execute('select full_name, email, phone, language from person where pinfl = ?', [files.pinfls[0]]);
    expect(p).toEqual({
      full_name: 'Karimov Aziz',
      email: 'aziz@example.uz',
      phone: '+998901234567',
      language: 'uz',
    });
  });

  it('a repeated file changes nothing and duplicates nothing', async () => {
    await importAll();
    const before = await countsOf(c.em(), files.cadastrals, files.pinfls);
    for (const kind of ['buildings', 'apartments', 'owners'] as const) {
      const rows = kind === 'buildings' ? 2 : 4;
      expect(await c.imported(kind, files[kind])).toMatchObject({
        rows,
        created: 0,
        updated: 0,
        unchanged: rows,
      });
    }
    expect(await countsOf(c.em(), files.cadastrals, files.pinfls)).toEqual(before);
  });

  it('a changed file reports what it updated and what it added', async () => {
    await importAll();
    const buildings = files.buildings.replace('1979,5,2', '1979,5,3');
    expect(await c.imported('buildings', buildings)).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const owners = files.owners.replace('Olimov Bek', 'Olimov Bekzod').replace(',1,2,,,ru', ',1,2,,,en');
    // Row 2 is Dilnoza's language, row 5 Bek's name; Aziz's rows are as before.
    expect(await c.imported('owners', owners)).toMatchObject({ created: 0, updated: 2, unchanged: 2 });
    const added = `${files.apartments}${files.cadastrals[1]},3,3,5,80\n`;
    expect(await c.imported('apartments', added)).toMatchObject({
      rows: 5,
      created: 1,
      updated: 0,
      unchanged: 4,
    });
  });

  it('keeps the report of each run', async () => {
    const report = await c.imported('buildings', files.buildings);
    const res = await t.app.request(`/api/v1/import-runs/${report.id}`, bearer(c.admin));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: report.id,
      kind: 'buildings',
      filename: 'buildings (test).csv',
      status: 'imported',
      rows: 2,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      errors: [],
    });
    const council = await c.sign(['council'], d.id);
    await c.problem(await t.app.request(`/api/v1/import-runs/${report.id}`, bearer(council)), 403, {
      detail: 'a council reads the reports of its own imports',
    });
    await c.problem(await t.app.request(`/api/v1/import-runs/${randomUUID()}`, bearer(c.admin)), 404, {
      detail: 'no such import run',
    });
  });

  it('reads a semicolon-separated file with decimal commas, as Russian-locale spreadsheets save it', async () => {
    const b = cadastral();
    const body = `\uFEFF${BUILDING_HEADER.join(';')}\r\n${b};${d.code};Chilonzor 5, 12-uy;1968;4;3;1250,75;990,5;\r\n`;
    expect(await c.imported('buildings', body)).toMatchObject(counts(1));
    const [row] = await c
      .em()
      .execute('select address, living_area from building where cadastral_number = ?', [b]);
    expect(row).toEqual({ address: 'Chilonzor 5, 12-uy', living_area: '990.50' });
  });
});

describe('the request itself', () => {
  it('is documented with its roles and a text/csv body', async () => {
    const doc = (await (await t.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary: string; requestBody?: { content: object } }>>;
    };
    const post = doc.paths['/api/v1/imports/{kind}']!.post!;
    expect(post.summary).toMatch(/\(admin; council for its own district's rows\)/);
    expect(Object.keys(post.requestBody!.content)).toEqual(['text/csv']);
    expect(doc.paths['/api/v1/import-runs/{id}']!.get!.summary).toMatch(/\(admin; council/);
  });

  it('401 without a token, 403 for other roles', async () => {
    await c.problem(await c.post('buildings', 'x', null), 401);
    await c.problem(await c.post('buildings', 'x', await c.sign(['inspector'], null)), 403, {
      detail: 'this endpoint is for: admin, council',
    });
    await c.problem(await t.app.request(`/api/v1/import-runs/${randomUUID()}`), 401);
  });

  it('400 for a body that is not CSV, naming what is wrong', async () => {
    const json = await c.problem(await c.post('buildings', '{"a":1}', c.admin, 'application/json'), 400);
    expect(json.errors).toEqual([
      { field: 'header.content-type', message: 'is application/json, not text/csv' },
    ]);
    const binary = await c.problem(
      await c.post('buildings', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00]), c.admin),
      400,
    );
    expect(binary.errors).toEqual([{ field: 'body', message: 'the file is not UTF-8 text' }]);
    const unclosed = await c.problem(await c.post('buildings', 'cadastral_number\n"10:01', c.admin), 400);
    expect(unclosed.errors?.[0]?.message).toMatch(/^the file is not valid CSV/);
    await c.problem(await c.post('owners', '', c.admin), 400);
    await c.problem(await c.post('flats', 'a,b\n', c.admin), 400);
  });

  it('413 for a file over 20 MiB; a file over the 1 MiB API limit is fine', async () => {
    const huge = new Uint8Array(20 * 1024 * 1024 + 1).fill(0x41);
    await c.problem(await c.post('buildings', huge, c.admin), 413, {
      detail: 'the file exceeds 20971520 bytes',
    });
    const d = await newDistrict(t.deps.orm);
    const street = 'Mustaqillik shoh ko‘chasi '.repeat(9);
    const rows = Array.from({ length: 4500 }, (_, i) => [
      cadastral(),
      d.code,
      `${street}${i}`,
      1990,
      9,
      4,
      3000,
      2500,
      '',
    ]);
    const body = csv(BUILDING_HEADER, rows);
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const report = await c.imported('buildings', body);
    expect(report.rows).toBe(4500);
    expect(report.created + report.updated).toBe(4500);
  });
});
