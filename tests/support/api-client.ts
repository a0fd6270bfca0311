// Calling the real app in-process, as a portal or another state system would over HTTP, and
// reading its answers: success with the expected status, or problem+json naming the field.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

export async function call(
  app: TestApp,
  method: string,
  path: string,
  o: { token?: string; body?: unknown; key?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
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

export async function problem(res: Response, status: number, field?: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = JSON.parse(text) as {
    status: number;
    detail: string;
    errors?: { field: string; message: string }[];
  };
  if (field) expect(body.errors?.map((e) => e.field)).toContain(field);
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
