// The tax authority is a state system we do not own: this adapter is the only place that speaks
// its HTTP, and it sorts every failure into "try again later" (Unavailable) or "the authority said
// no" (Rejected), because the registration workflow retries the first and stops on the second.
//
// HTTP contract (v1), JSON bodies, UTF-8; `Authorization: Bearer <apiKey>` when a key is configured.
//
//   POST /v1/lease-registrations
//     headers: Content-Type: application/json, Idempotency-Key: <1..200 chars> (required)
//     body:    TaxRegistrationRequest (below)
//     201 { registrationNumber: "STI-2026-000001", registeredAt: ISO-8601 instant, contractId }
//     200 same body: a repeat with an Idempotency-Key already seen answers the first registration
//     400 { code: "bad_request", message, errors: [{ field, message }] }   body not JSON / no key
//     401 { code: "unauthorized", message, errors: [] }
//     409 { code: "idempotency_key_reused", message, errors: [] }   same key, different body
//     422 { code: "validation_failed", message, errors: [{ field, message }] }
//     429, 5xx: temporary; retry later with the same Idempotency-Key
//
//   GET /v1/lease-registrations?contractId=<id>
//     200 { registrations: [{ registrationNumber, registeredAt, contractId }] } in registration order
//     404 nothing known (treated like an empty list)
//
// Errors are plain classes whose `name` Temporal reports as the failure type, so a retry policy
// can list 'TaxAuthorityRejectedError' among its non-retryable error types.
import { z } from 'zod';
import {
  type FieldError,
  refusalOf,
  StateSystemRejectedError,
  StateSystemUnavailableError,
  stateSystemCaller,
} from '../state-system.ts';

export type { FieldError };

const TIN = /^\d{9}$/;
const PINFL = /^\d{14}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const taxRegistrationRequestSchema = z
  .object({
    contractNumber: z.string().min(1).max(50),
    contractId: z.string().min(1).max(100),
    kind: z.enum(['lease', 'gratuitous_use']),
    lessor: z.object({ name: z.string().min(1).max(300), tin: z.string().regex(TIN, 'must be 9 digits') }),
    lessee: z.object({
      name: z.string().min(1).max(300),
      tin: z.string().regex(TIN, 'must be 9 digits').optional(),
      pinfl: z.string().regex(PINFL, 'must be 14 digits').optional(),
    }),
    building: z.object({
      cadastralNumber: z.string().min(1).max(100).optional(),
      address: z.string().min(1).max(500),
    }),
    premises: z.object({
      kind: z.enum(['basement', 'roof', 'yard', 'other']),
      description: z.string().min(1).max(500),
      areaM2: z.number().positive().max(100_000),
    }),
    monthlyRentUzs: z.number().int().nonnegative(),
    startDate: z.string().regex(DATE, 'must be YYYY-MM-DD'),
    termMonths: z.number().int().min(1).max(120),
    signedAt: z.iso.datetime({ offset: true }),
    documentSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  })
  .superRefine((r, ctx) => {
    if (!r.lessee.tin && !r.lessee.pinfl)
      ctx.addIssue({ code: 'custom', path: ['lessee', 'tin'], message: 'a TIN or a PINFL is required' });
    if (r.kind === 'lease' && r.monthlyRentUzs <= 0)
      ctx.addIssue({ code: 'custom', path: ['monthlyRentUzs'], message: 'a lease has a positive rent' });
    if (r.kind === 'gratuitous_use' && r.monthlyRentUzs !== 0)
      ctx.addIssue({ code: 'custom', path: ['monthlyRentUzs'], message: 'gratuitous use has no rent' });
  });

export type TaxRegistrationRequest = z.infer<typeof taxRegistrationRequestSchema>;

export interface TaxRegistration {
  registrationNumber: string;
  registeredAt: string;
}

export class TaxAuthorityUnavailableError extends StateSystemUnavailableError {
  override name = 'TaxAuthorityUnavailableError';
}

export class TaxAuthorityRejectedError extends StateSystemRejectedError {
  override name = 'TaxAuthorityRejectedError';
  constructor(status: number, code: string, errors: FieldError[], message?: string) {
    super('The tax authority rejected', status, code, errors, message);
  }
}

const registrationSchema = z.object({
  registrationNumber: z.string().min(1),
  registeredAt: z.iso.datetime({ offset: true }),
});
const listSchema = z.object({ registrations: z.array(registrationSchema) });

export interface TaxAuthorityClientOptions {
  baseUrl: string;
  /** Covers connecting, the authority's work and reading the whole answer. */
  timeoutMs?: number;
  apiKey?: string;
}

export interface TaxAuthorityClient {
  register(req: TaxRegistrationRequest, idempotencyKey: string): Promise<TaxRegistration>;
  /** The latest registration of the contract, or null when the authority knows none. */
  lookup(contractId: string): Promise<TaxRegistration | null>;
}

export function createTaxAuthorityClient({
  baseUrl,
  timeoutMs = 5000,
  apiKey,
}: TaxAuthorityClientOptions): TaxAuthorityClient {
  const call = stateSystemCaller({
    name: 'The tax authority',
    baseUrl,
    timeoutMs,
    apiKey,
    unavailable: (message, status, options) => new TaxAuthorityUnavailableError(message, status, options),
  });

  const malformed = (status: number, what: string) =>
    new TaxAuthorityUnavailableError(`The tax authority answered HTTP ${status} with ${what}`, status);

  function rejected(status: number, json: unknown): TaxAuthorityRejectedError {
    const r = refusalOf(status, json);
    return new TaxAuthorityRejectedError(status, r.code, r.errors, r.message);
  }

  return {
    async register(req, idempotencyKey) {
      const { status, json } = await call(
        'POST',
        '/v1/lease-registrations',
        { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        JSON.stringify(req),
      );
      if (status >= 400) throw rejected(status, json);
      if (status !== 200 && status !== 201) throw malformed(status, 'an unexpected status');
      const r = registrationSchema.safeParse(json);
      if (!r.success)
        throw malformed(status, `a body that is not a registration: ${z.prettifyError(r.error)}`);
      return { registrationNumber: r.data.registrationNumber, registeredAt: r.data.registeredAt };
    },

    async lookup(contractId) {
      const { status, json } = await call(
        'GET',
        `/v1/lease-registrations?contractId=${encodeURIComponent(contractId)}`,
        {},
      );
      if (status === 404) return null;
      if (status >= 400) throw rejected(status, json);
      if (status !== 200) throw malformed(status, 'an unexpected status');
      const r = listSchema.safeParse(json);
      if (!r.success) throw malformed(status, `a body that is not a list: ${z.prettifyError(r.error)}`);
      const last = r.data.registrations.at(-1);
      return last ? { registrationNumber: last.registrationNumber, registeredAt: last.registeredAt } : null;
    },
  };
}
