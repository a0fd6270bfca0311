// Contract conclusion on the real dev server and PostgreSQL: both parties sign the exact document
// and the contract becomes active; a bad signature, a signature by the wrong person, a changed
// document and an unverifiable signature never activate it; amendment and termination follow the
// same path; every step is in the timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView } from '../../domain/contracts/view.ts';
import { call, newKey, ok, problem } from '../register/api-fixtures.ts';
import {
  type ContractsEnv,
  contract,
  documentBytes,
  MANAGEMENT_PARAMETERS,
  newLot,
  newPerson,
  registeredKeyOf,
  sign,
  startContractsEnv,
  startManagementContract,
} from './fixtures.ts';

let env: ContractsEnv;
beforeAll(async () => {
  env = await startContractsEnv();
});
afterAll(async () => {
  await env?.stop();
});

const reasonOf = async (res: Response) =>
  ((await problem(res, 422, 'body.signature')) as { reason?: string }).reason;

describe('contract conclusion', () => {
  it('becomes active only once both parties have signed the same document', async () => {
    const lot = await newLot(env);
    const started = await startManagementContract(env, lot);
    expect(started).toMatchObject({ state: 'awaiting_signatures', version: 0, kind: 'management' });
    expect(started.pending?.documentSha256).toMatch(/^[0-9a-f]{64}$/);

    const asRep = await contract(env, lot.rep.token, started.id);
    expect(asRep.mySigningParty).toBe('owners');
    const first = await ok<ContractView>(await sign(env, lot.rep.token, await lot.rep.key(), asRep));
    expect(first.state).toBe('awaiting_signatures');
    expect(first.pending?.signatures).toEqual([
      expect.objectContaining({ party: 'owners', status: 'verified', scheme: 'ecdsa-p256-sha256' }),
    ]);
    expect(first.mySigningParty).toBeNull();

    const asStaff = await contract(env, lot.staff.token, started.id);
    expect(asStaff.mySigningParty).toBe('counterparty');
    const active = await ok<ContractView>(await sign(env, lot.staff.token, await lot.staff.key(), asStaff));
    expect(active).toMatchObject({ state: 'active', version: 1, pending: null });
    expect(active.documentSha256).toBe(started.pending!.documentSha256);
    expect(active.concludedAt).not.toBeNull();
    expect(active.timeline.map((e) => e.action)).toEqual([
      'created',
      'send_for_signature',
      'signed',
      'signed',
      'conclusion_completed',
    ]);
    // The document served is the one signed, byte for byte.
    const bytes = await documentBytes(env, lot.rep.token, active.id, active.documentSha256!);
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
    expect(digest).toBe(active.documentSha256);
  });

  it('refuses a bad signature, the wrong signer and a changed document, and audits each attempt', async () => {
    const lot = await newLot(env);
    const view = await contract(env, lot.rep.token, (await startManagementContract(env, lot)).id);
    const keys = await lot.rep.key();

    const forged = await sign(env, lot.rep.token, keys, view, {
      bytes: new TextEncoder().encode('another text'),
    });
    expect(await reasonOf(forged)).toBe('bad_signature');

    // Someone else's registered key, presented by the representative.
    const stranger = await newPerson(env);
    const wrong = await sign(env, lot.rep.token, await stranger.key(), view);
    expect(await reasonOf(wrong)).toBe('wrong_signer');

    // A signature over a document that is not the one up for signature.
    const changed = await sign(env, lot.rep.token, keys, view, { documentSha256: 'a'.repeat(64) });
    expect(await reasonOf(changed)).toBe('document_changed');

    const after = await contract(env, lot.rep.token, view.id);
    expect(after.state).toBe('awaiting_signatures');
    expect(after.pending?.signatures).toEqual([]);
    expect(
      after.timeline.filter((e) => e.action === 'signature_rejected').map((e) => e.detail?.split(':')[0]),
    ).toEqual(['bad_signature', 'wrong_signer', 'document_changed']);
  });

  it('keeps an E-IMZO signature unverified while no verifier is configured, and never activates on it', async () => {
    const lot = await newLot(env);
    const view = await contract(env, lot.rep.token, (await startManagementContract(env, lot)).id);
    const res = await call(env.app, 'POST', `/contracts/${view.id}/signatures`, {
      token: lot.rep.token,
      key: newKey(),
      body: {
        documentSha256: view.pending!.documentSha256,
        signature: { scheme: 'e-imzo-pkcs7', pkcs7Base64: 'MIIB' },
      },
    });
    const unverified = await ok<ContractView>(res);
    expect(unverified.pending?.signatures).toEqual([
      expect.objectContaining({ party: 'owners', status: 'unverified' }),
    ]);
    const staffView = await contract(env, lot.staff.token, view.id);
    const still = await ok<ContractView>(await sign(env, lot.staff.token, await lot.staff.key(), staffView));
    expect(still.state).toBe('awaiting_signatures');
    // The representative may still sign with a verifiable signature, which then activates it.
    const mine = await contract(env, lot.rep.token, view.id);
    expect(mine.mySigningParty).toBe('owners');
    const active = await ok<ContractView>(await sign(env, lot.rep.token, await lot.rep.key(), mine));
    expect(active.state).toBe('active');
  });

  it('amends and terminates through the same two signatures', async () => {
    const lot = await newLot(env);
    let v = await contract(env, lot.rep.token, (await startManagementContract(env, lot)).id);
    await ok(await sign(env, lot.rep.token, await lot.rep.key(), v));
    v = await ok<ContractView>(
      await sign(env, lot.staff.token, await lot.staff.key(), await contract(env, lot.staff.token, v.id)),
    );
    const concluded = v.documentSha256;

    const amended = await ok<ContractView>(
      await call(env.app, 'POST', `/contracts/${v.id}/amendments`, {
        token: lot.staff.token,
        body: { parameters: { ...MANAGEMENT_PARAMETERS, tariffUzsPerM2: 1800 } },
      }),
    );
    expect(amended.state).toBe('amendment_awaiting_signatures');
    // Still in force on the old terms until both sign.
    expect(amended.parameters).toMatchObject({ tariffUzsPerM2: 1500 });
    // A signature over the concluded document does not count for the amendment.
    const stale = await sign(env, lot.rep.token, await lot.rep.key(), amended, {
      bytes: await documentBytes(env, lot.rep.token, v.id, concluded!),
      documentSha256: concluded!,
    });
    expect(await reasonOf(stale)).toBe('document_changed');
    await ok(await sign(env, lot.rep.token, await lot.rep.key(), await contract(env, lot.rep.token, v.id)));
    v = await ok<ContractView>(
      await sign(env, lot.staff.token, await lot.staff.key(), await contract(env, lot.staff.token, v.id)),
    );
    expect(v).toMatchObject({ state: 'active', version: 2, parameters: { tariffUzsPerM2: 1800 } });
    expect(v.documentSha256).not.toBe(concluded);

    const ending = await ok<ContractView>(
      await call(env.app, 'POST', `/contracts/${v.id}/termination`, {
        token: lot.rep.token,
        body: { reason: 'The owners chose another organization' },
      }),
    );
    expect(ending.state).toBe('termination_awaiting_signatures');
    await ok(await sign(env, lot.rep.token, await lot.rep.key(), ending));
    v = await ok<ContractView>(
      await sign(env, lot.staff.token, await lot.staff.key(), await contract(env, lot.staff.token, v.id)),
    );
    expect(v.state).toBe('terminated');
    expect(v.terminatedAt).not.toBeNull();
    expect(v.timeline.map((e) => e.action)).toContain('termination_completed');
  });

  it('withdraws a pending amendment, leaving the contract in force as it was', async () => {
    const lot = await newLot(env);
    let v = await contract(env, lot.rep.token, (await startManagementContract(env, lot)).id);
    await ok(await sign(env, lot.rep.token, await lot.rep.key(), v));
    v = await ok<ContractView>(
      await sign(env, lot.staff.token, await lot.staff.key(), await contract(env, lot.staff.token, v.id)),
    );
    await ok(
      await call(env.app, 'POST', `/contracts/${v.id}/amendments`, {
        token: lot.rep.token,
        body: { parameters: { ...MANAGEMENT_PARAMETERS, termMonths: 24 } },
      }),
    );
    const back = await ok<ContractView>(
      await call(env.app, 'POST', `/contracts/${v.id}/withdrawal`, { token: lot.rep.token, body: {} }),
    );
    expect(back).toMatchObject({
      state: 'active',
      version: 1,
      pending: null,
      parameters: { termMonths: 12 },
    });
  });

  it('a second signing key of the same user is accepted; a private key is refused', async () => {
    const someone = await newPerson(env);
    await registeredKeyOf(env.app, someone.token);
    await registeredKeyOf(env.app, someone.token);
    const keys = await ok<{ keys: unknown[] }>(
      await call(env.app, 'GET', '/me/signing-keys', { token: someone.token }),
    );
    expect(keys.keys).toHaveLength(2);
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
    ])) as CryptoKeyPair;
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    await problem(
      await call(env.app, 'POST', '/me/signing-keys', {
        token: someone.token,
        body: { publicKeyJwk: privateJwk },
      }),
      400,
      'body.publicKeyJwk.d',
    );
  });
});
