// The in-app inbox: every message recorded for a person is a notice there, newest first, in the
// asked language; marking one read is idempotent; only the person themself reads or marks it.
import { randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMailing } from '../../db/notifications/repository.ts';
import { executeBound } from '../../db/sql.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { texts } from './harness.ts';

let t: TestApp;
const em = () => t.deps.orm.em.fork() as EntityManager;

async function person(): Promise<string> {
  const id = randomUUID();
  const pinfl = String(randomInt(10 ** 13, 10 ** 14 - 1)).padStart(14, '1');
  await executeBound(em(), 'insert into person (id, pinfl, full_name, language) values ($1, $2, $3, $4)', [
    id,
    pinfl,
    `Owner ${pinfl.slice(-4)}`,
    'ru',
  ]);
  return id;
}

const tokenOf = (personId: string | null, roles = ['resident']) =>
  t.deps.dev!.issuer.sign({ sub: randomUUID(), name: 'Test user', pid: personId, roles });

async function notice(personId: string, kind: 'meeting_notice' | 'receipt', subject: string, at: Date) {
  return enqueueMailing(
    em(),
    { kind, texts: texts(subject), idempotencyKey: `inbox-${randomUUID()}`, recipients: [{ personId }] },
    at,
  );
}

const call = (path: string, token: string | null, init: RequestInit = {}) =>
  t.app.request(`/api/v1/notifications/me/inbox${path}`, {
    ...init,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Accept-Language': 'ru' },
  });

interface Item {
  id: string;
  kind: string;
  legal: boolean;
  subject: string;
  body: string;
  readAt: string | null;
}
interface InboxPage {
  items: Item[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

let owner: string;
let token: string;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  owner = await person();
  token = await tokenOf(owner);
  await notice(owner, 'receipt', 'Older receipt', new Date('2026-11-01T10:00:00Z'));
  await notice(owner, 'meeting_notice', 'Newer meeting', new Date('2026-11-02T10:00:00Z'));
});
afterAll(() => t?.close());

describe('inbox', () => {
  it('401 without a token, 403 for another role or a token without a person, 400 for a bad page or id', async () => {
    const none = await call('', null);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('', await tokenOf(null, ['management_company']))).status).toBe(403);
    expect((await call('', await tokenOf(null))).status).toBe(403);
    const badPage = await call('?page=0', token);
    expect(badPage.status).toBe(400);
    expect(((await badPage.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('query.page');
    expect((await call('/not-a-uuid/read', token, { method: 'POST' })).status).toBe(400);
    expect((await call(`/${randomUUID()}/read`, null, { method: 'POST' })).status).toBe(401);
  });

  it("lists the person's notices newest first, unread, in the asked language", async () => {
    const res = await call('', token);
    expect(res.status).toBe(200);
    const page = (await res.json()) as InboxPage;
    expect(page.total).toBe(2);
    expect(page.unread).toBe(2);
    expect(page.items.map((i) => i.subject)).toEqual(['Newer meeting', 'Older receipt']);
    expect(page.items[0]).toMatchObject({ kind: 'meeting_notice', legal: true, readAt: null });
    expect(page.items[0]?.body).toBe('Newer meeting (ru)');
    const second = (await (await call('?page=2&pageSize=1', token)).json()) as InboxPage;
    expect(second.items.map((i) => i.subject)).toEqual(['Older receipt']);
  });

  it('marks a notice read once: a repeat answers the same first time', async () => {
    const [first] = ((await (await call('', token)).json()) as InboxPage).items;
    const read = await call(`/${first!.id}/read`, token, { method: 'POST' });
    expect(read.status).toBe(200);
    const readAt = ((await read.json()) as Item).readAt;
    expect(readAt).not.toBeNull();
    const again = (await (await call(`/${first!.id}/read`, token, { method: 'POST' })).json()) as Item;
    expect(again.readAt).toBe(readAt);
    const page = (await (await call('', token)).json()) as InboxPage;
    expect(page.unread).toBe(1);
    expect(page.items.find((i) => i.id === first!.id)?.readAt).toBe(readAt);
  });

  it("refuses another person's notice (403) and an unknown one (404), writing nothing", async () => {
    const other = await person();
    const otherToken = await tokenOf(other);
    expect(((await (await call('', otherToken)).json()) as InboxPage).total).toBe(0);
    const [mine] = ((await (await call('', token)).json()) as InboxPage).items.filter((i) => !i.readAt);
    const refused = await call(`/${mine!.id}/read`, otherToken, { method: 'POST' });
    expect(refused.status).toBe(403);
    expect(((await (await call('', token)).json()) as InboxPage).unread).toBe(1);
    expect((await call(`/${randomUUID()}/read`, token, { method: 'POST' })).status).toBe(404);
  });
});
