// The register endpoints in the OpenAPI document: every one is described, states its roles in its
// summary, requires the bearer token unless public, and the application takes an Idempotency-Key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

interface Operation {
  summary?: string;
  security?: unknown;
  parameters?: { name: string; in: string; required?: boolean }[];
}

let t: TestApp;
let paths: Record<string, Record<string, Operation>>;
beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  paths = ((await (await t.app.request('/openapi.json')).json()) as { paths: typeof paths }).paths;
});
afterAll(() => t.close());

const PUBLIC = ['/api/v1/register/organizations', '/api/v1/register/organizations/{orgId}/history'];
const EXPECTED = [
  ['post', '/api/v1/register/applications'],
  ['get', '/api/v1/register/applications/{id}'],
  ['post', '/api/v1/register/applications/{id}/corrections'],
  ['post', '/api/v1/register/applications/{id}/register'],
  ['post', '/api/v1/register/applications/{id}/reject'],
  ['post', '/api/v1/register/applications/{id}/resubmit'],
  ['post', '/api/v1/register/organizations/{orgId}/remove'],
  ['get', PUBLIC[0]!],
  ['get', PUBLIC[1]!],
] as const;

const ROLE_WORDS = /management_company|council|inspector|admin|public/;

describe('OpenAPI: register', () => {
  it('documents every endpoint with its roles and its security', () => {
    for (const [method, path] of EXPECTED) {
      const op = paths[path]?.[method];
      expect(op, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(op!.summary!.match(/\(([^()]*)\)$/)?.[1], path).toMatch(ROLE_WORDS);
      if (PUBLIC.includes(path)) expect(op!.security, path).toEqual([]);
      else expect(op!.security, path).toEqual([{ bearer: [] }]);
    }
  });

  it('asks for an Idempotency-Key on the application', () => {
    const header = paths['/api/v1/register/applications']?.post?.parameters?.find((p) => p.in === 'header');
    expect(header).toMatchObject({ name: 'idempotency-key', required: true });
  });
});
