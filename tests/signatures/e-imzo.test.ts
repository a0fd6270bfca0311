// The E-IMZO adapter against a local server that speaks E-IMZO-SERVER's verify contract,
// including its failures, and the verifier that routes envelopes to their scheme.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signEcdsa } from '../../domain/signatures/ecdsa.ts';
import { createEImzoVerifier } from '../../platform/signatures/e-imzo.ts';
import { createSignatureVerifier } from '../../platform/signatures/verifier.ts';
import {
  closedPortUrl,
  type FakeEImzoServer,
  fakePkcs7,
  startFakeEImzoServer,
} from './fake-e-imzo-server.ts';

const contract = new TextEncoder().encode('<h1>Boshqaruv shartnomasi</h1><p>Tarif: 1 200 so‘m/m²</p>');
const owner = { pinfl: '31234567890123', name: 'ALIYEV VALI' };
const company = { pinfl: '41234567890123', tin: '301234567', name: 'KARIMOV ANVAR' };

let server: FakeEImzoServer;
beforeAll(async () => {
  server = await startFakeEImzoServer();
});
afterAll(() => server.stop());
beforeEach(() => {
  server.mode = 'normal';
  server.requests.length = 0;
});

const eImzo = () => createEImzoVerifier({ baseUrl: server.url, timeoutMs: 2_000 });

describe('E-IMZO adapter: verdicts', () => {
  it('verifies a signature whose certificate carries the expected PINFL', async () => {
    const pkcs7 = fakePkcs7(contract, owner);
    const result = await eImzo().verifyDetached(contract, pkcs7, { pinfl: owner.pinfl });
    expect(result).toMatchObject({
      status: 'verified',
      signer: { pinfl: owner.pinfl, name: owner.name },
      certificate: { serialNumber: '218711a92', issuerName: 'CN=TestCA,O=test.e-imzo.uz' },
    });
  });

  it('sends document_base64|pkcs7_base64 as text/plain to the detached verify route', async () => {
    const pkcs7 = fakePkcs7(contract, owner);
    await eImzo().verifyDetached(contract, pkcs7, { pinfl: owner.pinfl });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/backend/pkcs7/verify/detached' });
    expect(request?.contentType).toMatch(/^text\/plain\b/);
    expect(request?.body).toBe(`${Buffer.from(contract).toString('base64')}|${pkcs7}`);
  });

  it('verifies a company signature by its TIN, and by TIN and representative PINFL together', async () => {
    const pkcs7 = fakePkcs7(contract, company);
    expect(await eImzo().verifyDetached(contract, pkcs7, { tin: company.tin })).toMatchObject({
      status: 'verified',
      signer: { tin: company.tin, pinfl: company.pinfl },
    });
    const both = await eImzo().verifyDetached(contract, pkcs7, { tin: company.tin, pinfl: owner.pinfl });
    expect(both).toMatchObject({ status: 'rejected', reason: 'wrong_signer' });
  });

  it("rejects a valid signature by someone else's certificate as the wrong signer", async () => {
    const result = await eImzo().verifyDetached(contract, fakePkcs7(contract, owner), {
      pinfl: '39999999999999',
    });
    expect(result).toMatchObject({ status: 'rejected', reason: 'wrong_signer' });
    expect((result as { detail: string }).detail).toContain(owner.pinfl);
  });

  it('rejects a signature the server does not verify (a changed document) as a bad signature', async () => {
    const pkcs7 = fakePkcs7(contract, owner);
    const changed = new TextEncoder().encode('<h1>Boshqaruv shartnomasi</h1><p>Tarif: 9 900 so‘m/m²</p>');
    const result = await eImzo().verifyDetached(changed, pkcs7, { pinfl: owner.pinfl });
    expect(result).toMatchObject({ status: 'rejected', reason: 'bad_signature' });
  });

  it('rejects a revoked certificate, and one not valid at signing time', async () => {
    const revoked = fakePkcs7(contract, { ...owner, revoked: true });
    expect(await eImzo().verifyDetached(contract, revoked, { pinfl: owner.pinfl })).toMatchObject({
      status: 'rejected',
      reason: 'certificate_revoked',
    });
    const expired = fakePkcs7(contract, { ...owner, expired: true });
    expect(await eImzo().verifyDetached(contract, expired, { pinfl: owner.pinfl })).toMatchObject({
      status: 'rejected',
      reason: 'certificate_expired',
    });
  });

  it('rejects a PKCS#7 that is not base64 without asking the server', async () => {
    const smuggled = `${fakePkcs7(contract, owner)}|${Buffer.from('other').toString('base64')}`;
    const result = await eImzo().verifyDetached(contract, smuggled, { pinfl: owner.pinfl });
    expect(result).toMatchObject({ status: 'rejected', reason: 'malformed' });
    expect(server.requests).toHaveLength(0);
  });

  it('rejects what the server refuses with an error status as malformed', async () => {
    server.mode = 'error-status';
    const result = await eImzo().verifyDetached(contract, fakePkcs7(contract, owner), { pinfl: owner.pinfl });
    expect(result).toMatchObject({ status: 'rejected', reason: 'malformed' });
  });
});

