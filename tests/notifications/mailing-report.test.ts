// A mailing's delivery report: for the management company that sent it and the admin only. 401
// without a token, 403 for every other role and for another organization's manager, 404 for no
// such mailing, 400 for a malformed id; the sender sees its own mailing's counts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { enqueueMailing } from '../../db/notifications/repository.ts';
import { DEMO_IDS } from '../../db/seed/personas.ts';
import { executeBound } from '../../db/sql.ts';
import { type NotificationStack, startNotificationStack, texts } from './harness.ts';

/** The mailings whose counts were read: a refused caller must cause none. */
const read = vi.hoisted(() => [] as string[]);
vi.mock('../../db/notifications/preferences.ts', async (original) => {
  const actual = await original<typeof import('../../db/notifications/preferences.ts')>();
  return {
    ...actual,
    mailingReport: (...args: Parameters<typeof actual.mailingReport>) => {
      read.push(args[1]);
      return actual.mailingReport(...args);
    },
  };
});

let s: NotificationStack;
let tokens: Record<string, string>;
let own: string;
let others: string;
let platforms: string;

const mailing = async (organizationId: string | null) => {
  const person = await s.person({ chat: String(100_000 + Math.floor(Math.random() * 1e8)) });
  return enqueueMailing(
    s.em(),
    {
      kind: 'meeting_result',
      organizationId,
      buildingId: DEMO_IDS.building,
      texts: texts('Natijalar'),
      idempotencyKey: randomUUID(),
      recipients: [{ personId: person, place: 'kv. 1' }],
    },
    s.now(),
  );
};

beforeAll(async () => {
  s = await startNotificationStack();
  tokens = {};
  for (const persona of ['manager', 'council', 'resident', 'inspector', 'admin'])
    tokens[persona] = await s.t.tokenFor(persona);
  const [orgs] = await executeBound<{ mine: string; other: string }>(
    s.em(),
    `select b.management_organization_id as mine,
            (select id from management_organization where id <> b.management_organization_id order by id limit 1) as other
       from building b where b.id = $1`,
    [DEMO_IDS.building],
  );
  own = await mailing(orgs!.mine);
  others = await mailing(orgs!.other);
  platforms = await mailing(null);
  await s.drain();
});
afterAll(async () => {
  await s?.close();
});

const report = (id: string, token?: string) =>
  fetch(`${s.apiUrl}/api/v1/notifications/mailings/${id}/report`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const problem = async (res: Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
};

it('is 401 without a token and 403 for the roles it is not for', async () => {
  await problem(await report(own), 401);
  for (const persona of ['council', 'resident', 'inspector'])
    await problem(await report(own, tokens[persona]), 403);
});

it("shows an organization its own mailing only: another organization's and the platform's are 403", async () => {
  const mine = await report(own, tokens.manager);
  expect(mine.status).toBe(200);
  expect(await mine.json()).toMatchObject({
    mailingId: own,
    messages: 1,
    byChannel: { telegram: { delivered: 1 } },
  });
  read.length = 0;
  await problem(await report(others, tokens.manager), 403);
  await problem(await report(platforms, tokens.manager), 403);
  // The scope is checked before anything of the mailing is read.
  expect(read).toEqual([]);
});

it('shows the admin any mailing', async () => {
  for (const id of [own, others, platforms]) expect((await report(id, tokens.admin)).status).toBe(200);
});

it('is 404 for no such mailing and 400 naming the id when it is not a UUID', async () => {
  await problem(await report(randomUUID(), tokens.manager), 404);
  const bad = await report('nope', tokens.manager);
  await problem(bad, 400);
  expect(JSON.stringify(await bad.json())).toContain('id');
});
