// Contracts signed with E-IMZO, verified by the workers against a local server speaking
// E-IMZO-SERVER's verify contract (tests/signatures/fake-e-imzo-server.ts): a signature by the
// party's own PINFL (owners) or TIN (the organization) verifies and counts; a revoked certificate
// or another person's is refused with its reason; while the server cannot answer the signature is
// kept unverified and never concludes the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Person } from '../../db/registry/entities.ts';
import type { ContractView } from '../../domain/contracts/view.ts';
import { call, newKey, ok, problem } from '../register/api-fixtures.ts';
import { type FakeEImzoServer, fakePkcs7, startFakeEImzoServer } from '../signatures/fake-e-imzo-server.ts';
import {
  type ContractsEnv,
  contract,
  documentBytes,
  type Lot,
  newLot,
  sign,
  startContractsEnv,
  startManagementContract,
} from './fixtures.ts';

let fake: FakeEImzoServer;
let env: ContractsEnv;
beforeAll(async () => {
  fake = await startFakeEImzoServer();
  env = await startContractsEnv({ env: { E_IMZO_URL: fake.url, E_IMZO_TIMEOUT_MS: '2000' } });
});
afterAll(async () => {
  await env?.stop();
  await fake?.stop();
});

type Signer = { pinfl: string; tin?: string; name: string; revoked?: boolean; expired?: boolean };

/** Signs the pending document as `token` with a (fake) E-IMZO certificate of `signer`. */
async function signEImzo(token: string, view: ContractView, signer: Signer): Promise<Response> {
  const sha = view.pending!.documentSha256;
  const bytes = await documentBytes(env, token, view.id, sha);
  return call(env.app, 'POST', `/contracts/${view.id}/signatures`, {
    token,
    key: newKey(),
    body: {
      documentSha256: sha,
      signature: { scheme: 'e-imzo-pkcs7', pkcs7Base64: fakePkcs7(bytes, signer) },
    },
  });
}

/** The representative's own certificate, and the organization's (its TIN, held by a director). */
async function certificatesOf(lot: Lot): Promise<{ rep: Signer; org: Signer }> {
  const person = await env.em().findOneOrFail(Person, { id: lot.rep.personId });
  return {
    rep: { pinfl: person.pinfl, name: person.fullName },
    org: { pinfl: '31111111111111', tin: lot.org.tin, name: 'Director of the organization' },
  };
}

const reasonOf = async (res: Response) =>
  ((await problem(res, 422, 'body.signature')) as { reason?: string }).reason;

describe('contracts signed with E-IMZO', () => {
  it('verifies the parties’ own certificates and concludes the contract', async () => {
    const lot = await newLot(env);
    const certs = await certificatesOf(lot);
    const started = await startManagementContract(env, lot);
    const before = fake.requests.length;

    const first = await ok<ContractView>(
      await signEImzo(lot.rep.token, await contract(env, lot.rep.token, started.id), certs.rep),
    );
    expect(first.pending?.signatures).toEqual([
      expect.objectContaining({ party: 'owners', scheme: 'e-imzo-pkcs7', status: 'verified' }),
    ]);
    const active = await ok<ContractView>(
      await signEImzo(lot.staff.token, await contract(env, lot.staff.token, started.id), certs.org),
    );
    expect(active).toMatchObject({ state: 'active', version: 1, pending: null });
    expect(active.documentSha256).toBe(started.pending!.documentSha256);
    // The workers asked the server, once per signature, about the exact document.
    const asked = fake.requests.slice(before);
    expect(asked).toHaveLength(2);
    const [documentB64] = asked[0]!.body.split('|');
    const digest = Buffer.from(
      await crypto.subtle.digest('SHA-256', Buffer.from(documentB64!, 'base64')),
    ).toString('hex');
    expect(digest).toBe(active.documentSha256);
  });

  it('refuses a revoked certificate and another person’s certificate, and records neither', async () => {
    const lot = await newLot(env);
    const certs = await certificatesOf(lot);
    const view = await contract(env, lot.rep.token, (await startManagementContract(env, lot)).id);

    expect(await reasonOf(await signEImzo(lot.rep.token, view, { ...certs.rep, revoked: true }))).toBe(
      'certificate_revoked',
    );
    // The representative presents a certificate of someone else.
    expect(
      await reasonOf(
        await signEImzo(lot.rep.token, view, { pinfl: '32222222222222', name: 'Somebody Else' }),
      ),
    ).toBe('wrong_signer');
    // Staff sign with a certificate that is not the organization's TIN.
    const staffView = await contract(env, lot.staff.token, view.id);
    expect(
      await reasonOf(await signEImzo(lot.staff.token, staffView, { ...certs.org, tin: '999999999' })),
    ).toBe('wrong_signer');
    expect(await reasonOf(await signEImzo(lot.staff.token, staffView, { ...certs.org, expired: true }))).toBe(
      'certificate_expired',
    );

    const after = await contract(env, lot.rep.token, view.id);
    expect(after.state).toBe('awaiting_signatures');
    expect(after.pending?.signatures).toEqual([]);
    expect(
      after.timeline.filter((e) => e.action === 'signature_rejected').map((e) => e.detail?.split(':')[0]),
    ).toEqual(['certificate_revoked', 'wrong_signer', 'wrong_signer', 'certificate_expired']);
  });

  it('keeps a signature unverified while E-IMZO cannot answer, and never concludes on it', async () => {
    const lot = await newLot(env);
    const certs = await certificatesOf(lot);
    const view = await contract(env, lot.rep.token, (await startManagementContract(env, lot)).id);
    fake.mode = 'http500';
    try {
      const unverified = await ok<ContractView>(await signEImzo(lot.rep.token, view, certs.rep));
      expect(unverified.pending?.signatures).toEqual([
        expect.objectContaining({ party: 'owners', scheme: 'e-imzo-pkcs7', status: 'unverified' }),
      ]);
      const staffView = await contract(env, lot.staff.token, view.id);
      const still = await ok<ContractView>(
        await sign(env, lot.staff.token, await lot.staff.key(), staffView),
      );
      expect(still.state).toBe('awaiting_signatures');
      expect(still.pending?.signatures.map((s) => [s.party, s.status]).sort()).toEqual([
        ['counterparty', 'verified'],
        ['owners', 'unverified'],
      ]);
    } finally {
      fake.mode = 'normal';
    }
    // Once E-IMZO answers, the representative's signature again verifies and concludes it.
    const mine = await contract(env, lot.rep.token, view.id);
    expect(mine.mySigningParty).toBe('owners');
    const active = await ok<ContractView>(await signEImzo(lot.rep.token, mine, certs.rep));
    expect(active.state).toBe('active');
  });
});
