// Shared OpenAPI building blocks: the problem schema, pagination, and the security scheme, so
// each route's declaration stays a few lines and the document stays consistent.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import type { JsonText } from '../db/sql.ts';
import { textErrors } from './input.ts';
import { FIELD_CODES, type FieldError, HttpProblem, problemResponse, zodFieldErrors } from './problem.ts';
import type { AppEnv } from './types.ts';

const FieldErrorSchema = z
  .object({
    field: z.string().openapi({ description: 'Where: `body.title`, `query.page`, `body.agenda.0.title`' }),
    message: z.string().openapi({ description: 'Why, in English, for logs and developers' }),
    code: z.enum(FIELD_CODES).optional().openapi({
      description:
        'Why, as a stable code to translate: `required` (missing or empty), `too_small`/`too_big` (with `origin` and `minimum`/`maximum`), `invalid_format` (with `format`), `invalid_value` (with `values`), …',
    }),
    origin: z.string().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    format: z.string().optional(),
    values: z.array(z.string()).optional(),
  })
  .openapi('FieldError');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
    code: z.string().optional().openapi({
      description:
        "A rule's refusal: the capability and the rule's stable code (`meetings.wrong_phase`), for a client to say in its reader's language; `detail` is English.",
      example: 'meetings.wrong_phase',
    }),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: `errors` names each failing field',
  401: 'Missing or invalid bearer token',
  403: "The caller's role or scope does not allow this",
  404: 'No such resource',
  409: 'Conflicts with the current state',
  422: 'Well-formed, but a rule refuses it: `errors` names the field and why',
  429: 'Too many requests: Retry-After says when to try again',
  503: 'A dependency is down: the same request may succeed later (Retry-After)',
};

export function problems(...codes: (400 | 401 | 403 | 404 | 409 | 422 | 429 | 503)[]) {
  return Object.fromEntries(
    codes.map((code) => [code, { description: DESCRIPTIONS[code]!, content: problemContent }]),
  );
}

export const bearer = [{ bearer: [] }];

/** A public operation says so: an empty requirement, not a missing one, so nobody has to guess. */
export const publicAccess: Record<string, string[]>[] = [];

export const UuidParam = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '0195f3a0-8c1e-7000-8000-000000000001' }),
});

/** The first instant PostgreSQL keeps: ISO 8601's year 0 (1 BC) is not in its calendar. */
const FIRST_STORABLE = Date.parse('0001-01-01T00:00:00Z');

/**
 * An instant a client sends, with its offset: any that ISO 8601 writes and the database can keep,
 * so year 0 is a 400 naming the field, not a failed statement.
 */
export const Instant = z.iso
  .datetime({ offset: true })
  .refine((s) => Date.parse(s) >= FIRST_STORABLE, 'must be in year 1 or later');

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).openapi({ example: 20 }),
});

export function pageOf<T extends z.ZodTypeAny>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      page: z.number().int(),
      pageSize: z.number().int(),
      total: z.number().int(),
    })
    .openapi(name);
}

const invalidBody = 'The request is not valid';

type Openapi = OpenAPIHono<AppEnv>['openapi'];
type Route = Parameters<Openapi>[0];
type Handler = Parameters<Openapi>[1];
type Hook = NonNullable<Parameters<Openapi>[2]>;
type BodyTarget = 'json' | 'form';

/** Which validator reads a body of this media type: hono's, as @hono/zod-openapi wires them. */
const targetOf = (type: string): BodyTarget | null =>
  /^application\/([a-z0-9.+-]*\+)?json/i.test(type)
    ? 'json'
    : /^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)
      ? 'form'
      : null;

const zodSchemaOf = (media: unknown): z.ZodType | null => {
  const schema = (media as { schema?: unknown } | undefined)?.schema;
  return schema instanceof z.ZodType ? schema : null;
};

const isEmptyObject = (schema: z.ZodType): boolean =>
  schema instanceof z.ZodObject && Object.keys(schema.shape).length === 0;

/** The zod schemas of a route's JSON and form bodies, by the validator target that reads each. */
function bodySchemas(route: Route): [BodyTarget, z.ZodType][] {
  return Object.entries(route.request?.body?.content ?? {}).flatMap(([type, media]) => {
    const target = targetOf(type);
    const schema = zodSchemaOf(media);
    return target && schema ? [[target, schema] as [BodyTarget, z.ZodType]] : [];
  });
}

/** The same route, its bodies read but not yet judged: any parsed value passes to the handler. */
function withBodiesUnjudged(route: Route): Route {
  const body = route.request!.body!;
  const content = Object.fromEntries(
    Object.entries(body.content).map(([type, media]) => [
      type,
      targetOf(type) && zodSchemaOf(media) ? { ...media, schema: z.any() } : media,
    ]),
  );
  return { ...route, hide: true, request: { ...route.request, body: { ...body, content } } } as Route;
}

/**
 * The handler, given the body judged now and its refusal deferred: a valid body reaches
 * `c.req.valid()` as the schema made it; an invalid one is the 400 naming its fields at the
 * handler's first `c.req.valid()` of it. So what the handler settles before reading its body
 * (who the caller is to the object in the path: 403; whether the object exists: 404) is answered
 * first, and a caller with no responsibility for an object learns nothing of the body it expects.
 * Any other refusal the handler reaches with an invalid body (a state's 409) gives way to the 400,
 * as when bodies were judged first.
 *
 * A handler that succeeds (2xx) with an invalid body it never read has acted on a request it
 * should have refused, and what it wrote cannot be taken back here: a 400 would tell the caller
 * nothing was done. That is a programming error, answered 500 (naming the operation, except in
 * production, where it is logged) so that any test sending such a body fails loudly; and
 * `BODY_READERS` lets a sweep (tests/platform/openapi-body-read.test.ts) prove that every route
 * with a body reads it, so no such handler ships.
 */
