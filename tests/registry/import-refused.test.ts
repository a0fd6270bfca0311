// Files the import refuses on the real PostgreSQL, each naming its rows and writing nothing: bad
// cells, shares of one apartment over the whole, one PINFL named twice differently, and a
// council's file with another district's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../support/app.ts';
import { counts, importClient } from './import-client.ts';
import {
  BUILDING_HEADER,
  cadastral,
  countsOf,
  csv,
  newDistrict,
  OWNER_HEADER,
  registryFiles,
} from './import-fixtures.ts';

let t: TestApp;
let c: Awaited<ReturnType<typeof importClient>>;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  c = await importClient(t);
});
afterAll(() => t.close());

describe('refused files write nothing', () => {
  it('names every bad row and field of a bad file', async () => {
    const d = await newDistrict(t.deps.orm);
    const [good, bad] = [cadastral(), cadastral()];
    const body = csv(BUILDING_HEADER, [
      [good, d.code, 'Good street 1', 1990, 9, 4, 3000, 2500, ''],
      [bad, 'NO-SUCH', 'Bad street 2', 2999, 0, 4, 3000, 3500, '12345'],
      [good, d.code, 'Good street 1 again', 1990, 9, 4, 3000, 2500, ''],
    ]);
    const before = await countsOf(c.em(), [good, bad], []);
    const body422 = await c.problem(await c.post('buildings', body, c.admin), 422);
    expect(body422.errors).toEqual([
      { field: 'row 3: year_built', message: expect.stringMatching(/^must be a whole number from 1800 to/) },
      { field: 'row 3: floors', message: 'must be a whole number from 1 to 100' },
      { field: 'row 3: management_organization_tin', message: 'must be a TIN of 9 digits' },
      { field: 'row 3: district_code', message: 'is not a known district' },
      { field: 'row 3: living_area', message: 'must not exceed total_area' },
      { field: 'row 4: cadastral_number', message: 'duplicate of row 2 (cadastral_number)' },
    ]);
    expect(await countsOf(c.em(), [good, bad], [])).toEqual(before);
    expect(before.buildings).toBe(0);
    const run = await t.app.request(`/api/v1/import-runs/${body422.id}`, bearer(c.admin));
    expect(await run.json()).toMatchObject({
      status: 'rejected',
      rows: 3,
      created: 0,
      errors: expect.any(Array),
    });
  });

  it('refuses shares of one apartment that add up to more than 1 across rows', async () => {
    const d = await newDistrict(t.deps.orm);
    const files = registryFiles(d);
    await c.imported('buildings', files.buildings);
    await c.imported('apartments', files.apartments);
    const [b1] = files.cadastrals;
    const [p1, p2, p3] = files.pinfls;
    const body = csv(OWNER_HEADER, [
      [b1!, '1', p1!, 'Karimov Aziz', 1, 2, '', '', ''],
      [b1!, '1', p2!, 'Karimova Dilnoza', 1, 3, '', '', ''],
      [b1!, '1', p3!, 'Olimov Bek', 1, 4, '', '', ''],
    ]);
    const res = await c.problem(await c.post('owners', body, c.admin), 422);
    expect(res.errors).toEqual([
      {
        field: 'row 4: share_numerator',
        message: expect.stringContaining('add up to 13/12, more than 1 (rows 2, 3, 4)'),
      },
    ]);
    expect(await countsOf(c.em(), [], files.pinfls)).toEqual({
      buildings: 0,
      apartments: 0,
      persons: 0,
      ownerships: 0,
    });
  });

  it('refuses one PINFL named differently in two rows', async () => {
    const d = await newDistrict(t.deps.orm);
    const files = registryFiles(d);
    await c.imported('buildings', files.buildings);
    await c.imported('apartments', files.apartments);
    const owners = files.owners.replace(/Karimov Aziz,1,1/, 'Karimov Azizbek,1,1');
    const res = await c.problem(await c.post('owners', owners, c.admin), 422);
    expect(res.errors).toEqual([
      { field: 'row 4: full_name', message: 'differs from row 2 for the same PINFL' },
    ]);
    expect((await countsOf(c.em(), [], files.pinfls)).persons).toBe(0);
  });

  it("refuses a council's file with another district's rows, naming them", async () => {
    const [own, other] = [await newDistrict(t.deps.orm), await newDistrict(t.deps.orm)];
    const council = await c.sign(['council'], own.id);
    const [mine, theirs] = [cadastral(), cadastral()];
    const body = csv(BUILDING_HEADER, [
      [mine, own.code, 'Own street 1', 1990, 9, 4, 3000, 2500, ''],
      [theirs, other.code, 'Their street 2', 1990, 9, 4, 3000, 2500, ''],
    ]);
    const res = await c.problem(await c.post('buildings', body, council), 403, {
      detail: "the file has rows of another district than the council's",
    });
    expect(res.errors).toEqual([
      { field: 'row 3: district_code', message: `district ${other.code} is not yours (${own.code})` },
    ]);
    expect((await countsOf(c.em(), [mine, theirs], [])).buildings).toBe(0);
    // Apartments of a building of another district, imported by an admin, are refused too.
    const otherFiles = registryFiles(other);
    await c.imported('buildings', otherFiles.buildings);
    const flats = await c.problem(await c.post('apartments', otherFiles.apartments, council), 403, {
      detail: "the file has rows of another district than the council's",
    });
    expect(flats.errors?.map((e) => e.field)).toEqual([
      'row 2: building_cadastral_number',
      'row 3: building_cadastral_number',
      'row 4: building_cadastral_number',
      'row 5: building_cadastral_number',
    ]);
    // Its own district's rows it imports.
    const ownRows = csv(BUILDING_HEADER, [[mine, own.code, 'Own street 1', 1990, 9, 4, 3000, 2500, '']]);
    expect(await c.imported('buildings', ownRows, council)).toMatchObject(counts(1));
  });
});
