// The contracts capability refuses a management tariff below the minimum for the building's class
// (domain/billing/tariffs.ts, BILLING_POLICY): at the start of a contract and at an amendment, with
// 422 problem+json naming the field and the minimum, and nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Contract } from '../../db/contracts/entities.ts';
import {
  type ContractsEnv,
  type Lot,
  MANAGEMENT_PARAMETERS,
  newLot,
  startContractsEnv,
  startManagementContract,
} from '../contracts/fixtures.ts';
import { call, newKey, ok, problem } from '../register/api-fixtures.ts';
import { expectBalancedBooks } from './books.ts';

let env: ContractsEnv;
let lot: Lot;

beforeAll(async () => {
  env = await startContractsEnv();
  lot = await newLot(env);
});
afterAll(async () => {
  await expectBalancedBooks(env.app.deps.orm.em.fork());
  await env?.stop();
});

const start = (somPerM2: number, key = newKey()) =>
  call(env.app, 'POST', '/contracts', {
    token: lot.org.tokens.council,
    key,
    body: {
      kind: 'management',
      organizationId: lot.org.id,
      buildingIds: [lot.buildingId],
      representativeUserId: lot.rep.userId,
      parameters: { ...MANAGEMENT_PARAMETERS, tariffUzsPerM2: somPerM2 },
    },
  });

describe('the minimum tariff', () => {
  it('refuses to start a management contract below it, naming the field and the minimum', async () => {
    const before = await env.app.deps.orm.em.fork().count(Contract, {});
    const body = await problem(await start(1000), 422, {
      field: 'body.parameters.tariffUzsPerM2',
      detail: /below the minimum/,
    });
    expect(body).toMatchObject({ buildingId: lot.buildingId, minimumUzsPerM2: expect.any(Number) });
    expect((body as unknown as { minimumUzsPerM2: number }).minimumUzsPerM2).toBeGreaterThan(1000);
    expect(await env.app.deps.orm.em.fork().count(Contract, {})).toBe(before);
  });

  it('accepts a tariff at the minimum, and refuses an amendment below it', async () => {
    const refused = await problem(await start(1000), 422);
    const minimum = (refused as unknown as { minimumUzsPerM2: number }).minimumUzsPerM2;
    await ok(await start(minimum), 201);
    const contract = await startManagementContract(env, lot);
    const amend = await call(env.app, 'POST', `/contracts/${contract.id}/amendments`, {
      token: lot.rep.token,
      key: newKey(),
      body: { parameters: { ...MANAGEMENT_PARAMETERS, tariffUzsPerM2: minimum - 1 } },
    });
    // The amendment is refused on the rule before the contract's state is asked: 422, not 409.
    await problem(amend, 422, 'body.parameters.tariffUzsPerM2');
  });
});
