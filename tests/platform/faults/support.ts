// What the fault tests share: polling on a state with a bounded number of attempts, and the
// checks every refusal by a dependency that is down must pass.
import { expect } from 'vitest';

/** Polls `probe` until it returns a value; gives up after `attempts` tries `pauseMs` apart. */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  attempts = 200,
  pauseMs = 250,
): Promise<T> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  throw new Error(`gave up waiting for ${what} after ${attempts} attempts`, { cause: last });
}

/** A 503 as every client reads it: problem+json with a Retry-After to wait. */
export function expectUnavailable(status: number, headers: Headers, body: string): void {
  expect(status, body).toBe(503);
  expect(headers.get('content-type'), body).toContain('application/problem+json');
  expect(Number(headers.get('retry-after')), body).toBeGreaterThan(0);
  expect(JSON.parse(body)).toMatchObject({ status: 503, detail: expect.stringMatching(/\S/) });
}

/** The promise's value, or a failure saying it hung: a fault must never leave a caller waiting. */
export async function answerWithin<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: the request hung`)), ms);
  });
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}
