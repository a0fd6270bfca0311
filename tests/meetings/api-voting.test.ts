// Voting over HTTP against meetings put into their phase through the repository: rights and
// weights, receipts, co-owners, proxies, revotes, idempotent replays, the phase check, and that
// nothing about choices is visible before the close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../../domain/meetings/decide.ts';
import {
  ballotSetHash,
  computeTracker,
  newReceiptSecret,
  type PublishedBallot,
} from '../../domain/meetings/tracker.ts';
import type {
  BallotReceipt,
  MeetingView,
  MyBallotView,
  ParticipationView,
} from '../../domain/meetings/types.ts';
import {
  type Api,
  allFor,
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

interface Right {
  apartmentId: string;
  ownerId: string;
  weight: number;
  weightPercent: number;
  viaProxy: boolean;
  powerOfAttorneyId: string | null;
}

let api: Api;
let pinfl: Record<'resident' | 'resident2', string>;
let stranger: { personId: string; apartmentId: string; token: string };
const SOLE = DEMO_IDS.apartments.residentSole;
const SHARED = DEMO_IDS.apartments.residentShared;
const P = DEMO_IDS.persons;

beforeAll(async () => {
  api = await startApi();
  const rows = await api
    .em()
    .execute<{ id: string; pinfl: string }[]>('select id, pinfl from person where id in (?, ?)', [
      P.resident,
      P.resident2,
    ]);
  pinfl = {
    resident: rows.find((r) => r.id === P.resident)!.pinfl,
    resident2: rows.find((r) => r.id === P.resident2)!.pinfl,
  };
  const [other] = await api.em().execute<{ personId: string; apartmentId: string }[]>(
    `select o.person_id as "personId", o.apartment_id as "apartmentId"
     from ownership o join apartment a on a.id = o.apartment_id
     where a.building_id <> ? order by o.id limit 1`,
    [DEMO_IDS.building],
  );
  stranger = { ...other!, token: await tokenFor(api, { roles: ['resident'], personId: other!.personId }) };
});
afterAll(() => api.t.close());

const cast = (m: MeetingView, as: string, b: unknown, key = newKey()) =>
  api.request('POST', `/api/v1/meetings/${m.id}/ballots`, { as, body: b, key });

describe('GET /api/v1/meetings/{id}/my-rights', () => {
  it('lists each share the owner may vote, co-owners holding equal halves', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    const mine = await ok<Right[]>(
      await api.request('GET', `/api/v1/meetings/${m.id}/my-rights`, { as: 'resident' }),
    );
    expect(mine.map((r) => r.apartmentId).sort()).toEqual([SOLE, SHARED].sort());
    expect(mine.every((r) => r.ownerId === P.resident && !r.viaProxy)).toBe(true);
    const theirs = await ok<Right[]>(
      await api.request('GET', `/api/v1/meetings/${m.id}/my-rights`, { as: 'resident2' }),
    );
    expect(theirs).toHaveLength(1);
    expect(theirs[0]!.weight).toBe(mine.find((r) => r.apartmentId === SHARED)!.weight);
    expect(theirs[0]!.weight).toBeGreaterThan(0);
  });

  it('401, 403 for staff, 404 unknown meeting, 400 bad id', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    await problem(await api.request('GET', `/api/v1/meetings/${m.id}/my-rights`), 401);
    await problem(await api.request('GET', `/api/v1/meetings/${m.id}/my-rights`, { as: 'manager' }), 403, {
      detail: 'this endpoint is for: resident',
    });
    await problem(
      await api.request('GET', `/api/v1/meetings/${crypto.randomUUID()}/my-rights`, { as: 'resident' }),
      404,
      { detail: 'no such meeting' },
    );
    await problem(
      await api.request('GET', '/api/v1/meetings/x/my-rights', { as: 'resident' }),
      400,
      'param.id',
    );
  });
});

