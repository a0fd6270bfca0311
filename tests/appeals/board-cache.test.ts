// The council's board held in process (db/appeals/views.ts districtBoard), on the real database:
// an appeal's write shows on the very next read, the clock passing an open appeal's deadline shows
// without any write, the held figures are really what is served while nothing changed, a renamed
// company shows at once, and the scope is checked before the figures over HTTP.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyToAppeal, createAppeal } from '../../db/appeals/repository.ts';
import { districtBoard } from '../../db/appeals/views.ts';
import type { Board } from '../../domain/appeals/json.ts';
import { DEFAULT_APPEAL_POLICY } from '../../domain/appeals/policy.ts';
import { call, newSite, ok, problem, type Site } from '../registry/condition-fixtures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { testPrincipal as principal } from '../support/principal.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
});
afterAll(() => t.close());

/** The ORM's root EntityManager, as the route reads the board. */
const root = () => t.deps.orm.em as EntityManager;
const sql = (text: string, params: unknown[]) => t.deps.orm.em.fork().execute(text, params);

async function submit(site: Site): Promise<{ id: string; dueAt: Date }> {
  const [owner] = await sql(
    'select o.person_id as id from ownership o join apartment a on a.id = o.apartment_id where a.building_id = ?',
    [site.buildingId],
  );
  const id = randomUUID();
  await createAppeal(t.deps.orm.em.fork() as EntityManager, {
    id,
    principal: principal({ personId: owner!.id as string, roles: ['resident'] }),
    category: 'lift',
    kind: 'complaint',
    subject: { buildingId: site.buildingId },
    text: 'The lift has stood for a week.',
    attachmentIds: [],
    policy: DEFAULT_APPEAL_POLICY,
    idempotencyKey: `board-cache:${id}`,
    requestSha256: '0'.repeat(64),
  });
  const [row] = await sql('select due_at from appeal where id = ?', [id]);
  return { id, dueAt: new Date(row!.due_at as string) };
}

const accept = (site: Site, appealId: string) =>
  applyToAppeal(t.deps.orm.em.fork() as EntityManager, {
    appealId,
    command: { type: 'accept' },
    actor: {
      kind: 'user',
      principal: principal({ roles: ['management_company'], organizationId: site.organizationId }),
    },
    requestId: randomUUID(),
  });

describe('the appeals board held in process', () => {
  it('shows each write on the very next read', async () => {
    const site = await newSite(t);
    const empty = await districtBoard(root(), site.districtId);
    expect(empty.counts.registered).toBe(0);
    expect(empty.organizations).toEqual([]);
    const { id } = await submit(site);
    const one = await districtBoard(root(), site.districtId);
    expect(one.counts.registered).toBe(1);
    expect(one.organizations).toMatchObject([{ organizationId: site.organizationId, total: 1, answered: 0 }]);
    await accept(site, id);
    const accepted = await districtBoard(root(), site.districtId);
    expect([accepted.counts.registered, accepted.counts.in_progress]).toEqual([0, 1]);
  });

  it('counts an open appeal overdue once the clock passes its deadline, with no write', async () => {
    const site = await newSite(t);
    const { dueAt } = await submit(site);
    const before = new Date(dueAt.getTime() - 1);
    const at = await districtBoard(root(), site.districtId, before);
    expect(at.overdue).toBe(0);
    expect(at.organizations[0]?.shareAnsweredInTime).toBeNull();
    const past = await districtBoard(root(), site.districtId, dueAt);
    expect(past.overdue).toBe(1);
    expect(past.organizations[0]?.shareAnsweredInTime).toBe(0);
    // A request that began earlier still gets the figures of its own time.
    expect((await districtBoard(root(), site.districtId, before)).overdue).toBe(0);
  });

  it('serves the held figures while the version stands, and reads names afresh', async () => {
    const site = await newSite(t);
    const { id } = await submit(site);
    const before = await districtBoard(root(), site.districtId);
    // Without its triggers (this session only) a change bumps no version: the held figures are
    // still served, so they are what is served, and the trigger is what invalidates them.
    await t.deps.orm.em.fork().transactional(async (tx) => {
      await tx.execute('set local session_replication_role = replica');
      await tx.execute(`update appeal set status = 'in_progress' where id = ?`, [id]);
    });
    expect((await districtBoard(root(), site.districtId)).counts).toEqual(before.counts);
    // The appeal's text alone is not a figure: no new version, and still the held figures.
    await sql(`update appeal set state = jsonb_set(state, '{text}', '"Edited."') where id = ?`, [id]);
    expect((await districtBoard(root(), site.districtId)).counts).toEqual(before.counts);
    await sql('update management_organization set name = ? where id = ?', [
      'Renamed MChJ',
      site.organizationId,
    ]);
    expect((await districtBoard(root(), site.districtId)).organizations[0]?.name).toBe('Renamed MChJ');
    await sql(`update appeal set status = 'registered' where id = ?`, [id]);
    await sql(`update appeal set status = 'in_progress' where id = ?`, [id]);
    expect((await districtBoard(root(), site.districtId)).counts.in_progress).toBe(1);
  });

  it('checks the scope before the figures over HTTP', async () => {
    const site = await newSite(t);
    await submit(site);
    const path = `/appeals/board?districtId=${site.districtId}`;
    const board = await ok<Board>(await call(t, 'GET', path, { token: site.tokens.council }));
    expect(board.counts.registered).toBe(1);
    await problem(await call(t, 'GET', path, { token: site.tokens.otherInspector }), 403);
    await problem(await call(t, 'GET', path, { token: site.tokens.manager }), 403);
    expect(await ok<Board>(await call(t, 'GET', path, { token: site.tokens.admin }))).toEqual(board);
  });
});
