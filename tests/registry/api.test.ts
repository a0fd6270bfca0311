// The registry endpoints over HTTP with real tokens, real PostgreSQL and the demo data the
// global setup seeded: who may read what, pagination, and bad input as problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERSONAS } from '../../db/seed/personas.ts';
import type { Page } from '../../domain/common/page.ts';
import type { BuildingView, MyApartmentView } from '../../domain/registry/types.ts';
import { problem } from '../support/api-client.ts';
import { bearer, createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const p of DEMO_PERSONAS) tokens[p.key] = await t.tokenFor(p.key);
});
afterAll(() => t.close());

const get = (path: string, persona?: string) =>
  t.app.request(path, persona ? bearer(tokens[persona]!) : undefined);

const personaOf = (role: string) => DEMO_PERSONAS.find((p) => p.role === role)!;

describe('authentication', () => {
  it('401 without a token, with a challenge header', async () => {
    const res = await get('/api/v1/buildings');
    await problem(res, 401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('401 for a malformed or foreign token', async () => {
    await problem(await t.app.request('/api/v1/buildings', bearer('not.a.jwt')), 401);
    const foreign = await createTestApp({ withTemporal: false });
    const token = await foreign.tokenFor('admin');
    await foreign.close();
    await problem(await t.app.request('/api/v1/buildings', bearer(token)), 401);
  });

  it('401 for an expired token', async () => {
    const expired = await t.deps.dev!.issuer.sign({ sub: 'u', roles: ['admin'] }, -60);
    await problem(await t.app.request('/api/v1/me', bearer(expired)), 401);
  });

  it('401 for a token with no known role', async () => {
    const token = await t.deps.dev!.issuer.sign({ sub: 'u', roles: ['superuser'] });
    await problem(await t.app.request('/api/v1/me', bearer(token)), 401);
  });
});

describe('role scoping', () => {
  it('a resident sees their own apartments, with co-owned shares', async () => {
    const res = await get('/api/v1/me/apartments', 'resident');
    expect(res.status).toBe(200);
    const mine = (await res.json()) as MyApartmentView[];
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.some((a) => a.coOwners > 1 && a.share.numerator < a.share.denominator)).toBe(true);
  });

  it('a resident sees only buildings where they own, and 403 elsewhere', async () => {
    const mine = (await (await get('/api/v1/buildings', 'resident')).json()) as Page<BuildingView>;
    expect(mine.total).toBeGreaterThanOrEqual(1);
    const all = (await (await get('/api/v1/buildings?pageSize=200', 'admin')).json()) as Page<BuildingView>;
    const other = all.items.find((b) => !mine.items.some((m) => m.id === b.id))!;
    await problem(await get(`/api/v1/buildings/${other.id}`, 'resident'), 403, {
      detail: 'this building is outside your scope',
    });
    const own = await get(`/api/v1/buildings/${mine.items[0]!.id}`, 'resident');
    expect(own.status).toBe(200);
  });

  it('a council officer and an inspector see only their district', async () => {
    for (const role of ['council', 'inspector']) {
      const persona = personaOf(role);
      const page = (await (
        await get('/api/v1/buildings?pageSize=200', persona.key)
      ).json()) as Page<BuildingView>;
      expect(page.total).toBeGreaterThan(0);
      const districts = new Set(page.items.map((b) => b.district.id));
      expect(districts.size).toBe(1);
    }
    const admin = (await (await get('/api/v1/buildings?pageSize=200', 'admin')).json()) as Page<BuildingView>;
    const council = (await (
      await get('/api/v1/buildings?pageSize=200', personaOf('council').key)
    ).json()) as Page<BuildingView>;
    expect(admin.total).toBeGreaterThan(council.total);
    const outside = admin.items.find((b) => b.district.id !== council.items[0]!.district.id)!;
    await problem(await get(`/api/v1/buildings/${outside.id}`, personaOf('council').key), 403, {
      detail: 'this building is outside your scope',
    });
  });

  it('a management company sees only the buildings it manages', async () => {
    const persona = personaOf('management_company');
    const page = (await (
      await get('/api/v1/buildings?pageSize=200', persona.key)
    ).json()) as Page<BuildingView>;
    expect(page.total).toBeGreaterThan(0);
    const orgs = new Set(page.items.map((b) => b.managementOrganization?.id));
    expect(orgs.size).toBe(1);
  });

  it('403 for roles an endpoint is not for', async () => {
    const building = personaOf('resident').buildingId!;
    await problem(await get(`/api/v1/buildings/${building}/apartments`, 'resident'), 403, {
      detail: 'this endpoint is for: management_company, council, inspector, admin',
    });
    await problem(await get('/api/v1/me/apartments', personaOf('inspector').key), 403, {
      detail: 'this endpoint is for: resident',
    });
    await problem(await get('/api/v1/me/apartments', 'admin'), 403, {
      detail: 'this endpoint is for: resident',
    });
  });

  it('staff list the apartments of a building in scope', async () => {
    const building = personaOf('resident').buildingId!;
    const res = await get(`/api/v1/buildings/${building}/apartments?pageSize=5`, personaOf('council').key);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page<{ number: string }>;
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(5);
  });
});

describe('pagination and reads', () => {
  it('pages are consistent and complete', async () => {
    const first = (await (
      await get('/api/v1/buildings?page=1&pageSize=7', 'admin')
    ).json()) as Page<BuildingView>;
    const second = (await (
      await get('/api/v1/buildings?page=2&pageSize=7', 'admin')
    ).json()) as Page<BuildingView>;
    expect(first.items).toHaveLength(7);
    expect(first.total).toBeGreaterThanOrEqual(50);
    expect(new Set([...first.items, ...second.items].map((b) => b.id)).size).toBe(14);
  });

  it('districts list their councils', async () => {
    const res = await get('/api/v1/districts', 'resident');
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page<{ id: string; council: { name: string } }>;
    expect(page.items.length).toBeGreaterThanOrEqual(2);
    expect(page.items.every((d) => d.council.name.length > 0)).toBe(true);
    const one = await get(`/api/v1/districts/${page.items[0]!.id}`, 'resident');
    expect(one.status).toBe(200);
  });

  it('a building carries its registry data and condition class', async () => {
    const res = await get(`/api/v1/buildings/${personaOf('resident').buildingId}`, 'resident');
    const b = (await res.json()) as BuildingView;
    expect(b.cadastralNumber).toMatch(/^\d{2}:\d{2}:\d{2}:\d{2}:\d{4}$/);
    expect(b.totalArea).toBeGreaterThan(b.livingArea);
    expect(['green', 'yellow', 'red', null]).toContain(b.conditionClass);
    expect(b.apartmentCount).toBeGreaterThan(0);
  });

  it('the card PostgreSQL writes says what the list says of every building, field for field', async () => {
    const items: BuildingView[] = [];
    for (let n = 1; ; n++) {
      const page = (await (
        await get(`/api/v1/buildings?page=${n}&pageSize=200`, 'admin')
      ).json()) as Page<BuildingView>;
      items.push(...page.items);
      if (page.items.length === 0 || items.length >= page.total) {
        expect(items.length).toBe(page.total);
        break;
      }
    }
    // With and without a managing organization and a condition class, areas with and without cents.
    expect(items.some((b) => b.managementOrganization === null)).toBe(true);
    expect(items.some((b) => b.managementOrganization !== null)).toBe(true);
    for (const listed of items) {
      const res = await get(`/api/v1/buildings/${listed.id}`, 'admin');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      // Same keys in the same order with the same values (PostgreSQL spaces its JSON differently).
      expect(JSON.stringify(await res.json())).toBe(JSON.stringify(listed));
    }
  });
});

describe('bad input is a 4xx problem naming the field', () => {
  it('pageSize out of range', async () => {
    const body = await problem(await get('/api/v1/buildings?pageSize=1000', 'admin'), 400);
    expect(body.errors?.[0]?.field).toBe('query.pageSize');
  });

  it('an id that is not a UUID', async () => {
    const body = await problem(await get('/api/v1/buildings/42', 'admin'), 400);
    expect(body.errors?.[0]?.field).toBe('param.id');
  });

  it('an unknown condition class', async () => {
    const body = await problem(await get('/api/v1/buildings?conditionClass=purple', 'admin'), 400);
    expect(body.errors?.[0]?.field).toBe('query.conditionClass');
  });

  it('an unknown building is 404, not 500', async () => {
    await problem(await get('/api/v1/buildings/00000000-0000-4000-8000-000000000000', 'admin'), 404, {
      detail: 'no such building',
    });
  });

  it('an unknown route is a 404 problem', async () => {
    await problem(await get('/api/v1/nothing-here', 'admin'), 404, {
      detail: 'no route for GET /api/v1/nothing-here',
    });
  });
});
