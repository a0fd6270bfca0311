// Who may call each contracts endpoint, and bad input named by field: 401 without a token, 403 for
// the wrong role or scope (another organization's staff, another district's council, a resident
// owning nothing there, a reader who is no party), 400 naming the field, 404 for what does not
// exist, 409 where the contract's state or an Idempotency-Key says no. Every refusal is
// application/problem+json (asserted by `problem`).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Apartment, Ownership, UserAccount } from '../../db/registry/entities.ts';
import type { ContractView } from '../../domain/contracts/view.ts';
import { call, newKey, ok, problem } from '../register/api-fixtures.ts';
import {
  type ContractsEnv,
  contract,
  type Lot,
  MANAGEMENT_PARAMETERS,
  newLot,
  newPerson,
  type Party,
  sign,
  startContractsEnv,
  startManagementContract,
} from './fixtures.ts';

let env: ContractsEnv;
let lot: Lot;
/** Another organization in another district: its staff and its council are outsiders here. */
let other: Lot;
/** A resident who owns nothing in the lot's building. */
let stranger: Party;
/** The token of the owner of the lot building's one apartment (not the representative). */
let owner: string;
/** Awaiting signatures. */
let pending: ContractView;
/** Signed by both parties. */
let active: ContractView;

beforeAll(async () => {
  env = await startContractsEnv();
  [lot, other] = await Promise.all([newLot(env), newLot(env)]);
  stranger = await newPerson(env);
  owner = await ownerToken(lot);
  pending = await startManagementContract(env, lot);
  const second = await startManagementContract(env, lot);
  await ok(
    await sign(env, lot.rep.token, await lot.rep.key(), await contract(env, lot.rep.token, second.id)),
  );
  active = await ok<ContractView>(
    await sign(env, lot.staff.token, await lot.staff.key(), await contract(env, lot.staff.token, second.id)),
  );
  expect(active.state).toBe('active');
});
afterAll(async () => {
  await env?.stop();
});

/** Gives the owner newOrganization made an account, as the owners' portal would. */
async function ownerToken(l: Lot): Promise<string> {
  const em = env.em();
  const apartment = await em.findOneOrFail(Apartment, { building: l.buildingId });
  const own = await em.findOneOrFail(Ownership, { apartment }, { populate: ['person'] });
  const user = em.create(UserAccount, { person: own.person, displayName: own.person.fullName });
  await em.flush();
  return env.app.deps.dev!.issuer.sign({
    sub: user.id,
    name: own.person.fullName,
    pid: own.person.id,
    roles: ['resident'],
    org: null,
    district: null,
  });
}

const get = (path: string, token?: string) => call(env.app, 'GET', path, { token });
const post = (path: string, token: string | undefined, body: unknown, key?: string) =>
  call(env.app, 'POST', path, { token, body, key });
const unknownId = () => randomUUID();

const startBody = () => ({
  kind: 'management',
  organizationId: lot.org.id,
  buildingIds: [lot.buildingId],
  representativeUserId: lot.rep.userId,
  parameters: MANAGEMENT_PARAMETERS,
});