describe('POST /api/v1/meetings/{id}/ballots', () => {
  it('an owner votes and gets a receipt whose tracker only their secret reproduces', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    const secret = newReceiptSecret();
    const b = ballotBody(m, SOLE, { secret });
    const receipt = await ok<BallotReceipt>(await cast(m, 'resident', b), 201);
    expect(receipt).toMatchObject({ meetingId: m.id, apartmentId: SOLE, ownerId: P.resident, revision: 1 });
    const content = { meetingId: m.id, apartmentId: SOLE, ownerId: P.resident, choices: b.choices };
    expect(receipt.tracker).toBe(await computeTracker(content, secret));
    expect(receipt.tracker).not.toBe(await computeTracker(content, newReceiptSecret()));
  });

  it('co-owners each vote their own share of one apartment', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    await ok(await cast(m, 'resident', ballotBody(m, SHARED)), 201);
    await ok(await cast(m, 'resident2', ballotBody(m, SHARED, { choice: 'against' })), 201);
    const p = await ok<ParticipationView>(
      await api.request('GET', `/api/v1/meetings/${m.id}/participation`, { as: 'resident' }),
    );
    expect(p.votedOwners).toBe(2);
    const theirs = await ok<MyBallotView[]>(
      await api.request('GET', `/api/v1/meetings/${m.id}/my-ballots`, { as: 'resident2' }),
    );
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ apartmentId: SHARED, ownerId: P.resident2, viaProxy: false });
    expect(Object.values(theirs[0]!.choices)).toEqual(['against', 'against']);
  });

  it('a replay with the same key answers with the same receipt; another body under that key is a conflict', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    const key = newKey();
    const b = ballotBody(m, SOLE);
    const first = await ok<BallotReceipt>(await cast(m, 'resident', b, key), 201);
    const again = await ok<BallotReceipt>(await cast(m, 'resident', b, key), 201);
    expect(again).toEqual(first);
    await problem(await cast(m, 'resident', { ...b, choices: allFor(m, 'against') }, key), 409, {
      detail: 'this idempotency key was already used for a different ballot',
    });
    const mine = await ok<MyBallotView[]>(
      await api.request('GET', `/api/v1/meetings/${m.id}/my-ballots`, { as: 'resident' }),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.revision).toBe(1);
  });

  it('a revote replaces the ballot until the close, and is counted once', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    await ok(await cast(m, 'resident', ballotBody(m, SOLE, { choice: 'for' })), 201);
    const secret = newReceiptSecret();
    const second = await ok<BallotReceipt>(
      await cast(m, 'resident', ballotBody(m, SOLE, { choice: 'against', secret })),
      201,
    );
    expect(second.revision).toBe(2);
    const mine = await ok<MyBallotView[]>(
      await api.request('GET', `/api/v1/meetings/${m.id}/my-ballots`, { as: 'resident' }),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ revision: 2, tracker: second.tracker });
    expect(Object.values(mine[0]!.choices)).toEqual(['against', 'against']);
    const p = await ok<ParticipationView>(
      await api.request('GET', `/api/v1/meetings/${m.id}/participation`, { as: 'admin' }),
    );
    expect(p.votedOwners).toBe(1);
    await closeVotingAndDecide(api, m.id);
    const results = await ok<{ ballots: PublishedBallot[] }>(
      await api.request('GET', `/api/v1/meetings/${m.id}/results`, { as: 'admin' }),
    );
    expect(results.ballots.map((x) => x.tracker)).toEqual([second.tracker]);
  });

  it('a proxy votes only with a recorded power of attorney', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    const asProxy = ballotBody(m, SHARED, { ownerId: P.resident2 });
    await problem(await cast(m, 'resident', asProxy), 403, {
      detail: 'no recorded power of attorney lets you vote for this owner',
    });
    const poa = await ok<{ id: string }>(
      await api.request('POST', `/api/v1/meetings/${m.id}/proxies`, {
        as: 'resident2',
        key: newKey(),
        body: {
          grantorPersonId: P.resident2,
          proxyPersonPinfl: pinfl.resident,
          apartmentId: SHARED,
          documentRef: 'online',
        },
      }),
      201,
    );
    const rights = await ok<Right[]>(
      await api.request('GET', `/api/v1/meetings/${m.id}/my-rights`, { as: 'resident' }),
    );
    expect(rights.find((r) => r.viaProxy)).toMatchObject({
      ownerId: P.resident2,
      apartmentId: SHARED,
      powerOfAttorneyId: poa.id,
    });
    const receipt = await ok<BallotReceipt>(await cast(m, 'resident', asProxy), 201);
    expect(receipt.ownerId).toBe(P.resident2);
    const mine = await ok<MyBallotView[]>(
      await api.request('GET', `/api/v1/meetings/${m.id}/my-ballots`, { as: 'resident' }),
    );
    expect(mine.find((b) => b.viaProxy)).toMatchObject({ ownerId: P.resident2, apartmentId: SHARED });
  });

  it('an owner of another building may not vote here', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    const res = await api.request('POST', `/api/v1/meetings/${m.id}/ballots`, {
      token: stranger.token,
      key: newKey(),
      body: ballotBody(m, stranger.apartmentId),
    });
    await problem(res, 403, { detail: 'you hold no vote in this meeting', code: 'meetings.not_eligible' });
  });

  it('409 before voting opens and after it closes', async () => {
    const before = await meetingIn(api, { phase: 'discussion' });
    await problem(await cast(before, 'resident', ballotBody(before, SOLE)), 409, {
      detail: 'ballots are accepted only while voting is open (discussion)',
    });
    const after = await meetingIn(api, { phase: 'counting' });
    await problem(await cast(after, 'resident', ballotBody(after, SOLE)), 409, {
      detail: 'ballots are accepted only while voting is open (counting)',
    });
  });

  it('names bad input', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    const [first, second] = m.agenda;
    const b = ballotBody(m, SOLE);
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/ballots`, { as: 'resident', body: b }),
      400,
      'header.idempotency-key',
    );
    await problem(
      await cast(m, 'resident', { ...b, choices: { [first!.id]: 'for' } }),
      400,
      `body.choices.${second!.id}`,
    );
    const stray = crypto.randomUUID();
    await problem(
      await cast(m, 'resident', { ...b, choices: { ...b.choices, [stray]: 'for' } }),
      400,
      `body.choices.${stray}`,
    );
    await problem(
      await cast(m, 'resident', { ...b, choices: { ...b.choices, [first!.id]: 'maybe' } }),
      400,
      `body.choices.${first!.id}`,
    );
    await problem(await cast(m, 'resident', { ...b, receiptSecret: 'abc' }), 400, 'body.receiptSecret');
    await problem(await cast(m, 'resident', { ...b, apartmentId: 'flat-12' }), 400, 'body.apartmentId');
    await problem(await cast(m, 'resident', { ...b, ownerId: 'me' }), 400, 'body.ownerId');
  });

  it('401 without a token, 403 for staff roles', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/ballots`, {
        body: ballotBody(m, SOLE),
        key: newKey(),
      }),
      401,
    );
    await problem(await cast(m, 'manager', ballotBody(m, SOLE)), 403, {
      detail: 'this endpoint is for: resident',
    });
    await problem(await cast(m, 'admin', ballotBody(m, SOLE)), 403, {
      detail: 'this endpoint is for: resident',
    });
  });
});

