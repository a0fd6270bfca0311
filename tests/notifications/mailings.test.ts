// An organization's mailings, for its delivery reports: its own management company (and an admin)
// lists them newest first; anyone else gets 401/403; a bad id or page is 400. The report names the
// mailing's building, whose printable list holds its unreachable owners.
import { randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMailing } from '../../db/notifications/repository.ts';
import { executeBound } from '../../db/sql.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { texts } from './harness.ts';

let t: TestApp;
let org: string;
let older: string;
let newer: string;
let building: string | null;
const em = () => t.deps.orm.em.fork() as EntityManager;

const tokenOf = (roles: string[], organization: string | null) =>
  t.deps.dev!.issuer.sign({ sub: randomUUID(), name: 'Staff', pid: null, roles, org: organization });

const call = (path: string, token: string | null) =>
  t.app.request(`/api/v1/notifications${path}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });

beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  org = randomUUID();
  await executeBound(
    em(),
    `insert into management_organization (id, tin, name, register_status, email, phone, dispatch_phone)
     values ($1, $2, $3, 'registered', 'info@test.uz', '+998711234567', '+998711234567')`,
    [org, String(randomInt(200_000_000, 299_999_999)), `Test company ${org.slice(0, 8)}`],
  );
  const [b] = await executeBound<{ id: string }>(em(), 'select id from building limit 1', []);
  building = b?.id ?? null;
  const person = randomUUID();
  await executeBound(em(), 'insert into person (id, pinfl, full_name, language) values ($1, $2, $3, $4)', [
    person,
    String(randomInt(10 ** 13, 10 ** 14 - 1)),
    'Owner',
    'uz',
  ]);
  const mailing = (subject: string, at: Date) =>
    enqueueMailing(
      em(),
      {
        kind: 'meeting_notice',
        organizationId: org,
        buildingId: building,
        texts: texts(subject),
        idempotencyKey: `mailings-${randomUUID()}`,
        recipients: [{ personId: person, place: '7' }],
      },
      at,
    );
  older = await mailing('First notice', new Date('2030-01-01T10:00:00Z'));
  newer = await mailing('Second notice', new Date('2030-01-02T10:00:00Z'));
});
afterAll(() => t?.close());

describe("an organization's mailings", () => {
  it('401 without a token, 403 for a resident or another organization, 400 for a bad id or page', async () => {
    expect((await call(`/organizations/${org}/mailings`, null)).status).toBe(401);
    expect((await call(`/organizations/${org}/mailings`, await tokenOf(['resident'], null))).status).toBe(
      403,
    );
    const stranger = await tokenOf(['management_company'], randomUUID());
    expect((await call(`/organizations/${org}/mailings`, stranger)).status).toBe(403);
    const own = await tokenOf(['management_company'], org);
    expect((await call('/organizations/nope/mailings', own)).status).toBe(400);
    expect((await call(`/organizations/${org}/mailings?pageSize=0`, own)).status).toBe(400);
  });

  it('lists them newest first for its own company and an admin', async () => {
    for (const token of [await tokenOf(['management_company'], org), await tokenOf(['admin'], null)]) {
      const res = await call(`/organizations/${org}/mailings?pageSize=50`, token);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { id: string; subject: string; messages: number }[] };
      const ids = page.items.map((i) => i.id);
      expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
      expect(page.items.find((i) => i.id === newer)).toMatchObject({ subject: 'Second notice', messages: 1 });
    }
  });

  it("the report names the mailing's building", async () => {
    const res = await call(`/mailings/${newer}/report`, await tokenOf(['management_company'], org));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { buildingId: string | null }).buildingId).toBe(building);
  });
});
