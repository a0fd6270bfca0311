// RFC 9457 problem details: the one error shape every endpoint speaks, so portals and mobile apps
// write a single error handler. `errors` names each failing field and why.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { zodIssueDetails } from './zod-issues.ts';

export interface FieldError {
  field: string;
  message: string;
  /**
   * What is wrong, as a stable machine code a client translates (`message` is English and may
   * change): see FIELD_CODES. Absent where a route wrote its own message.
   */
  code?: FieldCode;
  /** Bounds of `too_small` / `too_big`, and for what: a string's characters, an array's items, a number. */
  origin?: string;
  minimum?: number;
  maximum?: number;
  /** The format `invalid_format` expected (`uuid`, `datetime`, `date`, `email`, `regex`…). */
  format?: string;
  /** The values `invalid_value` would accept. */
  values?: string[];
}

/**
 * The codes a field error may carry. `required`: missing, null or an empty string; the rest are
 * the validator's own issue codes, which clients already know from the schema library.
 */
export const FIELD_CODES = [
  'required',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_type',
  'invalid_value',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Thrown anywhere below a handler; the app's error handler renders it. */
export class HttpProblem extends Error {
  readonly status: ContentfulStatusCode;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  /** RFC 9457 extension members, e.g. `reason` of a rejected signature. */
  readonly extensions: Record<string, unknown> | undefined;
  constructor(
    status: ContentfulStatusCode,
    detail: string,
    opts: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.status = status;
    this.errors = opts.errors;
    this.headers = opts.headers;
    this.extensions = opts.extensions;
  }
}

export const unauthorized = (detail: string) =>
  new HttpProblem(401, detail, { headers: { 'WWW-Authenticate': 'Bearer realm="mening-uyim"' } });
export const forbidden = (detail: string) => new HttpProblem(403, detail);
export const notFound = (detail: string) => new HttpProblem(404, detail);

/** Seconds a client should wait before retrying a request refused because a dependency is down. */
export const RETRY_AFTER_SECONDS = 2;
/** A dependency is down or cut us off: the same request (with the same Idempotency-Key) may succeed later. */
export const unavailable = (detail: string) =>
  new HttpProblem(503, detail, { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } });

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  detail: string,
  errors?: FieldError[],
  headers?: Record<string, string>,
  extensions?: Record<string, unknown>,
): Response {
  const body: Problem = {
    ...extensions,
    type: `https://meninguyim.uz/problems/${status}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: c.req.path,
    ...(errors?.length ? { errors } : {}),
  };
  const res = c.json(body, status, { 'Content-Type': 'application/problem+json', ...headers });
  return res;
}

/**
 * `target` is where the value came from (query, param, json, header), so `field` reads like
 * `query.pageSize`; `input`, the value that failed, tells a missing field from a wrong one.
 */
export function zodFieldErrors(target: string, error: ZodError, input?: unknown): FieldError[] {
  const where = target === 'json' || target === 'form' ? 'body' : target;
  return error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
    ...zodIssueDetails(issue, input),
  }));
}

/** "1 problem", "3 problems": the count a refused file's detail starts with. */
export const problemsCount = (n: number): string => `${n} problem${n === 1 ? '' : 's'}`;
