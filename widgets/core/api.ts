// The one way widgets talk to the API: bearer auth, and every failure becomes an ApiError carrying
// an RFC 9457 problem, so elements branch on `status` instead of parsing responses themselves.
import { loadRefusalViews } from './refusal.ts';

export interface ProblemFieldError {
  field: string;
  message: string;
  /** A stable code to translate (`required`, `too_small`…), and its bounds: see FieldError in the OpenAPI document. */
  code?: string;
  origin?: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  values?: string[];
}

/** application/problem+json as the API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemFieldError[];
  /** A rule's refusal: capability and rule code (`meetings.wrong_phase`), said in the reader's words. */
  code?: string;
}

/** `status` 0 with this type: the request never got an HTTP answer (offline, DNS, CORS). */
export const NETWORK_PROBLEM_TYPE = 'urn:mening-uyim:problem:network';

/** A 2xx answer whose body is not JSON (a captive portal, a misrouted proxy). */
export const INVALID_RESPONSE_TYPE = 'urn:mening-uyim:problem:invalid-response';

/** What a widget shows, without asking, when it has no token yet. */
export const NO_TOKEN_PROBLEM: Problem = {
  type: 'urn:mening-uyim:problem:no-token',
  title: 'Unauthorized',
  status: 401,
  detail: 'no bearer token: set the token attribute or call configure({ token })',
};

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

export interface RequestOptions {
  apiBase: string;
  token?: string | null;
  lang?: string;
  signal?: AbortSignal;
}

export async function getJson<T>(path: string, options: RequestOptions): Promise<T> {
  return readJson<T>(await call(path, {}, options), options);
}

/** A read whose object may not exist yet: the API answers 204 then, and this resolves to null. */
export async function getJsonOrNone<T>(path: string, options: RequestOptions): Promise<T | null> {
  const response = await call(path, {}, options);
  return response.status === 204 ? null : readJson<T>(response, options);
}

export interface SendOptions extends RequestOptions {
  /** Sent as `Idempotency-Key`: the API answers a repeat of the same request with the first result. */
  idempotencyKey?: string;
}

/** POST (or another method) with a JSON body; answers without a body (204) resolve to `undefined`. */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  options: SendOptions,
): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const response = await call(path, { method, headers, body: JSON.stringify(body) }, options);
  if (response.status === 204) return undefined as T;
  return readJson<T>(response, options);
}

/** A binary download (a PDF) with its headers, for checking a published hash before saving. */
export async function getBytes(
  path: string,
  options: RequestOptions,
  accept = 'application/octet-stream',
): Promise<{ bytes: Uint8Array; headers: Headers }> {
  const response = await call(path, { headers: { Accept: `${accept}, application/problem+json` } }, options);
  return { bytes: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
}

/**
 * The raw response of a successful request, for streams (text/event-stream) that a JSON reader
 * would wait on forever. Failures are ApiErrors as everywhere else.
 */
export function openStream(path: string, options: RequestOptions, accept: string): Promise<Response> {
  return call(path, { headers: { Accept: accept } }, options);
}

/**
 * Reads answered "busy" (503: the database is out of connections; a gateway's 502 or 504) or lost
 * on the way are asked twice more, after 0.5 s and 1.5 s (the API's Retry-After is 2 s): in a
 * portal under load one busy answer would otherwise leave an error on screen, or, for the caller's
 * own roles (GET /me), fewer buttons than they have. Writes are never repeated here: the person
 * sees the refusal and decides. Kept small: every page loads this file.
 */
async function call(path: string, init: RequestInit, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...(init.headers as Record<string, string> | undefined),
  };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.lang) headers['Accept-Language'] = options.lang;
  for (let attempt = 0; ; attempt++) {
    let response: Response | undefined;
    let failure: unknown;
    try {
      // Bearer only: the portal's cookies are none of our business and must not ride along.
      response = await fetch(joinUrl(options.apiBase, path), {
        ...init,
        headers,
        credentials: 'omit',
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      failure = error;
    }
    // 502, 503, 504 (and the rarer 5xx above them): a server or gateway that may answer shortly.
    const busy = !response || response.status > 501;
    if (busy && !init.method && attempt < 2) {
      // An aborted read's next fetch fails at once, and that failure is thrown above.
      await new Promise((resolve) => setTimeout(resolve, 500 * 3 ** attempt));
      continue;
    }
    if (response?.ok) return response;
    // A refused write is shown with the refusal views: asked for now, they come with the problem.
    if (init.method) void loadRefusalViews();
    throw new ApiError(
      response
        ? await readProblem(response)
        : { type: NETWORK_PROBLEM_TYPE, title: 'Network error', status: 0, detail: String(failure) },
    );
  }
}

async function readJson<T>(response: Response, options: RequestOptions): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError({ type: INVALID_RESPONSE_TYPE, title: 'Invalid response', status: response.status });
  }
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

// Proxies and gateways answer with HTML or plain text; those still become a Problem.
async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
  };
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return fallback;
  try {
    const body = (await response.json()) as Partial<Problem> | null;
    if (!body || typeof body !== 'object') return fallback;
    return {
      ...body,
      type: typeof body.type === 'string' ? body.type : fallback.type,
      title: typeof body.title === 'string' ? body.title : fallback.title,
      status: response.status,
    };
  } catch {
    return fallback;
  }
}

/** POST a file as the body (an upload), its type and URI-encoded name in the headers. */
export async function sendFile<T>(
  path: string,
  file: Blob,
  filename: string,
  options: SendOptions,
): Promise<T> {
  const headers: Record<string, string> = {
    'Content-Type': file.type || 'application/octet-stream',
    'X-Filename': encodeURIComponent(filename),
  };
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  return readJson<T>(await call(path, { method: 'POST', headers, body: file }, options), options);
}
