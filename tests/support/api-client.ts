// Calling the real app in-process, as a portal or another state system would over HTTP, and
// reading its answers: success with the expected status, or problem+json naming the field.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

export async function call(
  app: TestApp,
  method: string,
  path: string,
  o: { token?: string; body?: unknown; key?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  if (o.key) headers['Idempotency-Key'] = o.key;
  if (o.body !== undefined) headers['Content-Type'] = 'application/json';
  return app.app.request(`/api/v1${path}`, {
    method,
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
}

export async function ok<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** What a refusal must name: the field it is about, and/or words of its `detail` (why). */
export interface Why {
  field?: string;
  detail?: string | RegExp;
  /** A rule's stable code (`meetings.wrong_phase`, api/rule-problem.ts). */
  code?: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

/**
 * A refusal as every client reads it: the status, application/problem+json, a body whose status
 * agrees, a detail saying why, and (given) the field it names or the words its detail must hold.
 * A bare string is the field. A 401 carries the Bearer challenge.
 */
export async function problem(res: Response, status: number, why?: string | Why): Promise<ProblemBody> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type'), text).toContain('application/problem+json');
  const body = JSON.parse(text) as ProblemBody;
  expect(body, text).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(body.detail, text).toEqual(expect.stringMatching(/\S/));
  const { field, detail, code } = typeof why === 'string' ? { field: why } : (why ?? {});
  // RFC 6750: a refused bearer token is answered with the challenge that names the scheme.
  if (status === 401) expect(res.headers.get('www-authenticate'), text).toMatch(/^Bearer /);
  const fields = body.errors?.map((e) => e.field) ?? [];
  if (field) expect(fields, text).toContain(field);
  // Bad input always names the field it is about, whether or not the test asks for one.
  else if (status === 400 || status === 422) expect(fields.length, text).toBeGreaterThan(0);
  if (typeof detail === 'string') expect(body.detail, text).toContain(detail);
  else if (detail) expect(body.detail, text).toMatch(detail);
  if (code) expect(body.code, text).toBe(code);
  return body;
}

export const newKey = () => `test-${randomUUID()}`;

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
