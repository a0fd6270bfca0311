// A stand-in for the API behind the staff elements (calling, postponing, cancelling a meeting and
// signing its protocol), with the refusals the real one gives: problem+json naming the fields, 403
// for anyone but the initiator or the named signer, 409 once voting has opened. The test moves
// the meeting by hand (`meeting`), or makes the next write fail (`refuseNext`). The real API is
// exercised by meeting-real.browser.test.ts.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MeetingView, ProtocolTextView } from '../../domain/meetings/types.ts';
import type { BuildingView } from '../../domain/registry/types.ts';
import { json, problem, readBody, send } from '../support/fake-http.ts';
import { baseMeeting, FAKE_TOKEN_PREFIX, IDS, type RecordedRequest, USERS } from './fake-meetings-api.ts';

/** The protocol the fake serves, and the hash a decided meeting names for it. */
export const PROTOCOL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
export const PROTOCOL_SHA256 = createHash('sha256').update(PROTOCOL_PDF).digest('hex');

/** What the fake's protocol says: one ballot for every item of the meeting, by one apartment. */
const protocolText = (m: MeetingView): ProtocolTextView => ({
  meetingId: m.id,
  title: m.title,
  kind: m.kind,
  form: m.form,
  attempt: m.attempt,
  addresses: ['Toshkent, Yunusobod 4-kvartal, 12-uy'],
  initiatorName: m.initiator.name,
  chairName: 'Chair',
  secretaryName: 'Secretary',
  noticeAt: m.noticeAt,
  votingOpensAt: m.votingOpensAt,
  votingClosesAt: m.votingClosesAt,
  decidedAt: m.votingClosesAt,
  weighting: 'area',
  weightScale: 1,
  quorumShare: m.quorumShare,
  eligibleOwners: 2,
  votedOwners: 1,
  agenda: m.agenda.map(({ id, position, title, description, kind }) => ({
    id,
    position,
    title,
    description,
    kind,
  })),
  decision: {
    quorumReached: true,
    totalWeight: 10_000,
    participatingWeight: 6_000,
    items: m.agenda.map((a) => ({
      itemId: a.id,
      kind: a.kind,
      for: 6_000,
      against: 0,
      abstain: 0,
      rule: a.rule,
      accepted: true,
    })),
  },
  ballotSetSha256: m.protocol?.ballotSetSha256 ?? 'b'.repeat(64),
  pdfSha256: PROTOCOL_SHA256,
});

export const ORGANIZATIONS = [
  { id: '5e0e0000-0000-4000-8000-000000000071', tin: '301234567', name: '“Obod Yunusobod” MChJ' },
  { id: '5e0e0000-0000-4000-8000-000000000072', tin: '301234568', name: '“Toza Hovli” MChJ' },
];

const building = (id: string, address: string): BuildingView => ({
  id,
  address,
  cadastralNumber: '10:09:01:02:0345',
  yearBuilt: 1984,
  floors: 9,
  entrances: 2,
  totalArea: 4800,
  livingArea: 3900,
  conditionClass: 'yellow',
  district: { id: '5e0e0000-0000-4000-8000-000000000081', name: 'Yunusobod' },
  managementOrganization: null,
  apartmentCount: 72,
});

export const BUILDINGS = [
  building(IDS.building, 'Yunusobod 4-mavze, 12-uy'),
  building('5e0e0000-0000-4000-8000-000000000011', 'Yunusobod 4-mavze, 14-uy'),
];
/** Not on the buildings list; the form fetches it when its `building-id` names it. */
export const FAR_BUILDING = building('5e0e0000-0000-4000-8000-000000000019', 'Yunusobod 19-mavze, 3-uy');

const DAY = 86_400_000;

export interface FakeStaffApi {
  url: string;
  pages: Map<string, string>;
  requests: RecordedRequest[];
  /** The one meeting the staff elements act on; `id` is IDS.meeting. */
  meeting: MeetingView;
  /** Meetings called through the form, by Idempotency-Key. */
  called: Map<string, MeetingView>;
  /** The next write answers with this problem instead (status 0 drops the connection). */
  refuseNext(
    status: number,
    detail: string,
    errors?: { field: string; message: string }[],
    code?: string,
  ): void;
  close(): Promise<void>;
}

