// The protocol over HTTP: sign-off by the chair and the secretary only, the PDF with its recorded
// hash, public verification by hash; and the in-app inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNotifications, saveProtocol } from '../../db/meetings/repository.ts';
import { sha256Hex } from '../../domain/common/sha256.ts';
import type { MeetingView, ProtocolTextView } from '../../domain/meetings/types.ts';
import {
  type Api,
  ballotBody,
  closeVotingAndDecide,
  DEMO_IDS,
  meetingIn,
  newKey,
  ok,
  problem,
  startApi,
  tokenFor,
} from './api-fixtures.ts';

let api: Api;
let decided: MeetingView;
let pdf: Uint8Array;
let sha: string;

beforeAll(async () => {
  api = await startApi();
  // Chair: the initiating resident; secretary: resident2 (see meetingIn).
  decided = await meetingIn(api, { phase: 'decided' });
  pdf = new TextEncoder().encode(`%PDF-1.7\n% protocol of ${decided.id}\n%%EOF\n`);
  sha = await sha256Hex(pdf);
  await saveProtocol(api.em(), decided.id, pdf, sha);
});
afterAll(() => api.t.close());

const sign = (id: string, role: string, as?: string) =>
  api.request('POST', `/api/v1/meetings/${id}/protocol/sign`, { as, body: { role } });