describe('GET /api/v1/meetings/{id}/my-ballots', () => {
  it('401, 403 for staff, 400 bad id', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    await problem(await api.request('GET', `/api/v1/meetings/${m.id}/my-ballots`), 401);
    await problem(await api.request('GET', `/api/v1/meetings/${m.id}/my-ballots`, { as: 'council' }), 403, {
      detail: 'this endpoint is for: resident',
    });
    await problem(
      await api.request('GET', '/api/v1/meetings/1/my-ballots', { as: 'resident' }),
      400,
      'param.id',
    );
  });
});

describe('participation and results', () => {
  it('before the close: counts only, and results are refused', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    await ok(await cast(m, 'resident', ballotBody(m, SOLE)), 201);
    const p = await ok<ParticipationView>(
      await api.request('GET', `/api/v1/meetings/${m.id}/participation`, { as: 'inspector' }),
    );
    expect(Object.keys(p).sort()).toEqual([
      'eligibleOwners',
      'meetingId',
      'participatingWeightPercent',
      'phase',
      'votedOwners',
    ]);
    expect(p).toMatchObject({ meetingId: m.id, phase: 'voting', votedOwners: 1 });
    expect(p.eligibleOwners).toBeGreaterThan(50);
    expect(p.participatingWeightPercent).toBeGreaterThan(0);
    await problem(await api.request('GET', `/api/v1/meetings/${m.id}/results`, { as: 'resident' }), 409, {
      detail: 'results are published after the close; the meeting is in phase voting',
    });
    await problem(await api.request('GET', `/api/v1/meetings/${m.id}/results`, { as: 'admin' }), 409, {
      detail: 'results are published after the close; the meeting is in phase voting',
    });
    const view = await ok<MeetingView>(await api.request('GET', `/api/v1/meetings/${m.id}`, { as: 'admin' }));
    expect(view.decision).toBeNull();
    // Counting has begun but nothing is recorded yet: still nothing to see.
    await closeVotingAndDecide(api, m.id, undefined, false);
    await problem(await api.request('GET', `/api/v1/meetings/${m.id}/results`, { as: 'admin' }), 409, {
      detail: 'results are published after the close; the meeting is in phase counting',
    });
  });

  it('after the close: the decision and every counted ballot by tracker, with the set hash', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    const mine = await ok<BallotReceipt>(
      await cast(m, 'resident', ballotBody(m, SOLE, { choice: 'for' })),
      201,
    );
    await ok(await cast(m, 'resident2', ballotBody(m, SHARED, { choice: 'against' })), 201);
    await closeVotingAndDecide(api, m.id);
    const r = await ok<{
      decision: Decision;
      ballots: PublishedBallot[];
      ballotSetSha256: string;
      protocolSha256: string | null;
    }>(await api.request('GET', `/api/v1/meetings/${m.id}/results`, { as: 'resident' }));
    expect(r.ballots).toHaveLength(2);
    const own = r.ballots.find((b) => b.tracker === mine.tracker)!;
    expect(Object.values(own.choices)).toEqual(['for', 'for']);
    expect(r.ballotSetSha256).toBe(await ballotSetHash(r.ballots));
    expect(r.decision.participatingWeight).toBe(r.ballots.reduce((s, b) => s + b.weight, 0));
    expect(r.decision.quorumReached).toBe(false);
    expect(r.decision.items.map((i) => i.accepted)).toEqual([false, false]);
    expect(r.decision.items[0]!.for).toBe(own.weight);
    expect(r.protocolSha256).toBeNull();
    const p = await ok<ParticipationView>(
      await api.request('GET', `/api/v1/meetings/${m.id}/participation`, { as: 'admin' }),
    );
    expect(p).toMatchObject({ phase: 'decided', votedOwners: 2 });
  });

  it('401 without a token, 403 outside the scope, 404 unknown, 400 bad id', async () => {
    const m = await meetingIn(api, { phase: 'voting' });
    for (const what of ['participation', 'results']) {
      await problem(await api.request('GET', `/api/v1/meetings/${m.id}/${what}`), 401);
      await problem(
        await api.request('GET', `/api/v1/meetings/${m.id}/${what}`, { token: stranger.token }),
        403,
        { detail: 'this meeting is outside your scope' },
      );
      await problem(
        await api.request('GET', `/api/v1/meetings/${crypto.randomUUID()}/${what}`, { as: 'admin' }),
        404,
        { detail: 'no such meeting' },
      );
      await problem(
        await api.request('GET', `/api/v1/meetings/nope/${what}`, { as: 'admin' }),
        400,
        'param.id',
      );
    }
  });
});

