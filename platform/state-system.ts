// What every adapter to a state system we do not own (the tax authority, the cadastre, the
// electricity billing) does the same way: one JSON call with a bearer key and a deadline, and the
// sorting of failures. Anything that never got an answer, a 429 and a 5xx are "try again later"
// (the adapter's Unavailable error); other 4xx carry the system's own problem ({ code, message,
// errors }) for its Rejected error. Both errors are subclasses of the two below, one name each.
import { z } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

/** Never got an answer, a 429 or a 5xx: try again later. Each adapter names its own subclass. */
export class StateSystemUnavailableError extends Error {
  /** The HTTP status when the system answered at all. */
  readonly status: number | null;
  constructor(message: string, status: number | null = null, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

/** Any other 4xx: the system's own refusal; retrying will not help. */
export class StateSystemRejectedError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[];
  /** `refused` reads "The cadastre refused": the sentence the message starts with. */
  constructor(refused: string, status: number, code: string, errors: FieldError[], message?: string) {
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    super(
      `${refused} the request (${status} ${code})${detail ? `: ${detail}` : message ? `: ${message}` : ''}`,
    );
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

export interface StateSystemOptions {
  /** How errors name it: 'The tax authority', 'The cadastre'. */
  name: string;
  baseUrl: string;
  /** Covers connecting, the system's work and reading the whole answer. */
  timeoutMs: number;
  apiKey?: string;
  /** The adapter's own retryable error, so Temporal's retry policy can tell it apart. */
  unavailable: (message: string, status: number | null, options?: ErrorOptions) => Error;
}

export interface Answer {
  status: number;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export const problemSchema = z.object({
  code: z.string().min(1),
  message: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

/** The system's refusal as `{ code, errors, message }`, or a code made from the status. */
export function refusalOf(status: number, json: unknown) {
  const p = problemSchema.safeParse(json);
  return p.success
    ? { code: p.data.code, errors: p.data.errors ?? [], message: p.data.message }
    : { code: `http_${status}`, errors: [] as FieldError[], message: undefined };
}

export function stateSystemCaller(o: StateSystemOptions) {
  const root = o.baseUrl.replace(/\/+$/, '');
  return async function call(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<Answer> {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (o.apiKey) h.authorization = `Bearer ${o.apiKey}`;
    let status: number;
    let text: string;
    try {
      const res = await fetch(`${root}${path}`, {
        method,
        headers: h,
        body,
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      const why =
        e.name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : (e.cause?.code ?? e.message);
      throw o.unavailable(`${o.name} is unreachable: ${why}`, null, { cause: err });
    }
    if (status === 429 || status >= 500)
      throw o.unavailable(`${o.name} answered HTTP ${status}: ${text.slice(0, 200)}`, status);
    return { status, json: parseJson(text) };
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
