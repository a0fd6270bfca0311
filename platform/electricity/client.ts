// The electricity supplier's billing is a system we do not own: this adapter is the only place that
// speaks its HTTP. We tell it which owners may not pay for electricity (the debtors handed over on
// the 16th) and whose block is lifted (their contributions are paid).
//
// HTTP contract (v1), JSON bodies, UTF-8; `Authorization: Bearer <apiKey>` when a key is configured;
// every request carries `Idempotency-Key`: the same key again is answered as the first time and
// changes nothing.
//
//   POST /v1/blocks  { ownerId, date: 'YYYY-MM-DD', overdueTiyin, periods: ['YYYY-MM', …] }
//     200 { ownerId, status: "blocked" }
//   POST /v1/lifts   { ownerId, date: 'YYYY-MM-DD' }
//     200 { ownerId, status: "lifted" }       also when the owner was not blocked
//   GET  /v1/owners/{ownerId}
//     200 { ownerId, status: "blocked" | "clear" }
//   400/422 { code, message, errors: [{ field, message }] }    refused: retrying will not help
//   401 { code: "unauthorized", … }
//   429, 5xx, no answer: temporary; retry later
import { z } from 'zod';
import {
  type FieldError,
  refusalOf,
  StateSystemRejectedError,
  StateSystemUnavailableError,
  stateSystemCaller,
} from '../state-system.ts';

export class ElectricityUnavailableError extends StateSystemUnavailableError {
  override name = 'ElectricityUnavailableError';
}

export class ElectricityRejectedError extends StateSystemRejectedError {
  override name = 'ElectricityRejectedError';
  constructor(status: number, code: string, errors: FieldError[], message?: string) {
    super('The electricity billing refused', status, code, errors, message);
  }
}

export interface BlockRequest {
  ownerId: string;
  date: string;
  overdueTiyin: number;
  periods: string[];
}

export interface ElectricityClient {
  block(request: BlockRequest, idempotencyKey: string): Promise<void>;
  lift(request: { ownerId: string; date: string }, idempotencyKey: string): Promise<void>;
  status(ownerId: string): Promise<'blocked' | 'clear'>;
}

const ackSchema = z.object({ ownerId: z.string(), status: z.enum(['blocked', 'lifted', 'clear']) });

export function createElectricityClient(o: {
  baseUrl: string;
  timeoutMs?: number;
  apiKey?: string;
}): ElectricityClient {
  const call = stateSystemCaller({
    name: 'The electricity billing',
    baseUrl: o.baseUrl,
    timeoutMs: o.timeoutMs ?? 5000,
    apiKey: o.apiKey,
    unavailable: (message, status, options) => new ElectricityUnavailableError(message, status, options),
  });
  async function send(method: string, path: string, body: unknown, key?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key) headers['idempotency-key'] = key;
    const { status, json } = await call(
      method,
      path,
      headers,
      body === undefined ? undefined : JSON.stringify(body),
    );
    if (status >= 400) {
      const r = refusalOf(status, json);
      throw new ElectricityRejectedError(status, r.code, r.errors, r.message);
    }
    const ack = ackSchema.safeParse(json);
    if (status !== 200 || !ack.success)
      throw new ElectricityUnavailableError(
        `The electricity billing answered HTTP ${status} without an acknowledgement`,
        status,
      );
    return ack.data;
  }
  return {
    async block(request, key) {
      await send('POST', '/v1/blocks', request, key);
    },
    async lift(request, key) {
      await send('POST', '/v1/lifts', request, key);
    },
    async status(ownerId) {
      const a = await send('GET', `/v1/owners/${encodeURIComponent(ownerId)}`, undefined);
      return a.status === 'blocked' ? 'blocked' : 'clear';
    },
  };
}
