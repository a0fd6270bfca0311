// The cadastre adapter against its sandbox over real HTTP: a passport, none (an unmet condition,
// not a failure), and every failure sorted into unavailable (retried) or rejected (final).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CadastralPassport,
  CadastreRejectedError,
  CadastreUnavailableError,
  createCadastreClient,
} from '../../platform/cadastre/client.ts';
import { type CadastreSandbox, startCadastreSandbox } from '../../platform/cadastre/sandbox.ts';

const P: CadastralPassport = {
  cadastralNumber: '10:09:01:02:0003/1',
  passportNumber: 'KP-000123',
  issuedAt: '2026-11-20T05:00:00.000Z',
  address: "Yangi Hayot ko'chasi 7",
  yearBuilt: 2026,
  floors: 9,
  entrances: 2,
  totalAreaM2: 5400,
  livingAreaM2: 4300,
  apartments: 72,
};

let sandbox: CadastreSandbox;
beforeAll(async () => {
  sandbox = await startCadastreSandbox({ apiKey: 'k' });
  sandbox.issue(P);
});
afterAll(() => sandbox.close());
// Generous unless a test is about the timeout, so a loaded machine cannot turn an answer into one.
const client = (timeoutMs = 5_000) =>
  createCadastreClient({ baseUrl: `${sandbox.url}/`, apiKey: 'k', timeoutMs });

describe('cadastre adapter', () => {
  it('reads an issued passport, the number URL-encoded', async () => {
    expect(await client().passport(P.cadastralNumber)).toEqual(P);
  });

  it('answers null when no passport is issued', async () => {
    expect(await client().passport('10:09:99:99:9999')).toBeNull();
  });

  it('sorts 5xx, 429, timeouts, unreachable and malformed answers into unavailable', async () => {
    sandbox.failNext(1, 503);
    await expect(client().passport(P.cadastralNumber)).rejects.toMatchObject({
      name: 'CadastreUnavailableError',
      status: 503,
    });
    sandbox.failNext(1, 429);
    await expect(client().passport(P.cadastralNumber)).rejects.toBeInstanceOf(CadastreUnavailableError);
    sandbox.delayNext(1, 3000);
    await expect(client(300).passport(P.cadastralNumber)).rejects.toThrow(/no answer within 300 ms/);
    sandbox.respondNext(1, 200, '{"cadastralNumber":"x"}');
    await expect(client().passport(P.cadastralNumber)).rejects.toThrow(/not a passport/);
    const closed = await startCadastreSandbox();
    const url = closed.url;
    await closed.close();
    await expect(createCadastreClient({ baseUrl: url }).passport('x')).rejects.toBeInstanceOf(
      CadastreUnavailableError,
    );
  });

  it('sorts a refusal into rejected, with the field errors', async () => {
    sandbox.rejectNext(1, [{ field: 'cadastralNumber', message: 'malformed' }]);
    const err = await client()
      .passport(P.cadastralNumber)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CadastreRejectedError);
    expect(err).toMatchObject({ status: 400, errors: [{ field: 'cadastralNumber', message: 'malformed' }] });
    await expect(
      createCadastreClient({ baseUrl: sandbox.url }).passport(P.cadastralNumber),
    ).rejects.toMatchObject({ name: 'CadastreRejectedError', status: 401 });
  });
});
