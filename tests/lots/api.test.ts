// The lots' API on the real database seeded with the demo: the council officer of the demo
// district gets the proposal, saves it as drafts (the same Idempotency-Key is the same save) and
// moves a building; a partition or a move that breaks a rule is 422 naming it; an owner reads the
// lot of their building; 401 without a token, 403 for other roles and districts, 400 naming fields.
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
    const key = `drafts-${randomUUID()}`;
    const body = { districtId, lots: proposal.lots.map((l) => ({ buildingIds: l.buildingIds })) };
    const saved = await call('POST', '/lots/drafts', { token: tokens.council, body, key });
    expect(saved.status).toBe(201);
    const lots = (await saved.json()) as { id: string; buildingIds: string[]; apartments: number }[];
    expect(lots.map((l) => l.apartments)).toEqual(proposal.lots.map((l) => l.apartments));
    const again = await call('POST', '/lots/drafts', { token: tokens.council, body, key });
    expect(((await again.json()) as { id: string }[]).map((l) => l.id)).toEqual(lots.map((l) => l.id));
    // Saving the same buildings under another key: they are in lots already.
    const twice = await problem(await call('POST', '/lots/drafts', { token: tokens.council, body }), 422);
    expect(twice.detail).toContain('building_unknown');

    const [a, b] = lots as [(typeof lots)[0], (typeof lots)[0]];
    const building = a.buildingIds.at(-1)!;
    const moved = await call('POST', `/lots/${b.id}/buildings`, {
      token: tokens.council,
      body: { buildingId: building },
    });
    expect(moved.status).toBe(200);
    const [from, to] = (await moved.json()) as { buildingIds: string[] }[];
    expect(from!.buildingIds).not.toContain(building);
    expect(to!.buildingIds).toContain(building);
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

    const own = await call('GET', `/buildings/${DEMO_IDS.building}/lot`, { token: tokens.resident });
    expect(own.status).toBe(200);
    const lot = (await own.json()) as { id: string; buildingIds: string[] };
    expect(lot.buildingIds).toContain(DEMO_IDS.building);
    expect(lots.map((l) => l.id)).toContain(lot.id);
  });
});