describe('POST /contracts', () => {
  it('needs a token, a council of the district (or admin) without a meeting, a key and valid fields', async () => {
    const body = startBody();
    await problem(await post('/contracts', undefined, body, newKey()), 401);
    await problem(await post('/contracts', other.org.tokens.council, body, newKey()), 403, {
      detail: 'you may not start a contract for these buildings',
    });
    // Without a general-meeting decision neither the organization's staff nor a resident starts one.
    await problem(await post('/contracts', lot.staff.token, body, newKey()), 403, {
      detail: 'you may not start a contract for these buildings',
    });
    await problem(await post('/contracts', stranger.token, body, newKey()), 403, {
      detail: 'you may not start a contract for these buildings',
    });
    await problem(await post('/contracts', lot.org.tokens.council, body), 400, 'header.idempotency-key');
    await problem(
      await post('/contracts', lot.org.tokens.council, body, 'short'),
      400,
      'header.idempotency-key',
    );
    await problem(
      await post('/contracts', lot.org.tokens.council, { ...body, kind: 'sale' }, newKey()),
      400,
      'body.kind',
    );
    await problem(
      await post('/contracts', lot.org.tokens.council, { ...body, organizationId: 'nope' }, newKey()),
      400,
      'body.organizationId',
    );
    await problem(
      await post('/contracts', lot.org.tokens.council, { ...body, buildingIds: ['nope'] }, newKey()),
      400,
      'body.buildingIds.0',
    );
    await problem(
      await post(
        '/contracts',
        lot.org.tokens.council,
        { ...body, parameters: { ...MANAGEMENT_PARAMETERS, tariffUzsPerM2: -1 } },
        newKey(),
      ),
      400,
      'body.parameters.tariffUzsPerM2',
    );
    await problem(
      await post(
        '/contracts',
        lot.org.tokens.council,
        { ...body, parameters: { ...MANAGEMENT_PARAMETERS, extra: 'unseen' } },
        newKey(),
      ),
      400,
      'body.parameters.extra',
    );
    await problem(
      await post('/contracts', lot.org.tokens.council, { ...body, parameters: 'cheap' }, newKey()),
      400,
      'body.parameters',
    );
    await problem(
      await post('/contracts', lot.org.tokens.council, { ...body, organizationId: unknownId() }, newKey()),
      400,
      'body.organizationId',
    );
    await problem(
      await post(
        '/contracts',
        lot.org.tokens.council,
        { ...body, representativeUserId: unknownId() },
        newKey(),
      ),
      400,
      'body.representativeUserId',
    );
  });

  it('answers a repeated request with the same contract, and refuses the same key for another body', async () => {
    const key = newKey();
    const first = await ok<ContractView>(
      await post('/contracts', lot.org.tokens.council, startBody(), key),
      201,
    );
    const again = await ok<ContractView>(
      await post('/contracts', lot.org.tokens.council, startBody(), key),
      200,
    );
    expect(again.id).toBe(first.id);
    await problem(
      await post(
        '/contracts',
        lot.org.tokens.council,
        { ...startBody(), parameters: { ...MANAGEMENT_PARAMETERS, termMonths: 24 } },
        key,
      ),
      409,
      { detail: 'this Idempotency-Key was used with another request' },
    );
    // The key is the caller's own: another caller's same key starts a contract of its own.
    const admins = await ok<ContractView>(
      await post('/contracts', lot.org.tokens.admin, startBody(), key),
      201,
    );
    expect(admins.id).not.toBe(first.id);
  });
});

describe('GET /contracts', () => {
  it('lists only what the caller may see, and names a bad filter', async () => {
    await problem(await get('/contracts'), 401);
    const ids = async (token: string, query = '') =>
      (await ok<{ items: { id: string }[] }>(await get(`/contracts${query}`, token))).items.map((i) => i.id);
    for (const token of [
      lot.staff.token,
      lot.org.tokens.council,
      lot.rep.token,
      owner,
      lot.org.tokens.admin,
    ]) {
      expect(await ids(token)).toContain(pending.id);
    }
    for (const token of [other.staff.token, other.org.tokens.council, stranger.token]) {
      expect(await ids(token)).not.toContain(pending.id);
    }
    expect(await ids(lot.org.tokens.admin, `?buildingId=${lot.buildingId}`)).toContain(active.id);
    expect(await ids(lot.org.tokens.admin, `?organizationId=${other.org.id}`)).not.toContain(active.id);
    await problem(await get('/contracts?buildingId=nope', lot.org.tokens.admin), 400, 'query.buildingId');
    await problem(
      await get('/contracts?organizationId=nope', lot.org.tokens.admin),
      400,
      'query.organizationId',
    );
  });
});

describe('GET /contracts/{id}', () => {
  it('shows the contract to its parties, staff, district, owners and admins only', async () => {
    const path = `/contracts/${pending.id}`;
    await problem(await get(path), 401);
    const readers = [
      lot.rep.token,
      lot.staff.token,
      lot.org.tokens.manager,
      lot.org.tokens.council,
      lot.org.tokens.inspector,
      lot.org.tokens.admin,
      owner,
    ];
    for (const token of readers) {
      expect((await ok<ContractView>(await get(path, token))).id).toBe(pending.id);
    }
    // The owner reads it but signs for no party.
    expect((await ok<ContractView>(await get(path, owner))).mySigningParty).toBeNull();
    await problem(await get(path, other.staff.token), 403, { detail: 'this contract is outside your scope' });
    await problem(await get(path, other.org.tokens.council), 403, {
      detail: 'this contract is outside your scope',
    });
    await problem(await get(path, other.org.tokens.inspector), 403, {
      detail: 'this contract is outside your scope',
    });
    await problem(await get(path, stranger.token), 403, { detail: 'this contract is outside your scope' });
    await problem(await get('/contracts/nope', lot.org.tokens.admin), 400, 'param.id');
    await problem(await get(`/contracts/${unknownId()}`, lot.org.tokens.admin), 404, {
      detail: 'no such contract',
    });
  });
});

