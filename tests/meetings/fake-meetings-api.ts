// A stand-in for the meetings API (api/meetings) with one meeting whose phase the test moves by
// hand, so widget tests isolate the widget: bearer auth, problem+json, trackers computed with the
// real domain code, an event stream that pushes participation changes, and the bundle and test
// pages served from memory. The real API is exercised by meeting-real.browser.test.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256Hex } from '../../domain/common/sha256.ts';
import { type Choice, decide, type TallyInput } from '../../domain/meetings/decide.ts';
import { DEFAULT_MEETING_POLICY } from '../../domain/meetings/policy.ts';
import { ballotSetHash, computeTracker, type PublishedBallot } from '../../domain/meetings/tracker.ts';
import type {
  BallotReceipt,
  CommentView,
  MeetingPhase,
  MeetingView,
  MyBallotView,
  ParticipationView,
  VotingRight,
} from '../../domain/meetings/types.ts';
import { percentOf } from '../../domain/meetings/weights.ts';
import { json, problem, readBody, send } from '../support/fake-http.ts';

export const FAKE_TOKEN_PREFIX = 'fake-token-';

const fixed = (n: number) => `5e0e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const IDS = {
  meeting: fixed(1),
  other: fixed(2),
  building: fixed(10),
  itemRepair: fixed(21),
  itemRoof: fixed(22),
  aptSole: fixed(31),
  aptShared: fixed(32),
  resident: fixed(41),
  owner2: fixed(42),
} as const;

export const USERS = {
  resident: { userId: fixed(51), personId: IDS.resident, name: 'Aziz Karimov', roles: ['resident'] },
  manager: { userId: fixed(53), personId: null, name: 'Sherzod Rahimov', roles: ['management_company'] },
  council: { userId: fixed(54), personId: null, name: 'Malika Yusupova', roles: ['council'] },
  inspector: { userId: fixed(55), personId: null, name: 'Jasur Nazarov', roles: ['inspector'] },
} as const;
type Persona = keyof typeof USERS;

export const TOTAL_WEIGHT = 1_000_000;
export const ELIGIBLE = 72;

/** Apartment 12 owned alone; apartment 47 held by power of attorney for Dilnoza Karimova. */
export const RIGHTS: VotingRight[] = [
  {
    apartmentId: IDS.aptSole,
    apartmentNumber: '12',
    buildingId: IDS.building,
    ownerId: IDS.resident,
    ownerName: 'Aziz Karimov',
    weight: 12_860,
    weightPercent: percentOf(12_860, TOTAL_WEIGHT),
    viaProxy: false,
    powerOfAttorneyId: null,
  },
  {
    apartmentId: IDS.aptShared,
    apartmentNumber: '47',
    buildingId: IDS.building,
    ownerId: IDS.owner2,
    ownerName: 'Dilnoza Karimova',
    weight: 3_500,
    weightPercent: percentOf(3_500, TOTAL_WEIGHT),
    viaProxy: true,
    powerOfAttorneyId: fixed(61),
  },
];

/** Everyone else's ballots, already in: enough for quorum, item 1 passes, item 2 does not. */
const OTHERS = { owners: 40, weight: 520_000 };
const OTHER_BALLOTS: PublishedBallot[] = [
  { tracker: 'a'.repeat(64), weight: 300_000, choices: { [IDS.itemRepair]: 'for', [IDS.itemRoof]: 'for' } },
  {
    tracker: 'b'.repeat(64),
    weight: 200_000,
    choices: { [IDS.itemRepair]: 'for', [IDS.itemRoof]: 'against' },
  },
  {
    tracker: 'c'.repeat(64),
    weight: 20_000,
    choices: { [IDS.itemRepair]: 'abstain', [IDS.itemRoof]: 'abstain' },
  },
];

export const MEETING_TEXT = {
  title: 'Yunusobod 4-mavze, 12-uy: 2026 yillik yigʻilish',
  repair: 'Tomni taʼmirlash smetasini tasdiqlash',
  roof: 'Kapital taʼmirlash: liftlarni almashtirish',
};

export function baseMeeting(): MeetingView {
  return {
    id: IDS.meeting,
    title: MEETING_TEXT.title,
    kind: 'annual',
    form: 'electronic',
    phase: 'voting',
    attempt: 1,
    repeatOf: null,
    buildingIds: [IDS.building],
    initiator: {
      kind: 'management_organization',
      name: '“Obod Yunusobod” MChJ',
      userId: USERS.manager.userId,
    },
    chairUserId: USERS.manager.userId,
    secretaryUserId: USERS.manager.userId,
    quorumShare: { numerator: 1, denominator: 2 },
    noticeAt: '2026-11-20T05:00:00Z',
    votingOpensAt: '2026-12-01T04:00:00Z',
    votingClosesAt: '2026-12-08T13:00:00Z',
    agenda: [
      {
        id: IDS.itemRepair,
        position: 1,
        title: MEETING_TEXT.repair,
        description: 'Smeta: 184 mln soʻm.',
        kind: 'ordinary',
        rule: 'majority_of_cast',
        organizationId: null,
      },
      {
        id: IDS.itemRoof,
        position: 2,
        title: MEETING_TEXT.roof,
        description: '',
        kind: 'capital_repair',
        rule: 'two_thirds_of_all',
        organizationId: null,
      },
    ],
    cancelledReason: null,
    decision: null,
    protocol: null,
    appealWindowEndsAt: null,
  };
}

interface StoredBallot extends BallotReceipt {
  choices: Record<string, Choice>;
  weight: number;
  viaProxy: boolean;
  idempotencyKey: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: unknown;
}

export const PROTOCOL_PDF = new TextEncoder().encode('%PDF-1.7\n% fake protocol for widget tests\n%%EOF\n');

export interface FakeMeetingsApi {
  url: string;
  requests: RecordedRequest[];
  pages: Map<string, string>;
  meeting: MeetingView;
  ballots: Map<string, StoredBallot>;
  comments: CommentView[];
  /** Moves the meeting; leaving `voting` counts the votes and ends the event streams. */
  setPhase(phase: MeetingPhase): Promise<void>;
  /** Another owner votes: the participation stream reports it. */
  otherOwnerVotes(): void;
  /** Drops a tracker from the published list, as a dishonest server would. */
  unpublish(tracker: string): void;
  openStreams(): number;
  close(): Promise<void>;
}

export async function startFakeMeetingsApi(files: Map<string, string>): Promise<FakeMeetingsApi> {
  const requests: RecordedRequest[] = [];
  const pages = new Map<string, string>();
  const ballots = new Map<string, StoredBallot>();
  const comments: CommentView[] = [];
  const streams = new Set<ServerResponse>();
  const unpublished = new Set<string>();
  let extraOwners = 0;
  let meeting = baseMeeting();

  const participation = (): ParticipationView => {
    const owners = new Set([...ballots.values()].map((b) => b.ownerId));
    const weight =
      OTHERS.weight + extraOwners * 1000 + [...ballots.values()].reduce((s, b) => s + b.weight, 0);
    return {
      meetingId: meeting.id,
      phase: meeting.phase,
      eligibleOwners: ELIGIBLE,
      votedOwners: OTHERS.owners + extraOwners + owners.size,
      participatingWeightPercent: percentOf(weight, TOTAL_WEIGHT),
    };
  };

  const published = (): PublishedBallot[] =>
    [
      ...OTHER_BALLOTS,
      ...[...ballots.values()].map((b) => ({ tracker: b.tracker, weight: b.weight, choices: b.choices })),
    ].filter((b) => !unpublished.has(b.tracker));

  const push = () => {
    const data = JSON.stringify(participation());
    for (const res of streams) res.write(`event: participation\ndata: ${data}\n\n`);
  };

  async function count(): Promise<void> {
    const list = published();
    const items = meeting.agenda.map((item) => {
      const sum = (c: Choice) =>
        list.filter((b) => b.choices[item.id] === c).reduce((s, b) => s + b.weight, 0);
      return {
        itemId: item.id,
        kind: item.kind,
        for: sum('for'),
        against: sum('against'),
        abstain: sum('abstain'),
      };
    });
    const tally: TallyInput = {
      totalWeight: TOTAL_WEIGHT,
      participatingWeight: list.reduce((s, b) => s + b.weight, 0),
      items,
    };
    const sha = await sha256Hex(PROTOCOL_PDF);
    meeting = {
      ...meeting,
      decision: decide(DEFAULT_MEETING_POLICY, tally),
      protocol: {
        sha256: sha,
        ballotSetSha256: await ballotSetHash(list),
        signedByChair: true,
        signedBySecretary: false,
      },
      appealWindowEndsAt: '2027-06-08T13:00:00Z',
    };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const file = files.get(path);
    if (file !== undefined)
      return send(res, 200, path.endsWith('.js') ? 'text/javascript' : 'application/json', file);
    const page = pages.get(path);
    if (page !== undefined) return send(res, 200, 'text/html; charset=utf-8', page);
    if (!path.startsWith('/api/v1/')) return problem(res, 404, `no route for ${path}`);
    const raw = req.method === 'POST' ? (await readBody(req)).toString('utf8') : '';
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return problem(res, 400, 'malformed JSON', [{ field: 'body', message: 'malformed JSON' }]);
    }
    requests.push({
      method: req.method ?? 'GET',
      path: path + url.search,
      authorization: req.headers.authorization,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      body,
    });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const persona = token?.startsWith(FAKE_TOKEN_PREFIX)
      ? (token.slice(FAKE_TOKEN_PREFIX.length) as Persona)
      : null;
    const user = persona ? USERS[persona] : undefined;
    if (!user) return problem(res, 401, 'a bearer token is required');
    return api(req.method ?? 'GET', path.slice('/api/v1'.length), url, body, user, req, res);
  }

  async function api(
    method: string,
    path: string,
    url: URL,
    body: unknown,
    user: (typeof USERS)[Persona],
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const resident = user.roles.includes('resident' as never);
    const otherMeeting = (): MeetingView => ({
      ...baseMeeting(),
      id: IDS.other,
      title: 'Navbatdan tashqari yigʻilish: boshqaruv tashkilotini tanlash',
      kind: 'extraordinary',
      phase: 'discussion',
      // The repeat of a meeting that had no quorum: the list must tell it from the first.
      attempt: 2,
      repeatOf: { id: meeting.id, title: meeting.title },
      votingOpensAt: '2027-01-10T04:00:00Z',
      votingClosesAt: '2027-01-20T13:00:00Z',
    });
    if (path === '/me') return json(res, 200, { ...user, organizationId: null, districtId: null });
    if (path === '/meetings' && method === 'GET') {
      const other = otherMeeting();
      const building = url.searchParams.get('buildingId');
      const items = [meeting, other].filter((m) => !building || m.buildingIds.includes(building));
      return json(res, 200, {
        items,
        page: 1,
        pageSize: Number(url.searchParams.get('pageSize') ?? 20),
        total: items.length,
      });
    }
    const match = /^\/meetings\/([^/]+)(\/.*)?$/.exec(path);
    if (!match) return problem(res, 404, `no route for ${path}`);
    const [, id, rest = ''] = match;
    // The repeat of `meeting`, readable too, for the link to its first attempt.
    if (id === IDS.other && rest === '' && method === 'GET') return json(res, 200, otherMeeting());
    if (id !== meeting.id) return problem(res, 404, 'no such meeting');
    if (rest === '' && method === 'GET') return json(res, 200, meeting);
    if (rest === '/my-rights') return resident ? json(res, 200, RIGHTS) : problem(res, 403, 'residents only');
    if (rest === '/my-ballots') {
      if (!resident) return problem(res, 403, 'residents only');
      const mine: MyBallotView[] = [...ballots.values()].map((b) => ({
        meetingId: b.meetingId,
        apartmentId: b.apartmentId,
        ownerId: b.ownerId,
        tracker: b.tracker,
        castAt: b.castAt,
        revision: b.revision,
        choices: b.choices,
        weightPercent: percentOf(b.weight, TOTAL_WEIGHT),
        viaProxy: b.viaProxy,
      }));
      return json(res, 200, mine);
    }
    if (rest === '/ballots' && method === 'POST') return cast(body, req, res, resident);
    if (rest === '/participation') return json(res, 200, participation());
    if (rest === '/participation/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(`: hello\n\nevent: participation\ndata: ${JSON.stringify(participation())}\n\n`);
      if (meeting.phase !== 'voting') return void res.end();
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    if (rest === '/results') {
      if (!meeting.decision)
        return problem(res, 409, `results are published after the close (phase ${meeting.phase})`);
      return json(res, 200, {
        decision: meeting.decision,
        ballots: published(),
        ballotSetSha256: meeting.protocol!.ballotSetSha256,
        protocolSha256: meeting.protocol!.sha256,
      });
    }
    if (rest === '/protocol.pdf') {
      if (!meeting.protocol) return problem(res, 404, 'no protocol yet');
      res.writeHead(200, { 'content-type': 'application/pdf', 'x-content-sha256': meeting.protocol.sha256 });
      return void res.end(Buffer.from(PROTOCOL_PDF));
    }
    if (rest === '/comments' && method === 'GET') {
      const council = user.roles.includes('council' as never);
      return json(
        res,
        200,
        comments.map((c) => (c.hidden && !council ? { ...c, body: '' } : c)),
      );
    }
    if (rest === '/comments' && method === 'POST') {
      const b = body as { agendaItemId?: string; body?: string };
      if (!b.body?.trim()) return problem(res, 400, 'invalid', [{ field: 'body.body', message: 'required' }]);
      const comment = newComment(user, b.body, b.agendaItemId ?? null, null);
      comments.push(comment);
      return json(res, 201, comment);
    }
    const commentAction = /^\/comments\/([^/]+)\/(answer|hide)$/.exec(rest);
    if (commentAction && method === 'POST') {
      const target = comments.find((c) => c.id === commentAction[1]);
      if (!target) return problem(res, 404, 'no such comment');
      if (commentAction[2] === 'answer') {
        if (user.userId !== meeting.initiator.userId) return problem(res, 403, 'initiator only');
        const answer = newComment(user, (body as { body: string }).body, target.agendaItemId, target.id);
        comments.push(answer);
        return json(res, 201, answer);
      }
      if (!user.roles.some((r) => r === 'council') && user.userId !== meeting.initiator.userId)
        return problem(res, 403, 'moderators only');
      Object.assign(target, { hidden: true, hiddenReason: (body as { reason: string }).reason });
      return json(res, 200, target);
    }
    return problem(res, 404, `no route for ${path}`);
  }

  async function cast(
    body: unknown,
    req: IncomingMessage,
    res: ServerResponse,
    resident: boolean,
  ): Promise<void> {
    if (!resident) return problem(res, 403, 'residents only');
    if (meeting.phase !== 'voting') return problem(res, 409, `voting is not open (phase ${meeting.phase})`);
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key)
      return problem(res, 400, 'invalid', [{ field: 'header.idempotency-key', message: 'required' }]);
    const b = body as {
      apartmentId: string;
      ownerId: string;
      choices: Record<string, Choice>;
      receiptSecret: string;
    };
    const right = RIGHTS.find((r) => r.apartmentId === b.apartmentId && r.ownerId === b.ownerId);
    if (!right) return problem(res, 403, 'not eligible');
    const missing = meeting.agenda.filter((i) => !b.choices?.[i.id]);
    if (missing.length > 0) {
      return problem(
        res,
        400,
        'invalid',
        missing.map((i) => ({ field: `body.choices.${i.id}`, message: 'a choice is required' })),
      );
    }
    const rightKey = `${b.apartmentId}:${b.ownerId}`;
    const previous = ballots.get(rightKey);
    if (previous?.idempotencyKey === key) return json(res, 201, receiptOf(previous));
    const tracker = await computeTracker(
      { meetingId: meeting.id, apartmentId: b.apartmentId, ownerId: b.ownerId, choices: b.choices },
      b.receiptSecret,
    );
    const stored: StoredBallot = {
      meetingId: meeting.id,
      apartmentId: b.apartmentId,
      ownerId: b.ownerId,
      tracker,
      castAt: new Date().toISOString(),
      revision: (previous?.revision ?? 0) + 1,
      choices: b.choices,
      weight: right.weight,
      viaProxy: right.viaProxy,
      idempotencyKey: key,
    };
    ballots.set(rightKey, stored);
    push();
    return json(res, 201, receiptOf(stored));
  }

  let commentSeq = 0;
  function newComment(
    user: (typeof USERS)[Persona],
    text: string,
    agendaItemId: string | null,
    answersCommentId: string | null,
  ): CommentView {
    return {
      id: fixed(900 + ++commentSeq),
      meetingId: meeting.id,
      agendaItemId,
      authorName: user.name,
      authorUserId: user.userId,
      body: text,
      answersCommentId,
      isAnswer: answersCommentId !== null,
      hidden: false,
      hiddenReason: null,
      createdAt: new Date().toISOString(),
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    pages,
    get meeting() {
      return meeting;
    },
    ballots,
    comments,
    async setPhase(phase) {
      const wasVoting = meeting.phase === 'voting';
      meeting = { ...meeting, phase };
      if (wasVoting && phase !== 'voting') {
        if (['decided', 'appeal_window', 'completed', 'failed'].includes(phase)) await count();
        push();
        for (const res of streams) res.end();
        streams.clear();
      }
    },
    otherOwnerVotes() {
      extraOwners++;
      push();
    },
    unpublish(tracker) {
      unpublished.add(tracker);
    },
    openStreams: () => streams.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function receiptOf(b: StoredBallot): BallotReceipt {
  return {
    meetingId: b.meetingId,
    apartmentId: b.apartmentId,
    ownerId: b.ownerId,
    tracker: b.tracker,
    castAt: b.castAt,
    revision: b.revision,
  };
}
