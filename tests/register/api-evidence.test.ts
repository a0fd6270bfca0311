// The applicant's evidence files: attached by its own organization to its undecided application,
// checked by content and the policy's size, read by the organization, the district's council and
// inspectors and admins; 401 without a token, 403 for everyone else, before anything is read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apply,
  call,
  newKey,
  newOrganization,
  type Org,
  ok,
  problem,
  type RegisterEnv,
  startRegisterEnv,
} from './api-fixtures.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

interface Evidence {
  id: string;
  requirement: string;
  filename: string;
  mediaType: string;
  size: number;
}

let env: RegisterEnv;
let org: Org;
let other: Org;
let applicationId: string;
beforeAll(async () => {
  env = await startRegisterEnv();
  [org, other] = await Promise.all([newOrganization(env), newOrganization(env)]);
  applicationId = (await apply(env.slow, org)).id;
});
afterAll(async () => {
  await env?.stop();
});

const upload = (
  token: string | undefined,
  bytes: Uint8Array,
  o: { type?: string; requirement?: string; key?: string | null; id?: string } = {},
) => {
  const headers: Record<string, string> = {
    'Content-Type': o.type ?? 'application/pdf',
    'X-Filename': encodeURIComponent('Balans 2026 — yillik.pdf'),
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (o.key !== null) headers['Idempotency-Key'] = o.key ?? newKey();
  return env.slow.app.request(
    `/api/v1/register/applications/${o.id ?? applicationId}/evidence?requirement=${o.requirement ?? 'own_funds'}`,
    { method: 'POST', headers, body: bytes as Uint8Array<ArrayBuffer> },
  );
};
const list = (token?: string, id = applicationId) =>
  call(env.slow, 'GET', `/register/applications/${id}/evidence`, { token });
const open = (token: string | undefined, id: string) =>
  call(env.slow, 'GET', `/register/evidence/${id}`, { token });

describe('register evidence files', () => {
  let file: Evidence;

  it('are attached by the applicant to a requirement, once per Idempotency-Key', async () => {
    const key = newKey();
    file = await ok<Evidence>(await upload(org.tokens.manager, PDF, { key }), 201);
    expect(file).toMatchObject({
      requirement: 'own_funds',
      filename: 'Balans 2026 — yillik.pdf',
      mediaType: 'application/pdf',
      size: PDF.byteLength,
    });
    const again = await ok<Evidence>(await upload(org.tokens.manager, PDF, { key }), 201);
    expect(again.id).toBe(file.id);
    const png = await ok<Evidence>(
      await upload(org.tokens.manager, PNG, { type: 'image/png', requirement: 'technical_base' }),
      201,
    );
    expect(png.mediaType).toBe('image/png');
  });

  it('are listed and opened by the organization, the district’s reviewers and admins', async () => {
    for (const token of [org.tokens.manager, org.tokens.council, org.tokens.inspector, org.tokens.admin]) {
      const { items } = await ok<{ items: Evidence[] }>(await list(token));
      expect(items.map((i) => i.requirement)).toEqual(['own_funds', 'technical_base']);
      const res = await open(token, file.id);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    }
  });

  it('answer 401 without a token and 403 to another organization or district, before reading', async () => {
    await problem(await upload(undefined, PDF), 401);
    await problem(await list(undefined), 401);
    await problem(await open(undefined, file.id), 401);
    for (const token of [other.tokens.manager, other.tokens.council, other.tokens.inspector]) {
      await problem(await list(token), 403);
      await problem(await open(token, file.id), 403);
    }
    await problem(await upload(other.tokens.manager, PDF), 403);
    // Reviewers read the evidence but only the applicant adds to it.
    await problem(await upload(org.tokens.council, PDF), 403);
    await problem(await upload(org.tokens.admin, PDF), 403);
    // Scope before state: no such file or application is 404 only for whoever may ask.
    await problem(await open(org.tokens.council, randomUUID()), 404);
    await problem(await list(org.tokens.council, randomUUID()), 404);
  });

  it('are checked by their content, type and size, naming what is wrong', async () => {
    await problem(await upload(org.tokens.manager, PDF, { type: 'text/html' }), 415, 'header.content-type');
    await problem(await upload(org.tokens.manager, PNG, { type: 'application/pdf' }), 422, 'body');
    await problem(
      await upload(org.tokens.manager, PDF, { requirement: 'quarterly_reports' }),
      400,
      'query.requirement',
    );
    await problem(await upload(org.tokens.manager, PDF, { key: null }), 400, 'header.idempotency-key');
    await problem(await upload(org.tokens.manager, new Uint8Array()), 400, 'body');
    const big = new Uint8Array(env.slow.deps.config.register.policy.evidenceMaxBytes + 1);
    big.set(PDF);
    await problem(await upload(org.tokens.manager, big), 413);
    const { items } = await ok<{ items: Evidence[] }>(await list(org.tokens.admin));
    expect(items).toHaveLength(2);
  });
});