describe('GET /contracts/{id}/document and document.pdf', () => {
  it('serves the signed bytes to readers only, naming a bad hash', async () => {
    const sha = pending.pending!.documentSha256;
    for (const doc of ['document', 'document.pdf']) {
      const path = `/contracts/${pending.id}/${doc}`;
      await problem(await get(path), 401);
      await problem(await get(path, other.staff.token), 403, {
        detail: 'this contract is outside your scope',
      });
      await problem(await get(path, other.org.tokens.council), 403, {
        detail: 'this contract is outside your scope',
      });
      await problem(await get(path, stranger.token), 403, { detail: 'this contract is outside your scope' });
      await problem(await get(`${path}?sha256=ABC`, lot.rep.token), 400, 'query.sha256');
      await problem(await get(`${path}?sha256=${'A'.repeat(64)}`, lot.rep.token), 400, 'query.sha256');
      await problem(await get(`${path}?sha256=${'0'.repeat(64)}`, lot.rep.token), 404, {
        detail: 'no such document of this contract',
      });
      await problem(await get(`/contracts/nope/${doc}`, lot.rep.token), 400, 'param.id');
      await problem(await get(`/contracts/${unknownId()}/${doc}`, lot.org.tokens.admin), 404, {
        detail: 'no such contract',
      });
    }

    const html = await get(`/contracts/${pending.id}/document?sha256=${sha}`, owner);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('x-document-sha256')).toBe(sha);
    const digest = Buffer.from(
      await crypto.subtle.digest('SHA-256', new Uint8Array(await html.arrayBuffer())),
    ).toString('hex');
    expect(digest).toBe(sha);

    const pdf = await get(`/contracts/${pending.id}/document.pdf`, owner);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('POST /contracts/{id}/signatures', () => {
  const validBody = () => ({
    documentSha256: pending.pending!.documentSha256,
    signature: { scheme: 'e-imzo-pkcs7', pkcs7Base64: 'MIIB' },
  });

  it('is for a party of the contract only, with a key and a well-formed signature', async () => {
    const path = `/contracts/${pending.id}/signatures`;
    await problem(await post(path, undefined, validBody(), newKey()), 401);
    // Readers who sign for neither party.
    await problem(await post(path, lot.org.tokens.council, validBody(), newKey()), 403, {
      detail: 'you sign for neither party of this contract',
    });
    await problem(await post(path, lot.org.tokens.admin, validBody(), newKey()), 403, {
      detail: 'you sign for neither party of this contract',
    });
    await problem(await post(path, owner, validBody(), newKey()), 403, {
      detail: 'you sign for neither party of this contract',
    });
    // Outsiders, who may not even read it.
    await problem(await post(path, other.staff.token, validBody(), newKey()), 403, {
      detail: 'this contract is outside your scope',
    });
    await problem(await post(path, stranger.token, validBody(), newKey()), 403, {
      detail: 'this contract is outside your scope',
    });

    await problem(await post(path, lot.rep.token, validBody()), 400, 'header.idempotency-key');
    await problem(
      await post(path, lot.rep.token, { ...validBody(), documentSha256: 'abc' }, newKey()),
      400,
      'body.documentSha256',
    );
    await problem(
      await post(path, lot.rep.token, { ...validBody(), documentSha256: 'A'.repeat(64) }, newKey()),
      400,
      'body.documentSha256',
    );
    await problem(
      await post(
        path,
        lot.rep.token,
        { ...validBody(), signature: { scheme: 'e-imzo-pkcs7', pkcs7Base64: '' } },
        newKey(),
      ),
      400,
      'body.signature.pkcs7Base64',
    );
    await problem(
      await post(
        path,
        lot.rep.token,
        { ...validBody(), signature: { scheme: 'ecdsa-p256-sha256', signatureBase64: 'AA' } },
        newKey(),
      ),
      400,
      'body.signature.publicKeyJwk',
    );
    await problem(
      await post(`/contracts/nope/signatures`, lot.rep.token, validBody(), newKey()),
      400,
      'param.id',
    );
    await problem(
      await post(`/contracts/${unknownId()}/signatures`, lot.rep.token, validBody(), newKey()),
      404,
      { detail: 'no such contract' },
    );
    // Nothing awaits signatures on a contract in force.
    await problem(
      await post(
        `/contracts/${active.id}/signatures`,
        lot.rep.token,
        { ...validBody(), documentSha256: active.documentSha256 },
        newKey(),
      ),
      409,
      { detail: 'nothing awaits signatures while the contract is active' },
    );
    const still = await contract(env, lot.rep.token, pending.id);
    expect(still.pending?.signatures).toEqual([]);
  });
});

describe('amendments, termination, withdrawal', () => {
  const at = (id: string, step: string) => `/contracts/${id}/${step}`;
  const amendment = { parameters: { ...MANAGEMENT_PARAMETERS, tariffUzsPerM2: 1700 } };
  const termination = { reason: 'The owners chose another organization' };

  it('amendments: a party only, with valid parameters, while the contract is in force', async () => {
    const path = at(active.id, 'amendments');
    await problem(await post(path, undefined, amendment), 401);
    for (const token of [
      lot.org.tokens.council,
      lot.org.tokens.admin,
      owner,
      other.staff.token,
      stranger.token,
    ]) {
      await problem(await post(path, token, amendment), 403, {
        detail: /^(only a party proposes an amendment|this contract is outside your scope)$/,
      });
    }
    await problem(await post(path, lot.rep.token, {}), 400, 'body.parameters');
    await problem(await post(path, lot.rep.token, { parameters: [1] }), 400, 'body.parameters');
    await problem(await post(path, lot.rep.token, { ...amendment, lang: 'fr' }), 400, 'body.lang');
    await problem(
      await post(path, lot.rep.token, { parameters: { ...MANAGEMENT_PARAMETERS, tariffUzsPerM2: -5 } }),
      400,
      'body.parameters.tariffUzsPerM2',
    );
    await problem(
      await post(path, lot.rep.token, { parameters: { ...MANAGEMENT_PARAMETERS, extra: 'unseen' } }),
      400,
      'body.parameters.extra',
    );
    await problem(await post(at('nope', 'amendments'), lot.rep.token, amendment), 400, 'param.id');
    await problem(await post(at(unknownId(), 'amendments'), lot.org.tokens.admin, amendment), 404, {
      detail: 'no such contract',
    });
    await problem(await post(at(pending.id, 'amendments'), lot.rep.token, amendment), 409, {
      detail: 'propose_amendment is not allowed while the contract is awaiting_signatures',
    });
    const after = await contract(env, lot.rep.token, active.id);
    expect(after).toMatchObject({ state: 'active', pending: null, parameters: MANAGEMENT_PARAMETERS });
  });

  it('termination: a party only, with a reason, while the contract is in force', async () => {
    const path = at(active.id, 'termination');
    await problem(await post(path, undefined, termination), 401);
    for (const token of [lot.org.tokens.council, owner, other.staff.token, other.org.tokens.council]) {
      await problem(await post(path, token, termination), 403, {
        detail: /^(only a party proposes termination|this contract is outside your scope)$/,
      });
    }
    await problem(await post(path, lot.staff.token, {}), 400, 'body.reason');
    await problem(await post(path, lot.staff.token, { reason: '   ' }), 400, 'body.reason');
    await problem(await post(at('nope', 'termination'), lot.staff.token, termination), 400, 'param.id');
    await problem(await post(at(unknownId(), 'termination'), lot.org.tokens.admin, termination), 404, {
      detail: 'no such contract',
    });
    await problem(await post(at(pending.id, 'termination'), lot.staff.token, termination), 409, {
      detail: 'propose_termination is not allowed while the contract is awaiting_signatures',
    });
    expect((await contract(env, lot.rep.token, active.id)).state).toBe('active');
  });

  it('withdrawal: a party only, with an empty body, while something awaits signatures', async () => {
    const path = at(pending.id, 'withdrawal');
    await problem(await post(path, undefined, {}), 401);
    for (const token of [
      lot.org.tokens.council,
      lot.org.tokens.admin,
      owner,
      other.staff.token,
      stranger.token,
    ]) {
      await problem(await post(path, token, {}), 403, {
        detail: /^(only a party withdraws|this contract is outside your scope)$/,
      });
    }
    await problem(await post(path, lot.rep.token, { reason: 'no' }), 400, 'body');
    await problem(await post(at('nope', 'withdrawal'), lot.rep.token, {}), 400, 'param.id');
    await problem(await post(at(unknownId(), 'withdrawal'), lot.org.tokens.admin, {}), 404, {
      detail: 'no such contract',
    });
    // Nothing to withdraw on a contract in force with nothing pending.
    await problem(await post(at(active.id, 'withdrawal'), lot.rep.token, {}), 409, {
      detail: 'withdraw is not allowed while the contract is active',
    });
    expect((await contract(env, lot.rep.token, pending.id)).state).toBe('awaiting_signatures');
  });
});

describe('POST /contracts/{id}/tax-registration', () => {
  it("is for the organization's staff (and admins), and only while a registration is pending", async () => {
    const path = `/contracts/${active.id}/tax-registration`;
    await problem(await post(path, undefined, {}), 401);
    // The owners' representative is a party, but the organization answers for the registration.
    for (const token of [lot.rep.token, lot.org.tokens.council, owner, other.staff.token, stranger.token]) {
      await problem(await post(path, token, {}), 403, {
        detail: /^(only the organization's staff register the contract|this contract is outside your scope)$/,
      });
    }
    await problem(await post(path, lot.staff.token, { now: true }), 400, 'body');
    await problem(await post('/contracts/nope/tax-registration', lot.staff.token, {}), 400, 'param.id');
    await problem(await post(`/contracts/${unknownId()}/tax-registration`, lot.org.tokens.admin, {}), 404, {
      detail: 'no such contract',
    });
    // A management contract is never registered with the tax authority.
    await problem(await post(path, lot.staff.token, {}), 409, { detail: 'no tax registration is pending' });
  });
});

describe('/me/signing-keys', () => {
  it('registers and lists only the caller’s own public keys', async () => {
    await problem(await get('/me/signing-keys'), 401);
    const someone = await newPerson(env);
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const publicKeyJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    await problem(await post('/me/signing-keys', undefined, { publicKeyJwk }), 401);
    await problem(await post('/me/signing-keys', someone.token, {}), 400, 'body.publicKeyJwk');
    await problem(
      await post('/me/signing-keys', someone.token, { publicKeyJwk: { ...publicKeyJwk, crv: 'P-384' } }),
      400,
      'body.publicKeyJwk.crv',
    );
    await problem(
      await post('/me/signing-keys', someone.token, { publicKeyJwk: { ...publicKeyJwk, kty: 'RSA' } }),
      400,
      'body.publicKeyJwk.kty',
    );
    const created = await ok<{ id: string; thumbprint: string }>(
      await post('/me/signing-keys', someone.token, { publicKeyJwk }),
      201,
    );
    const again = await ok<{ id: string }>(
      await post('/me/signing-keys', someone.token, { publicKeyJwk }),
      200,
    );
    expect(again.id).toBe(created.id);
    const mine = await ok<{ keys: { id: string }[] }>(await get('/me/signing-keys', someone.token));
    expect(mine.keys.map((k) => k.id)).toEqual([created.id]);
    const theirs = await ok<{ keys: { id: string }[] }>(await get('/me/signing-keys', stranger.token));
    expect(theirs.keys.map((k) => k.id)).not.toContain(created.id);
  });
});

describe('GET /buildings/{id}/revenue', () => {
  it("is for the building's organization, its district and admins", async () => {
    const path = `/buildings/${lot.buildingId}/revenue`;
    await problem(await get(path), 401);
    for (const token of [
      lot.rep.token,
      owner,
      other.staff.token,
      other.org.tokens.council,
      other.org.tokens.inspector,
    ]) {
      await problem(await get(path, token), 403, {
        detail:
          /^(this endpoint is for: management_company, council, inspector, admin|this building is outside your scope)$/,
      });
    }
    for (const token of [
      lot.staff.token,
      lot.org.tokens.council,
      lot.org.tokens.inspector,
      lot.org.tokens.admin,
    ]) {
      const r = await ok<{ buildingId: string; entries: unknown[] }>(await get(path, token));
      expect(r).toEqual({ buildingId: lot.buildingId, entries: [] });
    }
    await problem(await get('/buildings/nope/revenue', lot.org.tokens.admin), 400, 'param.id');
    await problem(await get(`/buildings/${unknownId()}/revenue`, lot.org.tokens.admin), 404, {
      detail: 'no such building',
    });
  });
});
