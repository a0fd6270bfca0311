// A route's JSON or form body is judged up front but its 400 waits until the handler reads it
// (createRouter in api/openapi.ts), so scope answers (403, 404) come first. That holds only if
// every handler reads its body before it acts: one that never read an invalid body would act on
// it. Here every operation with a body in the served document is shown to have a handler that
// reads each of its body's kinds, and the guard against a handler that does not is shown on
// routes of its own: such a success is a loud 500 naming the operation, while a scope refusal
// it returns stays, and any other answer gives way to the body's 400.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_READERS, createRouter } from '../../api/openapi.ts';
import { HttpProblem, problemResponse } from '../../api/problem.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import type { Document, Operation } from '../support/openapi-samples.ts';
import { Samples } from '../support/openapi-samples.ts';

let t: TestApp;
let doc: Document;
let samples: Samples;

beforeAll(async () => {
  t = await createTestApp({ withTemporal: false });
  doc = (await (await t.app.request('/openapi.json')).json()) as Document;
  samples = new Samples(doc);
});
afterAll(() => t?.close());

/** Whether the body carries anything: an empty one is judged up front, having nothing to hide. */
const carries = (op: Operation) =>
  Object.values(op.requestBody!.content).some((m) => {
    const s = samples.resolve(m.schema);
    return !s.properties || Object.keys(s.properties).length > 0;
  });

/**
 * Operations described with registerPath beside plain Hono handlers that parse their own bodies
 * (the payment providers' callbacks, Open311): no body of theirs is judged late. A new one is
 * added here on purpose.
 */
const SELF_PARSED = new Set([
  'callPaymeMerchantApi',
  'postClickPrepare',
  'postClickComplete',
  'createOpen311Request',
]);

/** The media types whose bodies createRouter judges and whose 400 waits for the handler's read. */
const judgedLate = (type: string) => /json|multipart\/form-data|x-www-form-urlencoded/i.test(type);

/** Whether the handler's own code reads `target` (c.req.valid('json'), or its destructured valid). */
const reads = (source: string, target: string) =>
  new RegExp(`valid\\(\\s*['"\`]${target}['"\`]\\s*\\)`).test(source);

describe('every handler of an operation with a body', () => {
  it('reads each kind of body it declares', () => {
    const ops = Object.values(doc.paths).flatMap((o) =>
      Object.values(o as Record<string, Operation & { operationId: string }>).filter(
        // A CSV body has no schema to judge: its handler reads and judges it itself.
        (op) => op.requestBody && carries(op) && Object.keys(op.requestBody.content).some(judgedLate),
      ),
    );
    expect(ops.length).toBeGreaterThan(50);
    const unread: string[] = [];
    for (const op of ops) {
      const reader = BODY_READERS.get(op.operationId);
      if (SELF_PARSED.has(op.operationId)) {
        if (reader) unread.push(`${op.operationId}: now registered through createRouter`);
        continue;
      }
      if (!reader) {
        unread.push(`${op.operationId}: not registered through createRouter`);
        continue;
      }
      const source = reader.handler.toString();
      for (const target of reader.targets)
        if (!reads(source, target)) unread.push(`${op.operationId}: never reads its ${target} body`);
    }
    expect(unread).toEqual([]);
  });
});

describe('a handler that answers without reading its invalid body', () => {
  const Body = z.object({ title: z.string().min(1) });
  function app(answer: (c: Context) => Response) {
    const router = createRouter();
    router.use(async (c, next) => {
      c.set('deps', { config: { env: 'test' } } as never);
      await next();
    });
    router.openapi(
      createRoute({
        method: 'post',
        operationId: 'createThing',
        path: '/things',
        request: { body: { required: true, content: { 'application/json': { schema: Body } } } },
        responses: { 201: { description: 'Created' } },
      }),
      (c) => answer(c) as never,
    );
    router.onError((err, c) =>
      err instanceof HttpProblem
        ? problemResponse(c, err.status, err.message, err.errors)
        : c.text('unhandled', 500),
    );
    return router;
  }
  const post = (router: ReturnType<typeof app>, body: unknown) =>
    router.request('/things', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('is a 500 naming the operation when it succeeds, and a success with a valid body is untouched', async () => {
    let acted = 0;
    const router = app((c) => {
      acted++;
      return c.body(null, 201);
    });
    const res = await post(router, { title: '' });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { detail: string }).detail).toBe(
      'createThing answered 201 without reading its invalid body: a handler must read its body (c.req.valid) before it acts',
    );
    expect((await post(router, { title: 'Roof' })).status).toBe(201);
    expect(acted).toBe(2);
  });

  it('keeps a scope refusal it returns, and gives any other refusal way to the 400', async () => {
    const forbidden = app((c) => c.json({ detail: 'not yours' }, 403));
    expect((await post(forbidden, { title: '' })).status).toBe(403);
    const conflict = app((c) => c.json({ detail: 'already' }, 409));
    const res = await post(conflict, { title: '' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'body.title',
    ]);
  });

  it('is the 400 when it reads the body, whatever it did not do yet', async () => {
    const router = app((c) => {
      c.req.valid('json' as never);
      return c.body(null, 201);
    });
    expect((await post(router, { title: '' })).status).toBe(400);
  });
});
