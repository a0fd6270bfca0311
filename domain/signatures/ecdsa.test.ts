import { calculateJwkThumbprint, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  documentSha256Hex,
  type EcdsaEnvelope,
  jwkThumbprint,
  signEcdsa,
  verifyEcdsa,
} from './ecdsa.ts';

const encode = (text: string) => new TextEncoder().encode(text);

async function newSigner() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const publicKeyJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicKeyJwk };
}

async function signed(document: Uint8Array, signer: Awaited<ReturnType<typeof newSigner>>) {
  const envelope: EcdsaEnvelope = {
    scheme: 'ecdsa-p256-sha256',
    publicKeyJwk: signer.publicKeyJwk,
    signatureBase64: await signEcdsa(document, signer.privateKey),
  };
  return envelope;
}

const contract = encode('<h1>Management contract</h1><p>Tariff: 1 200 UZS per m²</p>');
const party = { pinfl: '12345678901234' };

describe('built-in ECDSA P-256 signatures', () => {
  it('verifies a signature by the registered key and reports the expected signer', async () => {
    const alice = await newSigner();
    const result = await verifyEcdsa(contract, await signed(contract, alice), alice.publicKeyJwk, party);
    expect(result).toEqual({ status: 'verified', signer: party });
  });

  it('accepts the registered key even when its JWK export carries other optional members', async () => {
    const alice = await newSigner();
    const registered = { ...alice.publicKeyJwk, kid: 'alice-phone', key_ops: ['verify'], ext: false };
    const result = await verifyEcdsa(contract, await signed(contract, alice), registered);
    expect(result.status).toBe('verified');
  });

  it('rejects a changed document as a bad signature', async () => {
    const alice = await newSigner();
    const envelope = await signed(contract, alice);
    const tampered = encode('<h1>Management contract</h1><p>Tariff: 9 900 UZS per m²</p>');
    const result = await verifyEcdsa(tampered, envelope, alice.publicKeyJwk);
    expect(result).toMatchObject({ status: 'rejected', reason: 'bad_signature' });
  });

  it("rejects a valid signature made with someone else's key as the wrong signer", async () => {
    const alice = await newSigner();
    const mallory = await newSigner();
    const result = await verifyEcdsa(contract, await signed(contract, mallory), alice.publicKeyJwk);
    expect(result).toMatchObject({ status: 'rejected', reason: 'wrong_signer' });
  });

  it("rejects someone else's signature even when the envelope claims the registered key", async () => {
    const alice = await newSigner();
    const mallory = await newSigner();
    const forged = { ...(await signed(contract, mallory)), publicKeyJwk: alice.publicKeyJwk };
    const result = await verifyEcdsa(contract, forged, alice.publicKeyJwk);
    expect(result).toMatchObject({ status: 'rejected', reason: 'bad_signature' });
  });

  it('rejects malformed base64, a wrong-length signature and a non-P-256 key as malformed', async () => {
    const alice = await newSigner();
    const envelope = await signed(contract, alice);
    for (const bad of [
      { ...envelope, signatureBase64: 'not base64!!' },
      { ...envelope, signatureBase64: `${envelope.signatureBase64.slice(0, -2)}` },
      { ...envelope, signatureBase64: btoa('short') },
      { ...envelope, publicKeyJwk: { kty: 'RSA', n: 'x', e: 'AQAB' } },
    ]) {
      const result = await verifyEcdsa(contract, bad, alice.publicKeyJwk);
      expect(result).toMatchObject({ status: 'rejected', reason: 'malformed' });
    }
  });
});

describe('helpers', () => {
  it('computes the RFC 7638 thumbprint as jose does, ignoring optional members', async () => {
    const { publicKeyJwk } = await newSigner();
    expect(await jwkThumbprint({ ...publicKeyJwk, kid: 'ignored', use: 'sig' } as JsonWebKey)).toBe(
      await calculateJwkThumbprint(publicKeyJwk as JWK, 'sha256'),
    );
  });

  it('hashes the document as SHA-256 hex', async () => {
    expect(await documentSha256Hex(encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('decodes only canonical base64', () => {
    expect(base64ToBytes('YWJj')).toEqual(encode('abc'));
    expect(base64ToBytes('YWI=')).toEqual(encode('ab'));
    expect(base64ToBytes('YWI')).toBeNull();
    expect(base64ToBytes('YW Jj')).toBeNull();
  });
});