describe('E-IMZO adapter: failures leave the signature unverified', () => {
  const unavailable = { status: 'unverified', reason: 'verifier_unavailable' };

  it('HTTP 500', async () => {
    server.mode = 'http500';
    const result = await eImzo().verifyDetached(contract, fakePkcs7(contract, owner), { pinfl: owner.pinfl });
    expect(result).toMatchObject(unavailable);
    expect((result as { detail: string }).detail).toContain('500');
  });

  it('server down', async () => {
    const down = createEImzoVerifier({ baseUrl: await closedPortUrl(), timeoutMs: 2_000 });
    const result = await down.verifyDetached(contract, fakePkcs7(contract, owner), { pinfl: owner.pinfl });
    expect(result).toMatchObject(unavailable);
  });

  it('an answer slower than the timeout', async () => {
    server.mode = 'slow';
    const slow = createEImzoVerifier({ baseUrl: server.url, timeoutMs: 150 });
    const started = Date.now();
    const result = await slow.verifyDetached(contract, fakePkcs7(contract, owner), { pinfl: owner.pinfl });
    expect(result).toMatchObject(unavailable);
    expect((result as { detail: string }).detail).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(server.slowMs);
  });

  it('an answer that is not JSON', async () => {
    server.mode = 'not-json';
    const result = await eImzo().verifyDetached(contract, fakePkcs7(contract, owner), { pinfl: owner.pinfl });
    expect(result).toMatchObject(unavailable);
  });
});

describe('createSignatureVerifier', () => {
  it('leaves E-IMZO signatures unverified when no server is configured', async () => {
    const verifier = createSignatureVerifier({ keyFor: async () => null });
    const result = await verifier.verify({
      document: contract,
      signature: { scheme: 'e-imzo-pkcs7', pkcs7Base64: fakePkcs7(contract, owner) },
      expectedSigner: { pinfl: owner.pinfl },
    });
    expect(result).toMatchObject({ status: 'unverified', reason: 'no_verifier_configured' });
  });

  it('routes E-IMZO envelopes to the configured server', async () => {
    const verifier = createSignatureVerifier({ eImzoUrl: `${server.url}/`, keyFor: async () => null });
    const result = await verifier.verify({
      document: contract,
      signature: { scheme: 'e-imzo-pkcs7', pkcs7Base64: fakePkcs7(contract, owner) },
      expectedSigner: { pinfl: owner.pinfl },
    });
    expect(result.status).toBe('verified');
    expect(server.requests[0]?.path).toBe('/backend/pkcs7/verify/detached');
  });

  it('verifies built-in signatures against the key registered for the expected signer', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ]);
    const publicKeyJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const registered = new Map([[owner.pinfl, publicKeyJwk]]);
    const verifier = createSignatureVerifier({ keyFor: async (s) => registered.get(s.pinfl ?? '') ?? null });
    const signature = {
      scheme: 'ecdsa-p256-sha256' as const,
      publicKeyJwk,
      signatureBase64: await signEcdsa(contract, pair.privateKey),
    };
    expect(
      await verifier.verify({ document: contract, signature, expectedSigner: { pinfl: owner.pinfl } }),
    ).toEqual({
      status: 'verified',
      signer: { pinfl: owner.pinfl },
    });
    expect(
      await verifier.verify({ document: contract, signature, expectedSigner: { pinfl: '39999999999999' } }),
    ).toMatchObject({ status: 'rejected', reason: 'wrong_signer' });
  });
});
