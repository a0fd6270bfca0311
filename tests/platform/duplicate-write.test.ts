// The net under every write route: a write that meets a row another request committed at the same
// moment (PostgreSQL's unique violation) answers 409 problem+json that says to retry with the same
// Idempotency-Key, never 500. The repositories make one key's attempts take turns
// (tests/platform/idempotent-races.test.ts); this is what a route that does not gets. A route of
// this test's own writes the same primary key twice through the real database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.app.post('/api/v1/test-duplicate-write', async (c) => {
    const id = randomUUID();
    const em = t.deps.orm.em.fork();
    await em.execute('insert into read_version (id, version) values (?, 1)', [id]);
    await em.execute('insert into read_version (id, version) values (?, 1)', [id]);
    return c.json({ id }, 201);
  });
});
// Fails the file on any 500 the app answered (tests/support/app.ts).
afterAll(() => t.close());

describe('a write that meets the same row written at the same moment', () => {
  it('answers 409 problem+json that says to retry with the same key, not 500', async () => {
    const res = await t.app.request('/api/v1/test-duplicate-write', { method: 'POST' });
    const body = await problem(res, 409);
    expect(body.detail).toMatch(/same Idempotency-Key/);
  });
});
