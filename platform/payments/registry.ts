// The providers' registries: what Payme or Click says it performed for us on a day, the other side
// of the daily reconciliation (domain/billing/reconciliation.ts). Our own Payme endpoint answers
// GetStatement from our rows; this asks the provider's side, which is the only place a payment the
// provider performed but never told us about shows up. One adapter per provider, each at its own
// configured URL; the local sandboxes (payme-sandbox.ts, click-sandbox.ts) serve the same contract.
//
// HTTP contract (v1), JSON, UTF-8; `Authorization: Bearer <apiKey>` when a key is configured:
//
//   GET /v1/registry?date=YYYY-MM-DD        the Tashkent day (UTC+5)
//     200 { date, transactions: [{ id, account, amount, performedAt, cancelledAt }] }
//         every transaction performed that day: `id` the provider's transaction id, `account` the
//         personal account paid, `amount` in tiyin, `performedAt` and `cancelledAt` (null unless
//         cancelled after it was performed, whenever that happened) in UTC ms
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

export class ProviderRegistryUnavailableError extends StateSystemUnavailableError {
  override name = 'ProviderRegistryUnavailableError';
}

export class ProviderRegistryRejectedError extends StateSystemRejectedError {
  override name = 'ProviderRegistryRejectedError';
  constructor(provider: string, status: number, code: string, errors: FieldError[], message?: string) {
    super(`${provider}'s registry refused`, status, code, errors, message);
  }
}

export interface RegistryTransaction {
  id: string;
  account: string;
  /** Tiyin. */
  amount: number;
  /** UTC ms. */
  performedAt: number;
  cancelledAt: number | null;
}

export interface ProviderRegistryClient {
  /** Every transaction the provider performed on the Tashkent day `date`. */
  day(date: string): Promise<RegistryTransaction[]>;
}

const tiyin = z.number().int().positive();
const answerSchema = z.object({
  date: z.string(),
  transactions: z.array(
    z.object({
      id: z.string().min(1).max(64),
      account: z.string().max(64),
      amount: tiyin,
      performedAt: z.number().int(),
      cancelledAt: z.number().int().nullable(),
    }),
  ),
});

export function createProviderRegistryClient(o: {
  /** How errors name it: 'Payme', 'Click'. */
  provider: string;
  baseUrl: string;
  timeoutMs?: number;
  apiKey?: string;
}): ProviderRegistryClient {
  const call = stateSystemCaller({
    name: `${o.provider}'s registry`,
    baseUrl: o.baseUrl,
    timeoutMs: o.timeoutMs ?? 10_000,
    apiKey: o.apiKey,
    unavailable: (message, status, options) => new ProviderRegistryUnavailableError(message, status, options),
  });
  return {
    async day(date) {
      const { status, json } = await call('GET', `/v1/registry?date=${encodeURIComponent(date)}`);
      if (status >= 400) {
        const r = refusalOf(status, json);
        throw new ProviderRegistryRejectedError(o.provider, status, r.code, r.errors, r.message);
      }
      const a = answerSchema.safeParse(json);
      // A registry we cannot read is not an empty one: reconciling against it would open a case
      // for every payment of the day.
      if (status !== 200 || !a.success || a.data.date !== date)
        throw new ProviderRegistryUnavailableError(
          `${o.provider}'s registry answered HTTP ${status} without the day's registry`,
          status,
        );
      return a.data.transactions;
    },
  };
}