describe('POST /api/v1/meetings/{id}/proxies', () => {
  const poa = (over: Record<string, unknown> = {}) => ({
    grantorPersonId: P.resident2,
    proxyPersonPinfl: pinfl.resident,
    documentRef: 'notarised No. 17',
    ...over,
  });

  it('a council officer records a paper power of attorney; a retry finds it', async () => {
    const m = await meetingIn(api, { phase: 'discussion' });
    const key = newKey();
    const first = await ok<{ id: string; proxyPersonId: string }>(
      await api.request('POST', `/api/v1/meetings/${m.id}/proxies`, { as: 'council', key, body: poa() }),
      201,
    );
    expect(first.proxyPersonId).toBe(P.resident);
    const again = await ok<{ id: string }>(
      await api.request('POST', `/api/v1/meetings/${m.id}/proxies`, { as: 'council', key, body: poa() }),
      200,
    );
    expect(again.id).toBe(first.id);
  });

  it('a resident grants only their own votes; staff other than council and admin may not record', async () => {
    const m = await meetingIn(api, { phase: 'discussion' });
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/proxies`, {
        as: 'resident',
        key: newKey(),
        body: poa(),
      }),
      403,
      { detail: 'a resident records powers of attorney only for themselves' },
    );
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/proxies`, {
        as: 'manager',
        key: newKey(),
        body: poa(),
      }),
      403,
      { detail: 'this endpoint is for: resident, council, admin' },
    );
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/proxies`, { key: newKey(), body: poa() }),
      401,
    );
  });

  it('a grantor outside the electorate cannot grant, and nobody after the close', async () => {
    const m = await meetingIn(api, { phase: 'discussion' });
    const outsider = poa({ grantorPersonId: stranger.personId });
    await problem(
      await api.request('POST', `/api/v1/meetings/${m.id}/proxies`, {
        as: 'admin',
        key: newKey(),
        body: outsider,
      }),
      403,
      { detail: 'the grantor holds no vote in this meeting' },
    );
    const closed = await meetingIn(api, { phase: 'counting' });
    await problem(
      await api.request('POST', `/api/v1/meetings/${closed.id}/proxies`, {
        as: 'admin',
        key: newKey(),
        body: poa(),
      }),
      409,
      { detail: 'powers of attorney are recorded until voting closes (counting)' },
    );
  });

  it('names bad input', async () => {
    const m = await meetingIn(api, { phase: 'discussion' });
    const post = (body: unknown, key: string | null = newKey()) =>
      api.request('POST', `/api/v1/meetings/${m.id}/proxies`, {
        as: 'resident2',
        key: key ?? undefined,
        body,
      });
    await problem(await post(poa({ proxyPersonPinfl: '123' })), 400, 'body.proxyPersonPinfl');
    await problem(await post(poa({ proxyPersonPinfl: '00000000000000' })), 400, 'body.proxyPersonPinfl');
    await problem(await post(poa({ proxyPersonPinfl: pinfl.resident2 })), 400, 'body.proxyPersonPinfl');
    await problem(await post(poa({ documentRef: '' })), 400, 'body.documentRef');
    await problem(await post(poa({ apartmentId: 'x' })), 400, 'body.apartmentId');
    await problem(await post(poa(), null), 400, 'header.idempotency-key');
  });
});