describe('GET /api/v1/meetings/{id}/protocol.pdf and /meetings/protocols/verify', () => {
  it('serves the PDF with its hash, and anyone can verify the hash', async () => {
    const res = await api.request('GET', `/api/v1/meetings/${decided.id}/protocol.pdf`, { as: 'inspector' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-sha256')).toBe(sha);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(await sha256Hex(bytes)).toBe(sha);
    const verified = await ok<{ meetingId: string; title: string; decidedAt: string }>(
      await api.request('GET', `/api/v1/meetings/protocols/verify?sha256=${sha}`),
    );
    expect(verified).toMatchObject({ meetingId: decided.id, title: decided.title });
    expect(Date.parse(verified.decidedAt)).toBeGreaterThan(0);
    const view = await ok<MeetingView>(
      await api.request('GET', `/api/v1/meetings/${decided.id}`, { as: 'resident' }),
    );
    expect(view.protocol?.sha256).toBe(sha);
  });

  it('404 for a hash the system never issued or a meeting without a protocol; 400 for a malformed hash', async () => {
    await problem(
      await api.request('GET', `/api/v1/meetings/protocols/verify?sha256=${'0'.repeat(64)}`),
      404,
      { detail: 'no protocol with this SHA-256 was issued by the system' },
    );
    await problem(
      await api.request('GET', '/api/v1/meetings/protocols/verify?sha256=xyz'),
      400,
      'query.sha256',
    );
    await problem(await api.request('GET', '/api/v1/meetings/protocols/verify'), 400, 'query.sha256');
    const voting = await meetingIn(api, { phase: 'voting' });
    await problem(
      await api.request('GET', `/api/v1/meetings/${voting.id}/protocol.pdf`, { as: 'admin' }),
      404,
      { detail: 'the protocol has not been generated yet' },
    );
  });

  it('401 without a token, 403 outside the scope, 400 bad id', async () => {
    await problem(await api.request('GET', `/api/v1/meetings/${decided.id}/protocol.pdf`), 401);
    const outsider = await tokenFor(api, { roles: ['resident'], personId: crypto.randomUUID() });
    await problem(
      await api.request('GET', `/api/v1/meetings/${decided.id}/protocol.pdf`, { token: outsider }),
      403,
      { detail: 'this meeting is outside your scope' },
    );
    await problem(
      await api.request('GET', '/api/v1/meetings/x/protocol.pdf', { as: 'admin' }),
      400,
      'param.id',
    );
  });
});

describe('GET /api/v1/meetings/{id}/protocol', () => {
  it("serves the protocol's content with the counts the decision recorded and the PDF's hash", async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    await ok(
      await api.request('POST', `/api/v1/meetings/${m.id}/ballots`, {
        as: 'resident',
        key: newKey(),
        body: ballotBody(m, DEMO_IDS.apartments.residentSole, { choice: 'against' }),
      }),
      201,
    );
    await closeVotingAndDecide(api, m.id);
    const bytes = new TextEncoder().encode(`%PDF-1.7\n% protocol of ${m.id}\n%%EOF\n`);
    const pdfSha = await sha256Hex(bytes);
    await saveProtocol(api.em(), m.id, bytes, pdfSha);
    const text = await ok<ProtocolTextView>(
      await api.request('GET', `/api/v1/meetings/${m.id}/protocol`, { as: 'resident2' }),
    );
    const view = await ok<MeetingView>(await api.request('GET', `/api/v1/meetings/${m.id}`, { as: 'admin' }));
    expect(text).toMatchObject({
      meetingId: m.id,
      title: m.title,
      attempt: 1,
      pdfSha256: pdfSha,
      ballotSetSha256: view.protocol?.ballotSetSha256 ?? expect.any(String),
      votedOwners: 1,
      decision: view.decision,
      quorumShare: view.quorumShare,
    });
    expect(text.decision.items.map((i) => i.against)).toEqual(view.decision!.items.map((i) => i.against));
    expect(text.decision.items.every((i) => i.against > 0 && i.for === 0)).toBe(true);
    expect(text.agenda.map((a) => a.title)).toEqual(['Item 1', 'Item 2']);
    expect(Date.parse(text.decidedAt)).toBeGreaterThan(0);
    expect(text.chairName.length).toBeGreaterThan(0);
  });

  it('404 before the protocol exists; 401; 403 outside the scope; 400 bad id', async () => {
    const voting = await meetingIn(api, { phase: 'voting' });
    await problem(await api.request('GET', `/api/v1/meetings/${voting.id}/protocol`, { as: 'admin' }), 404, {
      detail: 'the protocol has not been generated yet',
    });
    await problem(await api.request('GET', `/api/v1/meetings/${decided.id}/protocol`), 401);
    const outsider = await tokenFor(api, { roles: ['resident'], personId: crypto.randomUUID() });
    await problem(
      await api.request('GET', `/api/v1/meetings/${decided.id}/protocol`, { token: outsider }),
      403,
      { detail: 'this meeting is outside your scope' },
    );
    await problem(await api.request('GET', '/api/v1/meetings/x/protocol', { as: 'admin' }), 400, 'param.id');
  });
});

describe('POST /api/v1/meetings/{id}/protocol/sign', () => {
  it('the chair and the secretary sign, each in their own role only', async () => {
    await problem(await sign(decided.id, 'chair', 'resident2'), 403, {
      detail: "only the meeting's chair signs as chair",
    });
    await problem(await sign(decided.id, 'secretary', 'resident'), 403, {
      detail: "only the meeting's secretary signs as secretary",
    });
    await problem(await sign(decided.id, 'chair', 'admin'), 403, {
      detail: "only the meeting's chair signs as chair",
    });
    const first = await ok<{ chairSignedAt: string | null; secretarySignedAt: string | null }>(
      await sign(decided.id, 'chair', 'resident'),
    );
    expect(first.chairSignedAt).not.toBeNull();
    expect(first.secretarySignedAt).toBeNull();
    const both = await ok<{ chairSignedAt: string | null; secretarySignedAt: string | null }>(
      await sign(decided.id, 'secretary', 'resident2'),
    );
    expect(both.chairSignedAt).toBe(first.chairSignedAt);
    expect(both.secretarySignedAt).not.toBeNull();
    const view = await ok<MeetingView>(
      await api.request('GET', `/api/v1/meetings/${decided.id}`, { as: 'admin' }),
    );
    expect(view.protocol).toMatchObject({ signedByChair: true, signedBySecretary: true });
  });

  it('409 before the protocol exists; 401; 400 naming the role', async () => {
    const voting = await meetingIn(api, { phase: 'voting' });
    await problem(await sign(voting.id, 'chair', 'resident'), 409, {
      detail: 'the protocol has not been generated yet',
    });
    await problem(await sign(voting.id, 'chair', 'resident2'), 403, {
      detail: "only the meeting's chair signs as chair",
    });
    await problem(await sign(decided.id, 'chair'), 401);
    await problem(await sign(decided.id, 'notary', 'resident'), 400, 'body.role');
    await problem(await sign('x', 'chair', 'resident'), 400, 'param.id');
  });
});

describe('GET /api/v1/me/notifications', () => {
  it("lists the resident's own in-app notices", async () => {
    const title = `Notice ${crypto.randomUUID()}`;
    await addNotifications(api.em(), [
      {
        personId: DEMO_IDS.persons.resident2,
        meetingId: decided.id,
        kind: 'result',
        title,
        body: 'Results are published',
      },
    ]);
    const mine = await ok<{ title: string; meetingId: string | null }[]>(
      await api.request('GET', '/api/v1/me/notifications?unreadOnly=true', { as: 'resident2' }),
    );
    expect(mine.find((n) => n.title === title)).toMatchObject({ meetingId: decided.id });
    const others = await ok<{ title: string }[]>(
      await api.request('GET', '/api/v1/me/notifications', { as: 'resident' }),
    );
    expect(others.some((n) => n.title === title)).toBe(false);
  });

  it('401, 403 for staff, 400 naming bad parameters', async () => {
    await problem(await api.request('GET', '/api/v1/me/notifications'), 401);
    await problem(await api.request('GET', '/api/v1/me/notifications', { as: 'council' }), 403, {
      detail: 'this endpoint is for: resident',
    });
    await problem(
      await api.request('GET', '/api/v1/me/notifications?limit=0', { as: 'resident' }),
      400,
      'query.limit',
    );
    await problem(
      await api.request('GET', '/api/v1/me/notifications?unreadOnly=maybe', { as: 'resident' }),
      400,
      'query.unreadOnly',
    );
  });
});
