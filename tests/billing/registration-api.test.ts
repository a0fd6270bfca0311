// POST/GET /api/v1/billing/buildings/{id}/registration: who may register a building for billing
// (401 without a token, 403 outside the role or scope), bad input naming the field, the
// Idempotency-Key replay and conflict, and one TIN and bank account per building.
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf } from '../../db/billing/ledger.ts';
import { UserAccount } from '../../db/registry/entities.ts';
import { accountId } from '../../domain/billing/ledger.ts';
import { call, newKey, ok, problem } from '../register/api-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { expectBalancedBooks } from './books.ts';
import { createDistrict } from './fixtures.ts';

let t: TestApp;
let buildingId: string;
let council: string;
let otherCouncil: string;
let resident: string;
let inspector: string;

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
const body = () => ({ tin: digits(9), bankAccount: digits(20), bankCode: '00014' });

async function tokenFor(roles: string[], district: string | null) {
  const em = t.deps.orm.em.fork();
  const user = em.create(UserAccount, { displayName: 'Test' });
  await em.flush();
  return t.deps.dev!.issuer.sign({ sub: user.id, name: 'Test', pid: null, roles, org: null, district });
}

beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  const d = await createDistrict(t.deps.orm);
  const other = await createDistrict(t.deps.orm);
  ({ buildingId } = await d.building([{ number: '1', area: 50, shares: [[1, 1]] }]));
  council = await tokenFor(['council'], d.districtId);
  inspector = await tokenFor(['inspector'], d.districtId);
  otherCouncil = await tokenFor(['council'], other.districtId);
  resident = await tokenFor(['resident'], null);
});
afterAll(async () => {
  await expectBalancedBooks(t.deps.orm.em.fork());
  await t?.close();
});

const path = (id = buildingId) => `/billing/buildings/${id}/registration`;
const post = (token: string | undefined, b: unknown, key: string | undefined = newKey(), id = buildingId) =>
  call(t, 'POST', path(id), { token, key, body: b });

describe('billing registration', () => {
  it('is refused without a token, to a resident, to another district’s council, and on bad input', async () => {
    await problem(await post(undefined, body()), 401);
    await problem(await post(resident, body()), 403);
    await problem(await post(otherCouncil, body()), 403);
    await problem(await post(inspector, body()), 403);
    await problem(await post(council, { ...body(), tin: '12345' }), 400, 'body.tin');
    await problem(await post(council, { ...body(), bankAccount: '1'.repeat(19) }), 400, 'body.bankAccount');
    await problem(await post(council, body(), newKey(), randomUUID()), 404);
    await problem(await call(t, 'GET', path(), { token: council }), 404);
  });

  it('registers once per building, replays a key, refuses a key reused with another body', async () => {
    const key = newKey();
    const b = body();
    const first = await ok<{ registeredBy: string; registeredOn: string }>(await post(council, b, key), 201);
    expect(first).toMatchObject({ buildingId, ...b, registeredBy: 'owners' });
    expect(await ok(await post(council, b, key), 200)).toEqual(first);
    await problem(await post(council, body(), key), 409);
    await problem(await post(council, body()), 409, 'body.buildingId');
    expect(await ok(await call(t, 'GET', path(), { token: inspector }), 200)).toEqual(first);
    await problem(await call(t, 'GET', path(), { token: otherCouncil }), 403);
    expect(await balanceOf(t.deps.orm.em.fork(), accountId({ kind: 'building_bank', buildingId }))).toBe(0n);
  });
});
