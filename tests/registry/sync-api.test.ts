// Starting a registry sync over HTTP: roles, scope, the idempotency key, and bad input.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS, DEMO_PERSONAS } from '../../db/seed/personas.ts';
import { problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const p of DEMO_PERSONAS) tokens[p.key] = await t.tokenFor(p.key);
});
afterAll(() => t.close());

const post = (building: string, persona: string, key?: string) =>
  t.app.request(`/api/v1/buildings/${building}/registry-sync`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[persona]}`, ...(key ? { 'Idempotency-Key': key } : {}) },
  });

describe('POST /api/v1/buildings/{id}/registry-sync', () => {
  it('a retried request with the same key starts one workflow', async () => {
    const key = `test-${randomUUID()}`;
    const first = await post(DEMO_IDS.building, 'council', key);
    const second = await post(DEMO_IDS.building, 'council', key);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    const a = (await first.json()) as { workflowId: string; runId: string; alreadyStarted: boolean };
    const b = (await second.json()) as { workflowId: string; runId: string; alreadyStarted: boolean };
    expect(a.alreadyStarted).toBe(false);
    expect(b).toEqual({ ...a, alreadyStarted: true });
    expect(a.workflowId).toContain(DEMO_IDS.building);
  });

  it('requires an Idempotency-Key, named in the problem', async () => {
    const missing = await problem(await post(DEMO_IDS.building, 'council'), 400, 'header.idempotency-key');
    expect(missing.errors?.map((e) => e.field)).toEqual(['header.idempotency-key']);
    await problem(await post(DEMO_IDS.building, 'council', 'x'), 400, 'header.idempotency-key');
  });

  it('is refused to residents (403) and without a token (401)', async () => {
    await problem(await post(DEMO_IDS.building, 'resident', `test-${randomUUID()}`), 403, {
      detail: /this endpoint is for: .*council/,
    });
    const anonymous = await t.app.request(`/api/v1/buildings/${DEMO_IDS.building}/registry-sync`, {
      method: 'POST',
      headers: { 'Idempotency-Key': `test-${randomUUID()}` },
    });
    await problem(anonymous, 401, { detail: 'bearer token is required' });
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('404 for an unknown building', async () => {
    const res = await post('00000000-0000-4000-8000-000000000000', 'admin', `test-${randomUUID()}`);
    await problem(res, 404, { detail: /building/ });
  });
});

describe('GET /api/v1/buildings/{id}/registry-checks', () => {
  it('is for staff in scope', async () => {
    const url = `/api/v1/buildings/${DEMO_IDS.building}/registry-checks`;
    const staff = await t.app.request(url, { headers: { Authorization: `Bearer ${tokens.manager}` } });
    expect(staff.status).toBe(200);
    expect(Array.isArray(await staff.json())).toBe(true);
    const resident = await t.app.request(url, { headers: { Authorization: `Bearer ${tokens.resident}` } });
    await problem(resident, 403, { detail: /this endpoint is for: / });
  });
});
