// The commissioning endpoints in the OpenAPI document: every one is described, states its roles in
// its summary, requires the bearer token, and the writes a client may retry take an Idempotency-Key.
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

const A = '/api/v1/commissioning/applications';
const EXPECTED = [
  ['get', A],
  ['post', A],
  ['get', `${A}/{id}`],
  ['post', `${A}/{id}/check`],
  ['post', `${A}/{id}/evidence`],
  ['post', `${A}/{id}/reject`],
  ['post', `${A}/{id}/commission`],
  ['post', `${A}/{id}/acts`],
  ['get', `${A}/{id}/acts/{actId}/document`],
  ['post', `${A}/{id}/acts/{actId}/signatures`],
] as const;

describe('OpenAPI: commissioning', () => {
  it('documents every endpoint with its roles and its security', () => {
    for (const [method, path] of EXPECTED) {
      const op = paths[path]?.[method];
      expect(op, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(op!.summary!.match(/\(([^()]*)\)$/)?.[1], path).toMatch(/developer|inspector|admin|staff/);
      expect(op!.security, path).toEqual([{ bearer: [] }]);
    }
  });

  it('asks for an Idempotency-Key on the application and on drawing up an act', () => {
    for (const path of [A, `${A}/{id}/acts`]) {
      const header = paths[path]?.post?.parameters?.find((p) => p.in === 'header');
      expect(header, path).toMatchObject({ name: 'idempotency-key', required: true });
    }
  });
});
