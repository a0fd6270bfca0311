// The lots' API on the real database seeded with the demo: the council officer of the demo
// district gets the proposal, saves it as drafts (the same Idempotency-Key is the same save) and
// moves buildings, a free one too (a retried move answers what it first answered, the key with
// another body is 409); a partition or a move that breaks a rule is refused naming it; the
// district's lots are listed with their sizes and class mix and their history verifies; an owner
// reads the lot of their building shaped for owners; 401 without a token, 403 for other roles and
// districts, 400 naming fields.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../db/seed/demo.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
let districtId: string;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  for (const persona of ['council', 'resident', 'manager', 'admin', 'inspector'])
    tokens[persona] = await t.tokenFor(persona);
  const [row] = await t.deps.orm.em
    .fork()
    .execute<{ id: string }[]>('select district_id as id from building where id = ?', [DEMO_IDS.building]);
  districtId = row!.id;
});
afterAll(() => t.close());

const call = (
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; key?: string | false } = {},
) =>
  t.app.request(`/api/v1${path}`, {
    method,
    headers: {
      ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(opts.key === false || method === 'GET'
        ? {}
        : { 'Idempotency-Key': opts.key ?? `test-${randomUUID()}` }),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });

interface ProblemBody {
  status: number;
  detail: string;
  code?: string;
  reason?: string;
  errors?: { field: string }[];
}
const problem = async (res: Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as ProblemBody;
};

describe('lots API', () => {
  it('401 without a token, 403 for roles and districts outside, 400 naming the field', async () => {
    await problem(await call('GET', `/lots/proposal?districtId=${districtId}`), 401);
    await problem(
      await call('GET', `/lots/proposal?districtId=${districtId}`, { token: tokens.resident }),
      403,
    );
    await problem(
      await call('GET', `/lots/proposal?districtId=${districtId}`, { token: tokens.manager }),
      403,
    );
    await problem(
      await call('GET', `/lots/proposal?districtId=${randomUUID()}`, { token: tokens.council }),
      403,
    );
    const bad = await problem(
      await call('GET', '/lots/proposal?districtId=nope', { token: tokens.council }),
      400,
    );
    expect(bad.errors?.map((e) => e.field)).toContain('query.districtId');
    await problem(
      await call('POST', '/lots/drafts', { token: tokens.resident, body: { districtId, lots: [] } }),
      403,
    );
    const noKey = await problem(
      await call('POST', '/lots/drafts', {
        token: tokens.council,
        body: { districtId, lots: [] },
        key: false,
      }),
      400,
    );
    expect(JSON.stringify(noKey.errors)).toContain('idempotency-key');
    const empty = await problem(
      await call('POST', '/lots/drafts', { token: tokens.council, body: { districtId, lots: [] } }),
      400,
    );
    expect(empty.errors?.map((e) => e.field)).toContain('body.lots');
    await problem(await call('GET', `/buildings/${DEMO_IDS.building}/lot`), 401);
  });

  it('proposes, saves drafts once per key, moves a building, refuses rule-breaking partitions with 422; the owner reads the lot', async () => {
    const proposalRes = await call('GET', `/lots/proposal?districtId=${districtId}`, {
      token: tokens.council,
    });
    expect(proposalRes.status).toBe(200);
    const proposal = (await proposalRes.json()) as { lots: { buildingIds: string[]; apartments: number }[] };
    expect(proposal.lots.length).toBeGreaterThanOrEqual(2);
    // One lot of the first lot's buildings minus most of them: too small, refused naming the rule.
    const small = await problem(
      await call('POST', '/lots/drafts', {
        token: tokens.council,
        body: { districtId, lots: [{ buildingIds: proposal.lots[0]!.buildingIds.slice(0, 3) }] },
      }),
      422,
    );
    expect(small.detail).toContain('lot_too_small');
    expect(small.errors?.map((e) => e.field)).toEqual(['body.lots.0']);
    // The first lot's last building stays out of the drafts, to be moved in later from no lot.
    const free = proposal.lots[0]!.buildingIds.at(-1)!;
    const [{ n: freeApartments }] = (await t.deps.orm.em
      .fork()
      .execute<{ n: number }[]>('select count(*)::int n from apartment where building_id = ?', [free])) as [
      { n: number },
    ];
    expect(proposal.lots[0]!.apartments - freeApartments).toBeGreaterThanOrEqual(7000);
    const key = `drafts-${randomUUID()}`;
    const body = {
      districtId,
      lots: proposal.lots.map((l, i) => ({
        buildingIds: i === 0 ? l.buildingIds.slice(0, -1) : l.buildingIds,
      })),
    };
    const saved = await call('POST', '/lots/drafts', { token: tokens.council, body, key });
    expect(saved.status).toBe(201);
    const lots = (await saved.json()) as { id: string; buildingIds: string[]; apartments: number }[];
    expect(lots.map((l) => l.apartments)).toEqual(
      proposal.lots.map((l, i) => l.apartments - (i === 0 ? freeApartments : 0)),
    );
    const again = await call('POST', '/lots/drafts', { token: tokens.council, body, key });
    expect(await again.json()).toEqual(lots);
    const reused = await problem(
      await call('POST', '/lots/drafts', {
        token: tokens.council,
        body: { ...body, lots: body.lots.slice(1) },
        key,
      }),
      409,
    );
    expect(reused.code).toBe('lots.idempotency_conflict');
    // Saving the same buildings under another key: they are in lots already.
    const twice = await problem(await call('POST', '/lots/drafts', { token: tokens.council, body }), 422);
    expect(twice.detail).toContain('building_unknown');
    expect([twice.code, twice.reason]).toEqual(['lots.violations', 'building_unknown']);

    const [a, b] = lots as [(typeof lots)[0], (typeof lots)[0]];
    const building = a.buildingIds.at(-1)!;
    const moveKey = `move-${randomUUID()}`;
    const moved = await call('POST', `/lots/${b.id}/buildings`, {
      token: tokens.council,
      body: { buildingId: building },
      key: moveKey,
    });
    expect(moved.status).toBe(200);
    const first = (await moved.json()) as { id: string; buildingIds: string[]; apartments: number }[];
    const [from, to] = first;
    expect([from!.id, to!.id]).toEqual([a.id, b.id]);
    expect(from!.buildingIds).not.toContain(building);
    expect(to!.buildingIds).toContain(building);
    // The retry gets the first answer (the lot it left, then this one), not the lot as it is now twice.
    const retried = await call('POST', `/lots/${b.id}/buildings`, {
      token: tokens.council,
      body: { buildingId: building },
      key: moveKey,
    });
    expect([retried.status, await retried.json()]).toEqual([200, first]);
    const conflict = await problem(
      await call('POST', `/lots/${b.id}/buildings`, {
        token: tokens.council,
        body: { buildingId: free },
        key: moveKey,
      }),
      409,
    );
    expect(conflict.code).toBe('lots.idempotency_conflict');
    const already = await problem(
      await call('POST', `/lots/${b.id}/buildings`, {
        token: tokens.council,
        body: { buildingId: building },
      }),
      400,
    );
    expect([already.code, already.reason]).toEqual(['lots.invalid', 'already_in_lot']);
    // A building in no lot joins one, the lot's figures re-checked.
    const joined = await call('POST', `/lots/${a.id}/buildings`, {
      token: tokens.council,
      body: { buildingId: free },
    });
    expect(joined.status).toBe(200);
    const [grown] = (await joined.json()) as { id: string; buildingIds: string[]; apartments: number }[];
    expect(grown!.id).toBe(a.id);
    expect(grown!.buildingIds).toContain(free);
    expect(grown!.apartments).toBe(from!.apartments + freeApartments);
    await problem(
      await call('POST', `/lots/${b.id}/buildings`, {
        token: tokens.inspector,
        body: { buildingId: building },
      }),
      403,
    );
    const badMove = await problem(
      await call('POST', `/lots/${b.id}/buildings`, { token: tokens.council, body: { buildingId: 'x' } }),
      400,
    );
    expect(badMove.errors?.map((e) => e.field)).toContain('body.buildingId');
    await problem(
      await call('POST', `/lots/${randomUUID()}/buildings`, {
        token: tokens.council,
        body: { buildingId: free },
      }),
      404,
    );

    // The district's lots, with sizes and class mix, for its council and inspector.
    const listed = await call('GET', `/lots?districtId=${districtId}`, { token: tokens.inspector });
    expect(listed.status).toBe(200);
    const list = (await listed.json()) as {
      id: string;
      number: number;
      apartments: number;
      buildingIds: string[];
      mix: Record<string, number>;
    }[];
    expect(list.map((l) => l.id)).toEqual(lots.map((l) => l.id));
    for (const l of list) {
      expect(l.apartments).toBeGreaterThanOrEqual(7000);
      expect(Object.values(l.mix).reduce((x, y) => x + y, 0)).toBe(l.buildingIds.length);
    }
    await problem(await call('GET', `/lots?districtId=${districtId}`, { token: tokens.resident }), 403);
    await problem(await call('GET', `/lots?districtId=${randomUUID()}`, { token: tokens.council }), 403);
    await problem(await call('GET', `/lots?districtId=${districtId}`), 401);
    const one = await call('GET', `/lots/${a.id}`, { token: tokens.council });
    expect(await one.json()).toEqual(list[0]);
    await problem(await call('GET', `/lots/${randomUUID()}`, { token: tokens.council }), 404);
    await problem(await call('GET', `/lots/${a.id}`, { token: tokens.manager }), 403);

    // The lot's hash-chained history: its creation, the building that left it, the one that joined.
    const verified = await call('GET', `/audit/lots/${a.id}/verification`, { token: tokens.council });
    expect(await verified.json()).toMatchObject({ valid: true, rows: 3 });
    await problem(await call('GET', `/audit/lots/${a.id}/verification`, { token: tokens.resident }), 403);
    await problem(
      await call('GET', `/audit/lots/${randomUUID()}/verification`, { token: tokens.admin }),
      404,
    );
    await problem(await call('GET', `/audit/lots/${a.id}/verification`), 401);

    const own = await call('GET', `/buildings/${DEMO_IDS.building}/lot`, { token: tokens.resident });
    expect(own.status).toBe(200);
    const lot = (await own.json()) as Record<string, unknown> & { id: string; buildingIds: string[] };
    expect(lot.buildingIds).toContain(DEMO_IDS.building);
    expect(lots.map((l) => l.id)).toContain(lot.id);
    // Shaped for owners: where the lot stands, not the council's working state.
    expect(lot).toMatchObject({
      approval: 'draft',
      selection: 'not_started',
      candidates: 0,
      organizationId: null,
    });
    expect(lot).not.toHaveProperty('state');
  });
});
