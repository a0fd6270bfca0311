// A stand-in for the appeals API (/tmp/appeals-spec.md) so the widget tests isolate the widgets:
// bearer auth, problem+json, attachment sniffing with the real domain code, idempotent submission,
// the applicant's acceptance, the district list with its filters, the board and the CSV export,
// and the bundle and test pages served from memory.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sniffMediaType } from '../../domain/appeals/attachments.ts';
import { appealDates } from '../../domain/appeals/dates.ts';
import { tashkentDate } from '../../domain/calendar/working-days.ts';
import type { AppealJson, AppealSummary, AppealsBoard } from '../../widgets/appeals/client.ts';
import { json, problem, readBody, send } from '../support/fake-http.ts';

export const FAKE_TOKEN_PREFIX = 'fake-token-';
const fixed = (n: number) => `a99e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const IDS = {
  building: fixed(1),
  apartment: fixed(2),
  district: fixed(3),
  orgObod: fixed(4),
  orgToza: fixed(5),
  answered: fixed(11),
  overdue: fixed(12),
  onTime: fixed(13),
} as const;

export const USERS = {
  resident: { userId: fixed(51), name: 'Aziz Karimov', roles: ['resident'] },
  council: { userId: fixed(54), name: 'Malika Yusupova', roles: ['council'] },
} as const;
type Persona = keyof typeof USERS;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OBOD = { kind: 'management_organization' as const, id: IDS.orgObod, name: '“Obod Yunusobod” MChJ' };
const TOZA = { kind: 'management_organization' as const, id: IDS.orgToza, name: '“Toza Hovli” MChJ' };

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  filename: string | undefined;
  body: unknown;
}

export interface FakeAppealsApi {
  url: string;
  requests: RecordedRequest[];
  pages: Map<string, string>;
  appeals: Map<string, AppealJson>;
  /** The next POST /appeals answers 503 after registering nothing, as a lost gateway would. */
  failNextSubmit(): void;
  close(): Promise<void>;
}

function appeal(over: Partial<AppealJson> & Pick<AppealJson, 'id' | 'registrationNumber'>): AppealJson {
  const now = Date.now();
  const a: Omit<AppealJson, 'dates'> = {
    category: 'heating',
    kind: 'complaint',
    subject: { buildingId: IDS.building },
    text: 'Radiatorlar sovuq, 3-podyezd.',
    status: 'registered',
    level: 'management_organization',
    responsible: OBOD,
    receivedAt: new Date(now - 10 * DAY).toISOString(),
    // The Tashkent day of receipt: a UTC date is the day before from 19:00 UTC on.
    registeredOn: tashkentDate(now - 10 * DAY),
    dueLastDay: new Date(now + 5 * DAY).toISOString().slice(0, 10),
    dueAt: new Date(now + 5 * DAY).toISOString(),
    overdue: false,
    extended: false,
    timeline: [],
    attachments: [],
    availableActions: [],
    ...over,
  };
  const answeredAt = a.answer ? Date.parse(a.answer.answeredAt) : null;
  return { ...a, dates: appealDates({ ...a, receivedAt: Date.parse(a.receivedAt), answeredAt }) };
}

function fixtures(): AppealJson[] {
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms).toISOString();
  const manager = { kind: 'user' as const, userId: fixed(53), name: 'Sherzod Rahimov' };
  const resident = { kind: 'user' as const, userId: USERS.resident.userId, name: USERS.resident.name };
  return [
    appeal({
      id: IDS.answered,
      registrationNumber: '2026-000101',
      category: 'lift',
      status: 'answered',
      text: 'Lift ikki haftadan beri ishlamayapti.',
      answer: {
        text: 'Lift taʼmirlandi, 14-noyabrdan ishlamoqda.',
        answeredAt: at(-2 * DAY),
        by: { userId: manager.userId, name: manager.name },
        disputeEndsAt: at(28 * DAY),
      },
      timeline: [
        { at: at(-10 * DAY), action: 'submit', actor: resident, responsible: OBOD },
        { at: at(-9 * DAY), action: 'accept', actor: manager, responsible: OBOD },
        { at: at(-2 * DAY), action: 'answer', actor: manager, responsible: OBOD, note: 'Lift taʼmirlandi' },
      ],
      availableActions: ['accept_answer', 'dispute'],
    }),
    appeal({
      id: IDS.overdue,
      registrationNumber: '2026-000102',
      category: 'water',
      status: 'in_progress',
      responsible: TOZA,
      dueLastDay: at(-3 * DAY).slice(0, 10),
      dueAt: at(-2 * DAY - HOUR),
      overdue: true,
    }),
    appeal({
      id: IDS.onTime,
      registrationNumber: '2026-000103',
      category: 'cleaning',
      kind: 'application',
      status: 'registered',
      // Came in on a day off: registered on the next working day, two Tashkent days later.
      receivedAt: at(-3 * DAY),
      registeredOn: at(-DAY + 5 * HOUR).slice(0, 10),
      dueLastDay: at(2 * DAY).slice(0, 10),
      dueAt: at(2 * DAY + 5 * HOUR),
      timeline: [{ at: at(-3 * DAY), action: 'submit', actor: resident, responsible: OBOD }],
    }),
  ];
}

const summary = (a: AppealJson): AppealSummary => ({
  id: a.id,
  registrationNumber: a.registrationNumber,
  category: a.category,
  kind: a.kind,
  status: a.status,
  level: a.level,
  responsible: a.responsible,
  buildingId: a.subject.buildingId,
  receivedAt: a.receivedAt,
  dueLastDay: a.dueLastDay,
  dueAt: a.dueAt,
  overdue: a.overdue,
  answeredAt: a.answer?.answeredAt ?? null,
  dates: a.dates,
});

export const BOARD: AppealsBoard = {
  districtId: IDS.district,
  counts: {
    registered: 1,
    in_progress: 1,
    answered: 1,
    reopened: 0,
    escalated: 0,
    transferred: 0,
    closed: 0,
  },
  overdue: 1,
  organizations: [
    {
      organizationId: IDS.orgObod,
      name: OBOD.name,
      total: 12,
      answered: 10,
      answeredInTime: 8,
      shareAnsweredInTime: 0.8,
      medianHoursToAnswer: 96.5,
    },
    {
      organizationId: IDS.orgToza,
      name: TOZA.name,
      total: 4,
      answered: 0,
      answeredInTime: 0,
      shareAnsweredInTime: null,
      medianHoursToAnswer: null,
    },
  ],
};

export async function startFakeAppealsApi(files: Map<string, string>): Promise<FakeAppealsApi> {
  const requests: RecordedRequest[] = [];
  const pages = new Map<string, string>();
  const appeals = new Map(fixtures().map((a) => [a.id, a]));
  // The resident's own: one answered, one registered on the next working day after a day off.
  const mine = new Set<string>([IDS.answered, IDS.onTime]);
  const byKey = new Map<string, AppealJson>();
  const attachments = new Map<string, { filename: string; mediaType: string; size: number }>();
  let failSubmit = false;
  let seq = 123;

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
    const raw = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    const contentType = req.headers['content-type'];
    let body: unknown = null;
    if (/json/.test(contentType ?? '') && raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return problem(res, 400, 'malformed JSON', [{ field: 'body', message: 'malformed JSON' }]);
      }
    } else if (raw.length > 0) body = { bytes: raw.length };
    requests.push({
      method: req.method ?? 'GET',
      path: path + url.search,
      authorization: req.headers.authorization,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      contentType,
      filename: req.headers['x-filename'] as string | undefined,
      body,
    });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const persona = token?.startsWith(FAKE_TOKEN_PREFIX)
      ? (token.slice(FAKE_TOKEN_PREFIX.length) as Persona)
      : null;
    const user = persona ? USERS[persona] : undefined;
    if (!user) return problem(res, 401, 'a bearer token is required');
    const resident = persona === 'resident';
    const route = `${req.method} ${path.slice('/api/v1'.length)}`;

    if (route === 'GET /me/apartments') {
      if (!resident) return problem(res, 403, 'residents only');
      return json(res, 200, [
        {
          id: IDS.apartment,
          buildingId: IDS.building,
          number: '12',
          entrance: 1,
          floor: 3,
          area: 64.2,
          address: 'Yunusobod 4-mavze, 12-uy',
          share: { numerator: 1, denominator: 1 },
          coOwners: 0,
        },
        {
          ...{ id: fixed(99), buildingId: fixed(98), number: '7', entrance: 1, floor: 1, area: 40 },
          address: 'Boshqa uy',
          share: { numerator: 1, denominator: 2 },
          coOwners: 1,
        },
      ]);
    }
    if (route === 'POST /appeal-attachments') {
      const declared = contentType ?? '';
      if (!['image/jpeg', 'image/png', 'application/pdf'].includes(declared))
        return problem(res, 415, 'unsupported type');
      if (sniffMediaType(raw.subarray(0, 8)) !== declared)
        return problem(res, 400, 'invalid', [{ field: 'body', message: `the content is not ${declared}` }]);
      const id = fixed(700 + attachments.size);
      const meta = {
        filename: decodeURIComponent(String(req.headers['x-filename'] ?? 'file')),
        mediaType: declared,
        size: raw.length,
      };
      attachments.set(id, meta);
      return json(res, 201, { id, ...meta });
    }
    if (route === 'POST /appeals') return submit(req, res, body as Record<string, unknown>, resident);
    if (route === 'GET /appeals/board') {
      if (url.searchParams.get('districtId') !== IDS.district) return problem(res, 403, 'not your district');
      return json(res, 200, BOARD);
    }
    if (route === 'GET /appeals') return json(res, 200, list(url.searchParams));
    if (route === 'GET /appeals/export.csv') {
      const rows = list(url.searchParams, true).items.map(
        (a) => `${a.registrationNumber},${a.category},${a.status},${a.dueLastDay},${a.overdue}`,
      );
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
      return void res.end(['registrationNumber,category,status,dueLastDay,overdue', ...rows].join('\r\n'));
    }
    const match = /^(GET|POST) \/appeals\/([^/]+)(?:\/(acceptance|dispute))?$/.exec(route);
    const target = match ? appeals.get(match[2]!) : undefined;
    if (!match || !target) return problem(res, 404, `no route for ${route}`);
    if (match[1] === 'GET' && !match[3]) return json(res, 200, target);
    if (!resident || !mine.has(target.id)) return problem(res, 403, 'the applicant only');
    if (target.status !== 'answered') return problem(res, 409, `not answered (${target.status})`);
    const actor = { kind: 'user' as const, userId: user.userId, name: user.name };
    const now = new Date().toISOString();
    if (match[3] === 'acceptance') {
      const rating = (body as { rating?: number })?.rating;
      if (!Number.isInteger(rating) || rating! < 1 || rating! > 5)
        return problem(res, 400, 'invalid', [{ field: 'body.rating', message: '1 to 5' }]);
      const next: AppealJson = {
        ...target,
        status: 'closed',
        rating: rating!,
        availableActions: [],
        timeline: [
          ...target.timeline,
          { at: now, action: 'accept_answer', actor, responsible: target.responsible },
        ],
      };
      appeals.set(next.id, next);
      return json(res, 200, next);
    }
    const reason = String((body as { reason?: string })?.reason ?? '');
    const next: AppealJson = {
      ...target,
      status: 'reopened',
      availableActions: [],
      timeline: [
        ...target.timeline,
        { at: now, action: 'dispute', actor, responsible: target.responsible, note: reason },
      ],
    };
    appeals.set(next.id, next);
    return json(res, 200, next);
  }

  function list(q: URLSearchParams, all = false) {
    let items = [...appeals.values()];
    if (q.get('mine') === '1') items = items.filter((a) => mine.has(a.id));
    const status = q.get('status');
    const category = q.get('category');
    const org = q.get('organizationId');
    if (status) items = items.filter((a) => a.status === status);
    if (category) items = items.filter((a) => a.category === category);
    if (org) items = items.filter((a) => a.responsible.id === org);
    if (q.get('overdue') === 'true') items = items.filter((a) => a.overdue);
    items.sort((a, b) => b.registrationNumber.localeCompare(a.registrationNumber));
    const page = Number(q.get('page') ?? 1);
    const pageSize = all ? items.length || 1 : Number(q.get('pageSize') ?? 20);
    return {
      items: items.slice((page - 1) * pageSize, page * pageSize).map(summary),
      page,
      pageSize,
      total: items.length,
    };
  }

  async function submit(
    req: IncomingMessage,
    res: ServerResponse,
    b: Record<string, unknown>,
    resident: boolean,
  ): Promise<void> {
    if (!resident) return problem(res, 403, 'residents only');
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key)
      return problem(res, 400, 'invalid', [{ field: 'header.idempotency-key', message: 'required' }]);
    if (failSubmit) {
      failSubmit = false;
      return problem(res, 503, 'temporarily unavailable');
    }
    const previous = byKey.get(key);
    if (previous) return json(res, 201, previous);
    const ids = (b.attachmentIds as string[] | undefined) ?? [];
    if (ids.some((id) => !attachments.has(id)))
      return problem(res, 400, 'invalid', [{ field: 'body.attachmentIds', message: 'unknown attachment' }]);
    const now = Date.now();
    const created = appeal({
      id: fixed(800 + seq),
      registrationNumber: `2026-${String(seq++).padStart(6, '0')}`,
      category: b.category as AppealJson['category'],
      kind: b.kind as AppealJson['kind'],
      subject: b.subject as AppealJson['subject'],
      text: String(b.text),
      receivedAt: new Date(now).toISOString(),
      registeredOn: '2026-11-16',
      dueLastDay: '2026-12-01',
      dueAt: '2026-12-01T19:00:00Z',
      attachments: ids.map((id) => ({ id, ...attachments.get(id)!, part: 'appeal' as const })),
      timeline: [
        {
          at: new Date(now).toISOString(),
          action: 'submit',
          actor: { kind: 'user', userId: USERS.resident.userId, name: USERS.resident.name },
          responsible: OBOD,
        },
      ],
    });
    appeals.set(created.id, created);
    mine.add(created.id);
    byKey.set(key, created);
    return json(res, 201, created);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    pages,
    appeals,
    failNextSubmit: () => {
      failSubmit = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
