// The meetings endpoints in the OpenAPI document: every one is described, states its roles in its
// summary, requires the bearer token unless public, and takes an Idempotency-Key where it creates.
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

const EXPECTED = [
  ['post', '/api/v1/meetings'],
  ['get', '/api/v1/meetings'],
  ['get', '/api/v1/meetings/{id}'],
  ['post', '/api/v1/meetings/{id}/cancel'],
  ['post', '/api/v1/meetings/{id}/postpone'],
  ['get', '/api/v1/meetings/{id}/my-rights'],
  ['post', '/api/v1/meetings/{id}/ballots'],
  ['get', '/api/v1/meetings/{id}/my-ballots'],
  ['get', '/api/v1/meetings/{id}/participation'],
  ['get', '/api/v1/meetings/{id}/participation/stream'],
  ['get', '/api/v1/meetings/{id}/results'],
  ['get', '/api/v1/meetings/{id}/comments'],
  ['post', '/api/v1/meetings/{id}/comments'],
  ['post', '/api/v1/meetings/{id}/comments/{commentId}/answer'],
  ['post', '/api/v1/meetings/{id}/comments/{commentId}/hide'],
  ['post', '/api/v1/meetings/{id}/proxies'],
  ['post', '/api/v1/meetings/{id}/protocol/sign'],
  ['get', '/api/v1/meetings/{id}/protocol.pdf'],
  ['get', '/api/v1/meetings/protocols/verify'],
  ['get', '/api/v1/me/notifications'],
] as const;

const ROLE_WORDS =
  /resident|management_company|council|inspector|admin|any role|initiator|chair|owners|public/;

describe('OpenAPI: meetings', () => {
  it('documents every endpoint with its roles and its security', () => {
    for (const [method, path] of EXPECTED) {
      const op = paths[path]?.[method];
      expect(op, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(op!.summary, path).toMatch(/\(.+\)$/);
      expect(op!.summary!.match(/\(([^()]*)\)$/)![1], path).toMatch(ROLE_WORDS);
      if (path === '/api/v1/meetings/protocols/verify') expect(op!.security).toEqual([]);
      else expect(op!.security, path).toEqual([{ bearer: [] }]);
    }
  });

  it('asks for an Idempotency-Key where a request creates or casts', () => {
    for (const path of [
      '/api/v1/meetings',
      '/api/v1/meetings/{id}/ballots',
      '/api/v1/meetings/{id}/proxies',
    ]) {
      const header = paths[path]?.post?.parameters?.find((p) => p.in === 'header');
      expect(header, path).toMatchObject({ name: 'idempotency-key', required: true });
    }
  });
});