function judgingBodies(
  handler: Handler,
  schemas: [BodyTarget, z.ZodType][],
  required: boolean,
  operation: string,
): Handler {
  return (async (c: Parameters<Handler>[0], next: Parameters<Handler>[1]) => {
    const refused = new Map<BodyTarget, FieldError[]>();
    // The body the client sent is judged by its type's schema; a required body sent with no type
    // by the first schema (it reads as {}). An optional body not sent reaches the handler as {},
    // unjudged, as @hono/zod-openapi hands it over.
    const sent = targetOf(c.req.header('content-type') ?? '');
    const judged = sent ?? (required ? schemas[0]![0] : null);
    for (const [target, schema] of schemas) {
      if (target !== judged) continue;
      const raw: unknown = c.req.valid(target as never);
      const result = await schema.safeParseAsync(raw);
      const errors = result.success
        ? textErrors(result.data, 'body')
        : zodFieldErrors(target, result.error, raw);
      if (errors.length > 0) refused.set(target, errors);
      else if (result.success) c.req.addValidatedData(target, result.data as object);
    }
    if (refused.size === 0) return handler(c, next);
    const valid = c.req.valid.bind(c.req);
    const refusal = new HttpProblem(400, invalidBody, { errors: [...refused.values()].flat() });
    c.req.valid = ((target: keyof typeof c.req.valid) => {
      if (refused.has(target as BodyTarget)) throw refusal;
      return valid(target as never);
    }) as typeof c.req.valid;
    let answer: unknown;
    try {
      answer = await handler(c, next);
    } catch (err) {
      // Who the caller is to the object (401, 403) and whether it exists (404) come before the
      // body; anything else the handler found (a state's 409) comes after it, as it always did.
      if (!(err instanceof HttpProblem) || scopeFirst.includes(err.status)) throw err;
      throw refusal;
    }
    // Reading the refused body throws: the handler answered without reading it.
    const status = answer instanceof Response ? answer.status : c.res.status;
    if (scopeFirst.includes(status)) return answer;
    if (status < 200 || status >= 300) throw refusal;
    const message = `${operation} answered ${status} without reading its invalid body: a handler must read its body (c.req.valid) before it acts`;
    if (c.get('deps').config.env === 'production') throw new Error(message);
    throw new HttpProblem(500, message);
  }) as Handler;
}

/** The answers that come before a body's 400: who the caller is to the object, whether it exists. */
const scopeFirst = [401, 403, 404];

/**
 * Each operation with a body its handler judges late (judgingBodies), by operationId: where its
 * handler is and which targets it must read. For the sweep proving that each handler reads them.
 */
export const BODY_READERS = new Map<string, { handler: Handler; targets: BodyTarget[] }>();

/**
 * Every sub-app is an OpenAPIHono with the same validation hook, so bad input always reads the
 * same, and every value that passed its schema is also held to the text rule (api/input.ts)
 * before a handler can hand it to the database. Path, query and header parameters are judged
 * before the handler runs; a JSON or form body when the handler first reads it (judgingBodies),
 * which every object-scoped write does after its scope check.
 */
export function createRouter() {
  const defaultHook: Hook = (result, c) => {
    if (!result.success) {
      return problemResponse(
        c,
        400,
        invalidBody,
        zodFieldErrors(result.target, result.error, 'data' in result ? result.data : undefined),
      );
    }
    const origin = result.target === 'json' || result.target === 'form' ? 'body' : result.target;
    const errors = textErrors(result.data, origin);
    if (errors.length > 0) return problemResponse(c, 400, invalidBody, errors);
  };
  const router = new OpenAPIHono<AppEnv>({ defaultHook });
  const declare: Openapi = router.openapi;
  router.openapi = ((route: Route, handler: Handler, hook?: Hook) => {
    const schemas = bodySchemas(route);
    // An empty body carries nothing to hide, and its handler never reads it: judged up front.
    if (schemas.every(([, schema]) => isEmptyObject(schema))) return declare(route, handler, hook);
    const { middleware: _middleware, hide, ...documented } = route;
    if (!hide) router.openAPIRegistry.registerPath(documented);
    const judge = hook ?? defaultHook;
    // The unjudged bodies pass the hook untouched (judgingBodies holds them to it); the parameters
    // meet it as before.
    const paramsHook: Hook = (result, c) =>
      result.target === 'json' || result.target === 'form' ? undefined : judge(result, c);
    const required = route.request?.body?.required === true;
    const operation = route.operationId ?? `${route.method.toUpperCase()} ${route.path}`;
    if (!hide) BODY_READERS.set(operation, { handler, targets: schemas.map(([target]) => target) });
    return declare(
      withBodiesUnjudged(route),
      judgingBodies(handler, schemas, required, operation),
      paramsHook,
    );
  }) as Openapi;
  return router;
}

/**
 * Answers with JSON text the database built, as `c.json` would answer with the value it stands for
 * (same status, same content type, same route typing), without parsing and serialising it again.
 */
export function jsonText<T, S extends ContentfulStatusCode>(c: Context, text: JsonText<T>, status: S) {
  return c.body(text, status, { 'Content-Type': 'application/json' }) as unknown as Response &
    TypedResponse<JSONParsed<T>, S, 'json'>;
}
