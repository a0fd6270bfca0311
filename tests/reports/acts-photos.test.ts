// The act of completed works and the work lines' photos on the real app and PostgreSQL. The
// organization uploads photos (checked by their content: a file that lies about its type is 422)
// and names them on its work lines; submitting draws up the version's act, which the organization
// and, without a contract representative, the district's council sign over its exact bytes with
// their registered keys; owners read the act with both signatures and see the photos. Everyone
// else gets 401/403/404, a reused signature request is answered the same, a second signature of a
// side 409, a signature over other bytes 422.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Orm } from '../../db/orm.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import { firstDayOf, quarterOf } from '../../domain/reports/quarters.ts';
import { signEcdsa } from '../../domain/signatures/ecdsa.ts';
import { call, newKey, ok, problem } from '../support/api-client.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { type ManagedBuilding, managedBuilding, workContent } from './fixtures.ts';

let app: TestApp;
let b: ManagedBuilding;
let other: ManagedBuilding;
const QUARTER = quarterOf(tashkentDate(Date.now()));
const DONE_ON = firstDayOf(QUARTER);

interface Who {
  token: string;
  keys: CryptoKeyPair;
}
const people: Record<string, Who> = {};

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 2, 3]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);
const SCRIPT = new TextEncoder().encode('<script>alert(1)</script>');

async function person(roles: string[], claims: { pid?: string; org?: string; district?: string } = {}) {
  const token = await app.deps.dev!.issuer.sign({
    sub: randomUUID(),
    name: `Test ${roles[0] ?? 'nobody'}`,
    pid: claims.pid ?? null,
    roles,
    org: claims.org ?? null,
    district: claims.district ?? null,
  });
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  if (roles.length)
    await call(app, 'POST', '/me/signing-keys', {
      token,
      body: { publicKeyJwk: await crypto.subtle.exportKey('jwk', keys.publicKey) },
    });
  return { token, keys };
}

beforeAll(async () => {
  app = await createTestApp();
  const orm = app.deps.orm as Orm;
  [b, other] = [await managedBuilding(orm), await managedBuilding(orm)];
  people.staff = await person(['management_company'], { org: b.organizationId });
  people.otherStaff = await person(['management_company'], { org: other.organizationId });
  people.owner = await person(['resident'], { pid: b.ownerIds[0]! });
  people.otherOwner = await person(['resident'], { pid: other.ownerIds[0]! });
  people.council = await person(['council'], { district: b.districtId });
  people.otherCouncil = await person(['council'], { district: other.districtId });
  people.inspector = await person(['inspector'], { district: b.districtId });
});
afterAll(async () => {
  await app?.close();
});

const at = (x: ManagedBuilding) => `/reports/buildings/${x.buildingId}/quarters/${QUARTER}`;

function upload(
  x: ManagedBuilding,
  bytes: Uint8Array,
  type: string,
  o: { token?: string; key?: string } = {},
) {
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Filename': encodeURIComponent('roof before.jpg'),
  };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  headers['Idempotency-Key'] = o.key ?? newKey();
  return app.app.request(`/api/v1/reports/buildings/${x.buildingId}/photos`, {
    method: 'POST',
    headers,
    body: bytes as Uint8Array<ArrayBuffer>,
  });
}

interface Act {
  id: string;
  version: number;
  sha256: string;
  complete: boolean;
  mySide?: string | null;
  signatures: { party: string; capacity: string; signerName: string }[];
}
interface Report {
  versions: { version: number; works: { photos?: { id: string; stage: string }[] }[] }[];
  acts: Act[];
}

async function sign(who: Who, version: number, o: { key?: string; bytes?: Uint8Array; sha?: string } = {}) {
  // The bytes as the organization reads them: a signer outside the building could not fetch them.
  const res = await call(app, 'GET', `${at(b)}/acts/${version}/document`, { token: people.staff!.token });
  expect(res.status).toBe(200);
  const doc = o.bytes ?? new Uint8Array(await res.arrayBuffer());
  return call(app, 'POST', `${at(b)}/acts/${version}/signatures`, {
    token: who.token,
    key: o.key ?? newKey(),
    body: {
      documentSha256: o.sha ?? res.headers.get('x-document-sha256'),
      signature: {
        scheme: 'ecdsa-p256-sha256',
        publicKeyJwk: await crypto.subtle.exportKey('jwk', who.keys.publicKey),
        signatureBase64: await signEcdsa(doc, who.keys.privateKey),
      },
    },
  });
}

const side = async (who: Who) =>
  (await ok<Report>(await call(app, 'GET', at(b), { token: who.token }))).acts[0]!.mySide;