export async function startFakeStaffApi(files: Map<string, string>): Promise<FakeStaffApi> {
  const pages = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  const called = new Map<string, MeetingView>();
  let refusal: {
    status: number;
    detail: string;
    errors?: { field: string; message: string }[];
    code?: string;
  } | null = null;
  const self: FakeStaffApi = {
    url: '',
    pages,
    requests,
    meeting: {
      ...baseMeeting(),
      phase: 'discussion',
      votingOpensAt: '2027-01-10T04:00:00Z',
      votingClosesAt: '2027-01-20T13:00:00Z',
    },
    called,
    refuseNext: (status, detail, errors, code) => {
      refusal = { status, detail, errors, code };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const file = files.get(path) ?? pages.get(path);
    if (file !== undefined)
      return send(res, 200, path.endsWith('.js') ? 'text/javascript' : 'text/html', file);
    const raw = req.method === 'POST' ? (await readBody(req)).toString('utf8') : '';
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    const authorization = req.headers.authorization;
    requests.push({
      method: req.method ?? 'GET',
      path: path + url.search,
      authorization,
      idempotencyKey,
      body,
    });
    // The register is public: the widgets ask it without a token, as anyone may.
    if (path === '/api/v1/register/organizations')
      return json(res, 200, { items: ORGANIZATIONS, page: 1, pageSize: 200, total: ORGANIZATIONS.length });
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
    const user = USERS[token.slice(FAKE_TOKEN_PREFIX.length) as keyof typeof USERS];
    if (!token.startsWith(FAKE_TOKEN_PREFIX) || !user) return problem(res, 401, 'a bearer token is required');
    if (req.method === 'POST' && refusal) {
      const r = refusal;
      refusal = null;
      if (r.status === 0) return void res.destroy();
      return problem(res, r.status, r.detail, r.errors, r.code);
    }
    const route = `${req.method} ${path.replace(/^\/api\/v1/, '')}`;
    const m = self.meeting;
    switch (route) {
      case 'GET /me':
        return json(res, 200, { ...user, organizationId: null, districtId: null });
      case 'GET /buildings':
        return json(res, 200, { items: BUILDINGS, page: 1, pageSize: 200, total: BUILDINGS.length });
      case `GET /buildings/${FAR_BUILDING.id}`:
        return json(res, 200, FAR_BUILDING);
      case 'POST /meetings':
        return void call(res, body!, idempotencyKey, user);
      case `GET /meetings/${m.id}`:
        return json(res, 200, m);
      case `GET /meetings/${m.id}/protocol`:
        return json(res, 200, protocolText(m));
      case `GET /meetings/${m.id}/protocol.pdf`:
        return send(res, 200, 'application/pdf', PROTOCOL_PDF);
      case `POST /meetings/${m.id}/postpone`:
      case `POST /meetings/${m.id}/cancel`: {
        if (user.userId !== m.initiator.userId) return problem(res, 403, 'only the initiator may change it');
        if (!['notice', 'discussion'].includes(m.phase))
          return problem(res, 409, `a meeting in phase ${m.phase} can no longer be changed`);
        if (!String(body?.reason ?? '').trim())
          return problem(res, 400, 'The request is not valid', [
            { field: 'body.reason', message: 'Too small' },
          ]);
        self.meeting = path.endsWith('/cancel')
          ? { ...m, phase: 'cancelled', cancelledReason: String(body!.reason) }
          : {
              ...m,
              votingOpensAt: String(body!.votingOpensAt),
              votingClosesAt: String(body!.votingClosesAt),
            };
        return json(res, 200, self.meeting);
      }
      case `POST /meetings/${m.id}/protocol/sign`: {
        const role = body?.role as 'chair' | 'secretary';
        if ((role === 'chair' ? m.chairUserId : m.secretaryUserId) !== user.userId)
          return problem(res, 403, `only the meeting's ${role} signs as ${role}`, [
            { field: 'body.role', message: 'not yours' },
          ]);
        const protocol = { ...m.protocol!, [role === 'chair' ? 'signedByChair' : 'signedBySecretary']: true };
        self.meeting = { ...m, protocol };
        const at = (signed: boolean) => (signed ? new Date().toISOString() : null);
        return json(res, 200, {
          chairSignedAt: at(protocol.signedByChair),
          secretarySignedAt: at(protocol.signedBySecretary),
        });
      }
      default:
        return problem(res, 404, `no route for ${route}`);
    }
  }

  // Checks what the real API checks first; the policy's notice period is ten days.
  function call(
    res: ServerResponse,
    body: Record<string, unknown>,
    key: string | undefined,
    user: (typeof USERS)[keyof typeof USERS],
  ): unknown {
    if (!key) return problem(res, 400, 'invalid', [{ field: 'header.idempotency-key', message: 'required' }]);
    const replay = called.get(key);
    if (replay) return json(res, 200, replay);
    const errors: { field: string; message: string }[] = [];
    const opens = Date.parse(String(body.votingOpensAt));
    if (!(opens >= Date.now() + 10 * DAY))
      errors.push({ field: 'body.votingOpensAt', message: 'must leave the 10-day notice period' });
    if (!(Date.parse(String(body.votingClosesAt)) > opens))
      errors.push({ field: 'body.votingClosesAt', message: 'must be after the opening' });
    if (errors.length) return problem(res, 400, 'The request is not valid', errors);
    const agenda = body.agenda as {
      title: string;
      description: string;
      kind: string;
      organizationId?: string;
    }[];
    const meeting = {
      ...baseMeeting(),
      id: crypto.randomUUID(),
      title: String(body.title),
      phase: 'notice',
      initiator: { kind: body.initiator, name: user.name, userId: user.userId },
      votingOpensAt: String(body.votingOpensAt),
      votingClosesAt: String(body.votingClosesAt),
      agenda: agenda.map((a, i) => ({
        id: crypto.randomUUID(),
        position: i + 1,
        ...a,
        rule: 'majority_of_cast',
        organizationId: a.organizationId ?? null,
      })),
    } as MeetingView;
    called.set(key, meeting);
    json(res, 201, meeting);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return self;
}
