// The providers' registry adapter (platform/payments/registry.ts) against the Payme sandbox's
// registry: a day lists what Payme performed that Tashkent day with later cancellations; a refused
// request is Rejected (retrying will not help); a registry that does not answer, or answers
// something that is not the day's registry, is Unavailable, never an empty day.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, tashkentDate } from '../../domain/calendar/working-days.ts';
import { type PaymeSandbox, startPaymeSandbox } from '../../platform/payments/payme-sandbox.ts';
import {
  createProviderRegistryClient,
  ProviderRegistryRejectedError,
  ProviderRegistryUnavailableError,
} from '../../platform/payments/registry.ts';

let payme: PaymeSandbox;
beforeAll(async () => {
  // Nobody answers at the merchant URL: these transactions never reach a ledger.
  payme = await startPaymeSandbox({
    merchantUrl: 'http://127.0.0.1:9/api/v1/payments/payme',
    key: 'k'.repeat(16),
  });
});
afterAll(() => payme?.close());

const client = (baseUrl: string) =>
  createProviderRegistryClient({ provider: 'Payme', baseUrl, timeoutMs: 2000 });

describe('a provider registry', () => {
  it('lists the Tashkent day’s performed transactions, with their cancellation', async () => {
    const today = tashkentDate(Date.now());
    const now = payme.performUnnoticed({ account: '1000000017', amount: 5_000 });
    const yesterday = payme.performUnnoticed({
      account: '1000000017',
      amount: 7_000,
      at: Date.now() - 86_400_000,
    });
    (payme.performed.get(now.id) as { cancelledAt: number | null }).cancelledAt = Date.now();
    expect(await client(payme.url).day(today)).toEqual([{ ...now, cancelledAt: expect.any(Number) }]);
    expect(await client(payme.url).day(addDays(today, -1))).toEqual([yesterday]);
    expect(await client(payme.url).day('2001-01-01')).toEqual([]);
  });

  it('a refused request is Rejected with the field; no answer is Unavailable', async () => {
    const refused = await client(payme.url)
      .day('yesterday')
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProviderRegistryRejectedError);
    expect(refused).toMatchObject({ status: 422, errors: [{ field: 'date' }] });
    await expect(client('http://127.0.0.1:9').day('2026-12-01')).rejects.toBeInstanceOf(
      ProviderRegistryUnavailableError,
    );
  });

  it('an answer that is not the day’s registry is Unavailable, never an empty day', async () => {
    const bodies = ['{"date":"2026-11-30","transactions":[]}', '{"transactions":[{"id":"x"}]}', 'not json'];
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(bodies.shift());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (let i = 0; i < 3; i++)
        await expect(client(url).day('2026-12-01')).rejects.toBeInstanceOf(ProviderRegistryUnavailableError);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
