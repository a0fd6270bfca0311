// The state cadastre is a system we do not own: this adapter is the only place that speaks its
// HTTP. It sorts every failure into "try again later" (Unavailable) or "the cadastre said no"
// (Rejected); a passport the cadastre does not know is not a failure but an unmet condition (null).
//
// HTTP contract (v1), JSON bodies, UTF-8; `Authorization: Bearer <apiKey>` when a key is configured.
//
//   GET /v1/passports/{cadastralNumber}      (the number URL-encoded)
//     200 CadastralPassport (below)
//     404 { code: "not_found", message, errors: [] }           no passport issued (yet)
//     400 { code: "bad_request", message, errors: [{ field, message }] }
//     401 { code: "unauthorized", message, errors: [] }
//     429, 5xx: temporary; retry later
//
// Errors are plain classes whose `name` Temporal reports as the failure type, so a retry policy
// can list 'CadastreRejectedError' among its non-retryable error types.
import { z } from 'zod';
import {
  type FieldError,
  refusalOf,
  StateSystemRejectedError,
  StateSystemUnavailableError,
  stateSystemCaller,
} from '../state-system.ts';

export type { FieldError };

export const cadastralPassportSchema = z.object({
  cadastralNumber: z.string().min(1).max(64),
  passportNumber: z.string().min(1).max(64),
  issuedAt: z.iso.datetime({ offset: true }),
  address: z.string().min(1).max(500),
  yearBuilt: z.number().int().min(1800).max(2200),
  floors: z.number().int().min(1).max(200),
  entrances: z.number().int().min(1).max(100),
  totalAreaM2: z.number().positive().max(10_000_000),
  livingAreaM2: z.number().positive().max(10_000_000),
  apartments: z.number().int().min(0).max(100_000),
});
export type CadastralPassport = z.infer<typeof cadastralPassportSchema>;

export class CadastreUnavailableError extends StateSystemUnavailableError {
  override name = 'CadastreUnavailableError';
}

export class CadastreRejectedError extends StateSystemRejectedError {
  override name = 'CadastreRejectedError';
  constructor(status: number, code: string, errors: FieldError[], message?: string) {
    super('The cadastre refused', status, code, errors, message);
  }
}

export interface CadastreClientOptions {
  baseUrl: string;
  /** Covers connecting, the cadastre's work and reading the whole answer. */
  timeoutMs?: number;
  apiKey?: string;
}

export interface CadastreClient {
  /** The building's passport, or null when the cadastre has issued none. */
  passport(cadastralNumber: string): Promise<CadastralPassport | null>;
}

export function createCadastreClient({
  baseUrl,
  timeoutMs = 5000,
  apiKey,
}: CadastreClientOptions): CadastreClient {
  const call = stateSystemCaller({
    name: 'The cadastre',
    baseUrl,
    timeoutMs,
    apiKey,
    unavailable: (message, status, options) => new CadastreUnavailableError(message, status, options),
  });
  return {
    async passport(cadastralNumber) {
      const { status, json } = await call('GET', `/v1/passports/${encodeURIComponent(cadastralNumber)}`);
      if (status === 404) return null;
      if (status >= 400) {
        const r = refusalOf(status, json);
        throw new CadastreRejectedError(status, r.code, r.errors, r.message);
      }
      if (status !== 200)
        throw new CadastreUnavailableError(`The cadastre answered an unexpected HTTP ${status}`, status);
      const r = cadastralPassportSchema.safeParse(json);
      if (!r.success)
        throw new CadastreUnavailableError(
          `The cadastre answered HTTP 200 with a body that is not a passport: ${z.prettifyError(r.error)}`,
          status,
        );
      return r.data;
    },
  };
}
