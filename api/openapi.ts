// Shared OpenAPI building blocks: the problem schema, pagination, and the security scheme, so
// each route's declaration stays a few lines and the document stays consistent.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import type { JsonText } from '../db/sql.ts';
import { textErrors } from './input.ts';
import { FIELD_CODES, problemResponse, zodFieldErrors } from './problem.ts';
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

/**
 * Every sub-app is an OpenAPIHono with the same validation hook, so bad input always reads the
 * same, and every value that passed its schema is also held to the text rule (api/input.ts)
 * before a handler can hand it to the database.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return problemResponse(
          c,
          400,
          'The request is not valid',
          zodFieldErrors(result.target, result.error, 'data' in result ? result.data : undefined),
        );
      }
      const origin = result.target === 'json' || result.target === 'form' ? 'body' : result.target;
      const errors = textErrors(result.data, origin);
      if (errors.length > 0) return problemResponse(c, 400, 'The request is not valid', errors);
    },
  });
}

/**
 * Answers with JSON text the database built, as `c.json` would answer with the value it stands for
 * (same status, same content type, same route typing), without parsing and serialising it again.
 */
export function jsonText<T, S extends ContentfulStatusCode>(c: Context, text: JsonText<T>, status: S) {
  return c.body(text, status, { 'Content-Type': 'application/json' }) as unknown as Response &
    TypedResponse<JSONParsed<T>, S, 'json'>;
}
