// The tax-authority adapter against the sandbox over real HTTP: every way the authority can fail
// lands in one of the two error types the registration workflow tells apart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTaxAuthorityClient,
  type TaxAuthorityClient,
  TaxAuthorityRejectedError,
  TaxAuthorityUnavailableError,
  type TaxRegistrationRequest,
} from '../../platform/tax-authority/client.ts';
import { startTaxAuthoritySandbox, type TaxAuthoritySandbox } from '../../platform/tax-authority/sandbox.ts';

const request: TaxRegistrationRequest = {
  contractNumber: 'MU-2026-000123',
  contractId: 'c0a1b2c3-0000-4000-8000-000000000001',
  kind: 'lease',
  lessor: { name: '"Obod Uy" MChJ', tin: '301234567' },
  lessee: { name: 'Маиший хизмат маркази', tin: '302345678' },
  building: { cadastralNumber: '10:01:02:03:0004', address: 'Yunusobod 4-mavze, 12-uy' },
  premises: { kind: 'basement', description: 'Yerto‘la, 1-podyezd', areaM2: 42.5 },
  monthlyRentUzs: 1_500_000,
  startDate: '2026-12-01',
  termMonths: 11,
  signedAt: '2026-11-25T06:30:00.000Z',
  documentSha256: 'a'.repeat(64),
};

let sandbox: TaxAuthoritySandbox;
let client: TaxAuthorityClient;

beforeEach(async () => {
  sandbox = await startTaxAuthoritySandbox({ now: () => new Date('2026-11-26T04:00:00Z') });
  // Generous unless a test is about the timeout, so a loaded machine cannot turn an answer into one.
  client = createTaxAuthorityClient({ baseUrl: sandbox.url, timeoutMs: 5_000 });
});
afterEach(async () => {
  await sandbox.close();
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => err,
  );

describe('tax authority client', () => {
  it('registers a contract and gets a registration number', async () => {
    const r = await client.register(request, 'key-1');
    expect(r).toEqual({ registrationNumber: 'STI-2026-000001', registeredAt: '2026-11-26T04:00:00.000Z' });
    expect(sandbox.registrations).toHaveLength(1);
    expect(sandbox.registrations[0]?.request).toEqual(request);
  });

  it('answers a repeat with the same Idempotency-Key with the same registration', async () => {
    const first = await client.register(request, 'key-1');
    const again = await client.register(request, 'key-1');
    expect(again).toEqual(first);
    expect(sandbox.registrations).toHaveLength(1);
    const other = await client.register({ ...request, contractId: 'other' }, 'key-2');
    expect(other.registrationNumber).toBe('STI-2026-000002');
  });

  it('looks a registration up by contract id, and finds none for an unknown one', async () => {
    expect(await client.lookup(request.contractId)).toBeNull();
    const r = await client.register(request, 'key-1');
    expect(await client.lookup(request.contractId)).toEqual(r);
    expect(await client.lookup('unknown')).toBeNull();
  });

  it('treats 503 as unavailable, and the retry succeeds', async () => {
    sandbox.failNext(1, 503);
    const err = await failure(client.register(request, 'key-1'));
    expect(err).toBeInstanceOf(TaxAuthorityUnavailableError);
    expect((err as TaxAuthorityUnavailableError).status).toBe(503);
    expect((err as Error).name).toBe('TaxAuthorityUnavailableError');
    expect(sandbox.registrations).toHaveLength(0);
    expect((await client.register(request, 'key-1')).registrationNumber).toBe('STI-2026-000001');
  });

  it('treats 429 as unavailable', async () => {
    sandbox.failNext(1, 429);
    expect(await failure(client.lookup('x'))).toBeInstanceOf(TaxAuthorityUnavailableError);
  });

  it('gives up after timeoutMs when the authority does not answer', async () => {
    sandbox.delayNext(1, 5000);
    const impatient = createTaxAuthorityClient({ baseUrl: sandbox.url, timeoutMs: 500 });
    const started = performance.now();
    const err = await failure(impatient.register(request, 'key-1'));
    const took = performance.now() - started;
    expect(err).toBeInstanceOf(TaxAuthorityUnavailableError);
    expect((err as Error).message).toMatch(/no answer within 500 ms/);
    // It waited its timeout, and gave up before the authority's late answer.
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(5000);
  });

  it('turns 422 into a rejection carrying the field errors', async () => {
    sandbox.rejectNext(1, [{ field: 'lessee.tin', message: 'unknown taxpayer' }]);
    const err = await failure(client.register(request, 'key-1'));
    expect(err).toBeInstanceOf(TaxAuthorityRejectedError);
    const rejected = err as TaxAuthorityRejectedError;
    expect(rejected.name).toBe('TaxAuthorityRejectedError');
    expect(rejected.status).toBe(422);
    expect(rejected.code).toBe('validation_failed');
    expect(rejected.errors).toEqual([{ field: 'lessee.tin', message: 'unknown taxpayer' }]);
  });

  it('is rejected by the sandbox itself for an invalid request, naming the fields', async () => {
    const bad = { ...request, monthlyRentUzs: 0, lessor: { name: 'X', tin: '12' } };
    const err = (await failure(client.register(bad, 'key-1'))) as TaxAuthorityRejectedError;
    expect(err).toBeInstanceOf(TaxAuthorityRejectedError);
    expect(err.errors.map((e) => e.field).sort()).toEqual(['lessor.tin', 'monthlyRentUzs']);
    expect(sandbox.registrations).toHaveLength(0);
  });

  it('rejects reusing an Idempotency-Key for a different request', async () => {
    await client.register(request, 'key-1');
    const err = (await failure(
      client.register({ ...request, termMonths: 12 }, 'key-1'),
    )) as TaxAuthorityRejectedError;
    expect(err).toBeInstanceOf(TaxAuthorityRejectedError);
    expect(err.code).toBe('idempotency_key_reused');
  });

  it('treats a refused connection as unavailable', async () => {
    await sandbox.close();
    const err = await failure(client.register(request, 'key-1'));
    expect(err).toBeInstanceOf(TaxAuthorityUnavailableError);
    expect((err as Error).message).toMatch(/unreachable/);
    sandbox = await startTaxAuthoritySandbox();
  });

  it('treats a 2xx that is not a registration as unavailable', async () => {
    sandbox.respondNext(1, 200, '{"status":"ok"}');
    const err = await failure(client.register(request, 'key-1'));
    expect(err).toBeInstanceOf(TaxAuthorityUnavailableError);
    expect((err as Error).message).toMatch(/not a registration/);
    sandbox.respondNext(1, 200, '<html>maintenance</html>');
    expect(await failure(client.lookup('x'))).toBeInstanceOf(TaxAuthorityUnavailableError);
  });

  it('sends the API key when one is configured', async () => {
    const guarded = await startTaxAuthoritySandbox({ apiKey: 'secret' });
    try {
      const anonymous = createTaxAuthorityClient({ baseUrl: guarded.url });
      const err = (await failure(anonymous.lookup('x'))) as TaxAuthorityRejectedError;
      expect(err.status).toBe(401);
      const keyed = createTaxAuthorityClient({ baseUrl: guarded.url, apiKey: 'secret' });
      expect(await keyed.lookup('x')).toBeNull();
      expect(guarded.requests).toBe(2);
    } finally {
      await guarded.close();
    }
  });
});
