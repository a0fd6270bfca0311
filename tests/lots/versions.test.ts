// A lot's programme, its approval's act signed by a council member, and its revision, on the real
// stack (PostgreSQL, the Temporal dev server): the officer has the first draft made from the
// buildings' latest assessments (red and worst first) and edits its lines (400 naming the field,
// a retry answering the same, the key with another body 409); a council member approves by signing
// the act, whose stored bytes are the ones signed (a later signature: other bytes 422, a second
// one 409); the approved version is frozen, and a change is a new version, a copy of
// it (its programme too) that goes through approval again. Other roles get 401/403.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signEcdsa } from '../../domain/signatures/ecdsa.ts';
import { call, newKey, ok, problem } from '../support/api-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { decide, draftLots, type LotsEnv, type LotView, startLotsEnv, submit } from './approval-fixtures.ts';

interface Programme {
  version: number;
  editable: boolean;
  lines: {
    id: string;
    buildingId: string;
    element: string;
    year: number;
    estimatedCost: number;
    source: string;
  }[];
  totals: { byYear: number[]; bySource: Record<string, number>; total: number };
}
interface Version {
  version: number;
  approvedAt: string | null;
  decisionDocument: string | null;
  signature: { signerName: string } | null;
}

let db: TestDatabase;
let env: LotsEnv;
let lot: LotView;
let keys: CryptoKeyPair;
beforeAll(async () => {
  db = await createTestDatabase(inject('postgres'), 'lots_versions');
  env = await startLotsEnv(
    { reviewDays: 30 },
    { databaseUrl: db.url, temporalAddress: inject('temporalAddress') },
  );
  lot = (await draftLots(env))[0]!;
  // Two buildings of the lot assessed: the first's roof worn through, its lift with a critical
  // defect, the second's facade at the work threshold.
  const [a, b] = lot.buildingIds as [string, string];
  // The demo seeds every classed building's assessments; this test states its own.
  await env.em().execute('delete from element_assessment where building_id in (?)', [lot.buildingIds]);
  for (const [building, element, wear, critical] of [
    [a, 'roof', 85, false],
    [a, 'elevators', 30, true],
    [b, 'facade', 45, false],
    [b, 'gas', 10, false],
  ] as const)
    await env.em().execute(
      `insert into element_assessment (id, building_id, element, wear_percent, defects, inspector_id, assessed_at, created_at)
         values (?, ?, ?, ?, ?::jsonb, 'inspector', now(), now())`,
      [
        randomUUID(),
        building,
        element,
        wear,
        JSON.stringify(critical ? [{ description: 'cable', critical }] : []),
      ],
    );
  keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const registered = await call(env.app, 'POST', '/me/signing-keys', {
    token: env.tokens.council,
    body: { publicKeyJwk: await crypto.subtle.exportKey('jwk', keys.publicKey) },
  });
  expect(registered.status).toBeLessThan(300);
}, 240_000);
afterAll(async () => {
  await env?.stop();
  await db?.drop();
});

const programme = (token = env.tokens.council, version?: number) =>
  call(env.app, 'GET', `/lots/${lot.id}/programme${version ? `?version=${version}` : ''}`, { token });
const editLine = (lineId: string, body: unknown, key = newKey(), token = env.tokens.council) =>
  call(env.app, 'PATCH', `/lots/${lot.id}/programme/lines/${lineId}`, { token, key, body });
const sumOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe("a lot's programme, its signed act and its next version", () => {
  it('drafts the programme from the assessments and lets the officer edit its lines', async () => {
    await problem(await call(env.app, 'POST', `/lots/${lot.id}/programme`, { key: newKey() }), 401);
    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/programme`, { token: env.tokens.resident, key: newKey() }),
      403,
    );
    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/programme`, {
        token: env.tokens.inspector,
        key: newKey(),
      }),
      403,
    );
    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/programme`, { token: env.tokens.council }),
      400,
    );
    await problem(
      await call(env.app, 'POST', `/lots/${randomUUID()}/programme`, {
        token: env.tokens.council,
        key: newKey(),
      }),
      404,
    );
    const key = newKey();
    const drafted = await ok<Programme>(
      await call(env.app, 'POST', `/lots/${lot.id}/programme`, { token: env.tokens.council, key }),
      201,
    );
    // The roof and the lift (a critical defect) in year 1, the facade too; the gas below threshold.
    expect(drafted.lines.map((l) => [l.element, l.year]).sort()).toEqual([
      ['elevators', 1],
      ['facade', expect.any(Number)],
      ['roof', 1],
    ]);
    expect(drafted.lines.find((l) => l.element === 'elevators')!.source).toBe('district_funds');
    expect(drafted.totals.total).toBe(sumOf(drafted.lines.map((l) => l.estimatedCost)));
    expect(sumOf(drafted.totals.byYear)).toBe(drafted.totals.total);
    expect(sumOf(Object.values(drafted.totals.bySource))).toBe(drafted.totals.total);
    expect(drafted.editable).toBe(true);
    // The same request again is the first answer.
    expect(
      await ok<Programme>(
        await call(env.app, 'POST', `/lots/${lot.id}/programme`, { token: env.tokens.council, key }),
        201,
      ),
    ).toEqual(drafted);

    const roof = drafted.lines.find((l) => l.element === 'roof')!;
    await problem(await editLine(roof.id, { year: 6 }), 400, 'body.year');
    await problem(await editLine(roof.id, { estimatedCost: 12.5 }), 400, 'body.estimatedCost');
    await problem(await editLine(roof.id, { estimatedCost: -3 }), 400, 'body.estimatedCost');
    await problem(await editLine(roof.id, { source: 'lottery' }), 400, 'body.source');
    await problem(await editLine(roof.id, { element: 'pool' }), 400, 'body.element');
    await problem(await editLine(roof.id, {}), 400);
    await problem(await editLine(roof.id, { year: 2 }, newKey(), env.tokens.resident), 403);
    await problem(await editLine(randomUUID(), { year: 2 }), 404);
    const editKey = newKey();
    const edited = await ok<Programme>(
      await editLine(roof.id, { year: 2, estimatedCost: 1_000_000_00, source: 'building_account' }, editKey),
    );
    expect(edited.lines.find((l) => l.id === roof.id)).toMatchObject({
      year: 2,
      estimatedCost: 1_000_000_00,
      source: 'building_account',
    });
    expect(edited.totals.bySource.building_account).toBe(1_000_000_00);
    expect(edited.totals.byYear[1]).toBeGreaterThanOrEqual(1_000_000_00);
    expect(
      await ok<Programme>(
        await editLine(
          roof.id,
          { year: 2, estimatedCost: 1_000_000_00, source: 'building_account' },
          editKey,
        ),
      ),
    ).toEqual(edited);
    const reused = await problem(await editLine(roof.id, { year: 3 }, editKey), 409);
    expect(reused.code).toBe('lots.idempotency_conflict');
    // The district's inspector reads it, and the organization managing its buildings; another
    // district's officer does not.
    expect((await ok<Programme>(await programme(env.tokens.inspector))).totals).toEqual(edited.totals);
    expect((await ok<Programme>(await programme(await env.app.tokenFor('manager')))).lines).toHaveLength(3);
    const outsider = await env.app.deps.dev!.issuer.sign({
      sub: randomUUID(),
      name: 'Other council',
      pid: null,
      roles: ['council'],
      org: null,
      district: randomUUID(),
    });
    await problem(await programme(outsider), 403);
  });

  it('is approved, its act signed by a council member over its exact bytes, then frozen; a change is a new version that copies it', async () => {
    await ok(await submit(env, lot.id));
    await ok(await decide(env, lot.id, { decision: 'approve' }));
    const before = await ok<Programme>(await programme());
    expect(before.editable).toBe(false);
    const roof = before.lines.find((l) => l.element === 'roof')!;
    const frozen = await problem(await editLine(roof.id, { year: 3 }), 409);
    expect(frozen.reason).toBe('not_editable');
    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/programme`, { token: env.tokens.council, key: newKey() }),
      409,
    );

    const doc = `/lots/${lot.id}/versions/1/act/document`;
    await problem(await call(env.app, 'GET', doc), 401);
    await problem(await call(env.app, 'GET', doc, { token: env.tokens.resident }), 403);
    await problem(
      await call(env.app, 'GET', `/lots/${lot.id}/versions/2/act/document`, { token: env.tokens.council }),
      404,
    );
    const res = await call(env.app, 'GET', doc, { token: env.tokens.council });
    expect(res.status).toBe(200);
    const sha = res.headers.get('x-document-sha256')!;
    const bytes = new Uint8Array(await res.arrayBuffer());
    const [version1] = await ok<Version[]>(
      await call(env.app, 'GET', `/lots/${lot.id}/versions`, { token: env.tokens.council }),
    );
    expect(version1!.decisionDocument).toBe(`sha256:${sha}`);
    // Approved by its signature: the act is signed in the same step, by the council member.
    expect(version1!.signature).toMatchObject({ signerName: expect.any(String) });

    const sign = async (o: { key?: string; over?: Uint8Array; sha?: string; token?: string } = {}) =>
      call(env.app, 'POST', `/lots/${lot.id}/versions/1/act/signatures`, {
        token: o.token ?? env.tokens.council,
        key: o.key ?? newKey(),
        body: {
          documentSha256: o.sha ?? sha,
          signature: {
            scheme: 'ecdsa-p256-sha256',
            publicKeyJwk: await crypto.subtle.exportKey('jwk', keys.publicKey),
            signatureBase64: await signEcdsa(o.over ?? bytes, keys.privateKey),
          },
        },
      });
    await problem(await sign({ token: env.tokens.admin }), 403);
    await problem(await sign({ token: env.tokens.inspector }), 403);
    const changed = await problem(await sign({ sha: 'a'.repeat(64) }), 422, 'body.signature');
    expect(changed.reason).toBe('document_changed');
    const forged = await problem(await sign({ over: new TextEncoder().encode('<p>other</p>') }), 422);
    expect(forged.reason).toBe('bad_signature');
    // The act an approval signed takes no second signature.
    const twice = await problem(await sign(), 409);
    expect(twice.reason).toBe('already_signed');

    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/versions`, { token: env.tokens.resident, key: newKey() }),
      403,
    );
    await problem(await call(env.app, 'POST', `/lots/${lot.id}/versions`, { key: newKey() }), 401);
    const reviseKey = newKey();
    const revised = await ok<LotView>(
      await call(env.app, 'POST', `/lots/${lot.id}/versions`, { token: env.tokens.council, key: reviseKey }),
      201,
    );
    expect(revised.state).toMatchObject({ version: 2, approval: 'draft', decisionDocument: null });
    expect(revised.buildingIds).toEqual(lot.buildingIds);
    // A retry is the same version, not a third.
    expect(
      (
        await ok<LotView>(
          await call(env.app, 'POST', `/lots/${lot.id}/versions`, {
            token: env.tokens.council,
            key: reviseKey,
          }),
          201,
        )
      ).state.version,
    ).toBe(2);
    // A draft is not revised: it is edited.
    await problem(
      await call(env.app, 'POST', `/lots/${lot.id}/versions`, { token: env.tokens.council, key: newKey() }),
      409,
    );
    const copy = await ok<Programme>(await programme());
    expect(copy).toMatchObject({ version: 2, editable: true, totals: before.totals });
    const line = copy.lines.find((l) => l.element === 'roof')!;
    const changedCopy = await ok<Programme>(await editLine(line.id, { year: 4 }));
    expect(changedCopy.lines.find((l) => l.id === line.id)!.year).toBe(4);
    // The approved version is untouched and still readable.
    expect(await ok<Programme>(await programme(env.tokens.council, 1))).toEqual(before);
    const resubmitted = await ok<{ review: { approval: string } }>(await submit(env, lot.id));
    expect(resubmitted.review.approval).toBe('submitted');
    const approved = await ok<{ lot: LotView }>(await decide(env, lot.id, { decision: 'approve' }));
    expect(approved.lot.state).toMatchObject({ version: 2, approval: 'approved' });
    const versions = await ok<Version[]>(
      await call(env.app, 'GET', `/lots/${lot.id}/versions`, { token: env.tokens.council }),
    );
    expect(versions.map((v) => [v.version, v.signature !== null, v.decisionDocument !== null])).toEqual([
      [1, true, true],
      [2, true, true],
    ]);
  });
});