describe('photos of the work lines', () => {
  it('are checked by content: a file that lies about its type is 422, a type not taken 415; a retry is the same photo', async () => {
    const s = people.staff!.token;
    await problem(await upload(b, SCRIPT, 'image/jpeg', { token: s }), 422, 'body');
    await problem(await upload(b, PNG, 'image/jpeg', { token: s }), 422, { detail: 'image/png' });
    await problem(await upload(b, SCRIPT, 'text/html', { token: s }), 415, 'header.content-type');
    const key = newKey();
    const first = await ok<{ id: string; mediaType: string }>(
      await upload(b, JPEG, 'image/jpeg', { token: s, key }),
      201,
    );
    expect(first.mediaType).toBe('image/jpeg');
    const again = await ok<{ id: string }>(await upload(b, JPEG, 'image/jpeg', { token: s, key }), 201);
    expect(again.id).toBe(first.id);
  });

  it('are uploaded only by the organization reporting on the building', async () => {
    await problem(await upload(b, JPEG, 'image/jpeg'), 401);
    await problem(await upload(b, JPEG, 'image/jpeg', { token: people.owner!.token }), 403);
    await problem(await upload(b, JPEG, 'image/jpeg', { token: people.council!.token }), 403);
    await problem(await upload(b, JPEG, 'image/jpeg', { token: people.otherStaff!.token }), 403);
  });

  it('a work line may not name another building’s photo', async () => {
    const foreign = await ok<{ id: string }>(
      await upload(other, PNG, 'image/png', { token: people.otherStaff!.token }),
      201,
    );
    const content = workContent(DONE_ON);
    content.works[0]!.photos = [{ id: foreign.id, stage: 'before' }];
    await problem(
      await call(app, 'POST', `${at(b)}/draft`, { token: people.staff!.token, key: newKey(), body: content }),
      400,
      'body.works.0.photos.0.id',
    );
  });
});

describe('the act of completed works', () => {
  it('is drawn up on submission, signed by both sides over its bytes, and read by owners with its signatures and photos', async () => {
    const s = people.staff!.token;
    const before = await ok<{ id: string }>(await upload(b, JPEG, 'image/jpeg', { token: s }), 201);
    const after = await ok<{ id: string }>(await upload(b, PNG, 'image/png', { token: s }), 201);
    // Owners do not see a photo no submitted report names yet.
    await problem(
      await call(app, 'GET', `/reports/photos/${before.id}`, { token: people.owner!.token }),
      404,
    );
    const content = workContent(DONE_ON);
    content.works[0]!.photos = [
      { id: before.id, stage: 'before' },
      { id: after.id, stage: 'after' },
    ];
    await ok(await call(app, 'POST', `${at(b)}/draft`, { token: s, key: newKey(), body: content }));
    const submitted = await ok<Report>(
      await call(app, 'POST', `${at(b)}/submission`, { token: s, key: newKey() }),
    );
    expect(submitted.acts).toEqual([
      expect.objectContaining({ version: 1, complete: false, signatures: [] }),
    ]);

    // The act is the version's works, for every reader of the building, and nobody else.
    const doc = await call(app, 'GET', `${at(b)}/acts/1/document`, { token: people.owner!.token });
    expect(doc.status).toBe(200);
    const html = await doc.text();
    expect(html).toContain('Act of completed works');
    expect(html).toContain('Roof membrane patched over entrance 1');
    expect(html).toContain('1 250 000.00');
    expect(doc.headers.get('x-document-sha256')).toBe(submitted.acts[0]!.sha256);
    await problem(await call(app, 'GET', `${at(b)}/acts/1/document`), 401);
    await problem(
      await call(app, 'GET', `${at(b)}/acts/1/document`, { token: people.otherOwner!.token }),
      403,
    );
    await problem(await call(app, 'GET', `${at(b)}/acts/2/document`, { token: people.owner!.token }), 404);

    // Neither an owner without the representative's authority nor another district's council signs.
    await problem(await sign(people.owner!, 1), 403);
    await problem(await sign(people.otherCouncil!, 1), 403);
    await problem(await sign(people.inspector!, 1), 403);
    // A signature over other bytes, or by another key, is refused with its reason.
    const changed = await problem(await sign(people.staff!, 1, { sha: 'a'.repeat(64) }), 422);
    expect(changed.reason).toBe('document_changed');
    const forged = await problem(
      await sign(people.staff!, 1, { bytes: new TextEncoder().encode('<p>other</p>') }),
      422,
    );
    expect(forged.reason).toBe('bad_signature');

    const key = newKey();
    const byStaff = await ok<Act>(await sign(people.staff!, 1, { key }));
    expect(byStaff.signatures).toEqual([
      expect.objectContaining({ party: 'organization', capacity: 'staff' }),
    ]);
    // The same request again is answered as done; a second signature of the same side 409.
    expect((await ok<Act>(await sign(people.staff!, 1, { key }))).signatures).toHaveLength(1);
    await problem(await sign(people.staff!, 1), 409);
    expect(await side(people.staff!)).toBeNull();
    const both = await ok<Act>(await sign(people.council!, 1));
    expect(both).toMatchObject({ complete: true });
    expect(both.signatures.map((x) => [x.party, x.capacity])).toEqual([
      ['organization', 'staff'],
      ['owners', 'council'],
    ]);

    const read = await ok<Report>(await call(app, 'GET', at(b), { token: people.owner!.token }));
    expect(read.acts[0]).toMatchObject({ complete: true });
    expect(read.versions[0]!.works[0]!.photos).toEqual([
      { id: before.id, stage: 'before' },
      { id: after.id, stage: 'after' },
    ]);
    const photo = await call(app, 'GET', `/reports/photos/${before.id}`, { token: people.owner!.token });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(JPEG);
    await problem(
      await call(app, 'GET', `/reports/photos/${before.id}`, { token: people.otherOwner!.token }),
      403,
    );

    // A correction is a new version with its own act, unsigned; the first act keeps its signatures.
    const corrected = await ok<Report>(
      await call(app, 'POST', `${at(b)}/corrections`, {
        token: s,
        key: newKey(),
        body: { ...workContent(DONE_ON, 1_000_000_00), reason: 'the invoice was lower' },
      }),
    );
    expect(corrected.acts.map((a) => [a.version, a.complete])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(corrected.acts[1]!.sha256).not.toBe(corrected.acts[0]!.sha256);
  });
});
