// The building card the API keeps in process (getBuildingInScope over versionedJson), over HTTP on
// the real database: a write through the API shows on the very next read, every table the card is
// built of invalidates it, the copy is really what is served while nothing changed, and the scope
// is still checked on every read of a held copy. Also the bound of the in-process LRU.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lru } from '../../db/read-cache.ts';
import type { BuildingView } from '../../domain/registry/types.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { allAt, call, newSite, ok, problem, type Site } from './condition-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
});
afterAll(() => t.close());

const card = async (site: Site, token = site.tokens.resident) =>
  ok<BuildingView>(await call(t, 'GET', `/buildings/${site.buildingId}`, { token }));
const sql = (text: string, params: unknown[]) => t.deps.orm.em.fork().execute(text, params);

describe('the building card held in process', () => {
  it('shows a reclassification through the API on the very next read', async () => {
    const site = await newSite(t);
    expect((await card(site)).conditionClass).toBeNull();
    expect((await card(site)).conditionClass).toBeNull();
    await allAt(t, site, 10);
    expect((await card(site)).conditionClass).toBe('green');
    await allAt(t, site, 75);
    expect((await card(site)).conditionClass).toBe('red');
  });

  it('moves with its district, its management company and its apartments', async () => {
    const site = await newSite(t);
    const before = await card(site);
    await sql('update district set name = ? where id = ?', ['Renamed tumani', site.districtId]);
    expect((await card(site)).district.name).toBe('Renamed tumani');
    await sql('update management_organization set register_status = ? where id = ?', [
      'suspended',
      site.organizationId,
    ]);
    expect((await card(site)).managementOrganization?.registerStatus).toBe('suspended');
    await sql(
      `insert into apartment (id, building_id, number, entrance, floor, area) values (?, ?, '2', 1, 1, 40)`,
      [randomUUID(), site.buildingId],
    );
    expect((await card(site)).apartmentCount).toBe(before.apartmentCount + 1);
    await sql('update building set management_organization_id = null where id = ?', [site.buildingId]);
    expect((await card(site)).managementOrganization).toBeNull();
  });

  it('serves the held copy while its version stands', async () => {
    const site = await newSite(t);
    const before = await card(site);
    // Without its triggers (this session only) a change bumps no version: the held copy is still
    // served, so it is the copy that is served, and the triggers are what invalidate it.
    await t.deps.orm.em.fork().transactional(async (tx) => {
      await tx.execute('set local session_replication_role = replica');
      await tx.execute('update building set address = ? where id = ?', ['Unseen address', site.buildingId]);
    });
    expect((await card(site)).address).toBe(before.address);
    await sql('update building set floors = 9 where id = ?', [site.buildingId]);
    expect(await card(site)).toMatchObject({ address: 'Unseen address', floors: 9 });
  });

  it('checks the scope on every read of a held copy', async () => {
    const site = await newSite(t);
    const elsewhere = await newSite(t);
    await card(site);
    await card(site, site.tokens.inspector);
    await problem(
      await call(t, 'GET', `/buildings/${site.buildingId}`, { token: elsewhere.tokens.resident }),
      403,
    );
    await problem(
      await call(t, 'GET', `/buildings/${site.buildingId}`, { token: site.tokens.otherInspector }),
      403,
    );
    await problem(
      await call(t, 'GET', `/buildings/${site.buildingId}`, { token: site.tokens.otherManager }),
      403,
    );
    await problem(await call(t, 'GET', `/buildings/${randomUUID()}`, { token: site.tokens.admin }), 404);
    // Moved to the other district, the building is its inspector's and no longer this one's.
    await sql('update building set district_id = ? where id = ?', [elsewhere.districtId, site.buildingId]);
    await problem(
      await call(t, 'GET', `/buildings/${site.buildingId}`, { token: site.tokens.inspector }),
      403,
    );
    expect((await card(site, elsewhere.tokens.inspector)).district.id).toBe(elsewhere.districtId);
  });
});

describe('a page of buildings from the held cards', () => {
  const page = async (token: string) =>
    ok<{ items: BuildingView[]; total: number }>(await call(t, 'GET', '/buildings?pageSize=100', { token }));
  const mine = async (site: Site, token = site.tokens.inspector) =>
    (await page(token)).items.find((b) => b.id === site.buildingId);

  it('is the card as GET /buildings/{id} serves it, held while its version stands', async () => {
    const site = await newSite(t, ['green', 'red']);
    const first = await page(site.tokens.inspector);
    expect(first.total).toBe(3);
    expect(first.items.find((b) => b.id === site.buildingId)).toEqual(await card(site));
    expect(await page(site.tokens.inspector)).toEqual(first);
    await t.deps.orm.em.fork().transactional(async (tx) => {
      await tx.execute('set local session_replication_role = replica');
      await tx.execute('update building set address = ? where id = ?', ['Unseen address', site.buildingId]);
    });
    expect((await mine(site))?.address).toBe(first.items.find((b) => b.id === site.buildingId)?.address);
    await sql('update building set floors = 9 where id = ?', [site.buildingId]);
    expect(await mine(site)).toMatchObject({ address: 'Unseen address', floors: 9 });
  });

  it('follows every write on the next read, and the scope on every read', async () => {
    const site = await newSite(t);
    const elsewhere = await newSite(t);
    const before = await mine(site);
    expect(before).toBeDefined();
    await sql(
      `insert into apartment (id, building_id, number, entrance, floor, area) values (?, ?, '2', 1, 1, 40)`,
      [randomUUID(), site.buildingId],
    );
    expect((await mine(site))?.apartmentCount).toBe(before!.apartmentCount + 1);
    await sql('update management_organization set name = ? where id = ?', [
      'Renamed MChJ',
      site.organizationId,
    ]);
    expect((await mine(site))?.managementOrganization?.name).toBe('Renamed MChJ');
    expect(await mine(site, elsewhere.tokens.inspector)).toBeUndefined();
    await sql('update building set district_id = ? where id = ?', [elsewhere.districtId, site.buildingId]);
    expect(await mine(site)).toBeUndefined();
    expect((await page(site.tokens.inspector)).total).toBe(0);
    expect((await mine(site, elsewhere.tokens.inspector))?.district.id).toBe(elsewhere.districtId);
  });
});

describe('Lru', () => {
  it('holds at most its bound, dropping the least recently used', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.size).toBe(2);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c')]).toEqual([1, 3]);
    lru.set('a', 4);
    lru.set('d', 5);
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual([4, undefined, 5]);
    expect(() => new Lru(0)).toThrow(RangeError);
  });

  it('holds at most its weight, and never an entry heavier than all of it', () => {
    const lru = new Lru<string, string>(10, { maxWeight: 10, weigh: (s) => s.length });
    lru.set('a', 'xxxx');
    lru.set('b', 'xxxx');
    lru.set('c', 'xxxx');
    expect([lru.get('a'), lru.size, lru.weight]).toEqual([undefined, 2, 8]);
    lru.set('b', 'xx');
    expect(lru.weight).toBe(6);
    lru.set('huge', 'x'.repeat(11));
    expect([lru.get('huge'), lru.size, lru.weight]).toEqual([undefined, 2, 6]);
  });
});
