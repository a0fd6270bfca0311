// A stand-in for the API that speaks its contract (bearer auth, problem+json, the registry views
// and the development endpoints), so widget tests isolate the widget from the real server. It also
// serves the bundle from memory, test pages, and the demo portal from widgets/demo.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '../../domain/common/page.ts';
import type { BuildingView, MyApartmentView } from '../../domain/registry/types.ts';
import { json, problem, readBody, send } from '../support/fake-http.ts';
import { BUILDINGS } from './fake-buildings.ts';
import { classificationOf, consumption, summaryOf } from './fake-condition-data.ts';

export { BUILDINGS } from './fake-buildings.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  acceptLanguage: string | undefined;
}

export interface FakeRegistryApi {
  url: string;
  /** Every /api and /dev request, oldest first. */
  requests: RecordedRequest[];
  /** Test pages by path, e.g. `pages.set('/t/1', '<!doctype html>…')`. */
  pages: Map<string, string>;
  /** Answers for these building ids wait until `release()`. */
  held: Set<string>;
  /** While true, the condition endpoints answer 404, as an API without them would. */
  conditionAbsent: boolean;
  release(): void;
  close(): Promise<void>;
}

export const FAKE_TOKEN_PREFIX = 'fake-token-';

/** Answers 403 to everyone: a building outside every test persona's scope. */
export const FORBIDDEN_BUILDING_ID = '0a6f4c52-8a0e-4c56-9d1e-2c3b4d5e6f99';
/** Answers 503 to the first three reads (a widget asks a busy read thrice), then like BUILDINGS[0]. */
export const FLAKY_BUILDING_ID = '0a6f4c52-8a0e-4c56-9d1e-2c3b4d5e6f98';

const LABELS: Record<string, { uz: string; ru: string; en: string }> = {
  resident: {
    uz: 'Aziza Karimova — uy egasi',
    ru: 'Азиза Каримова — собственник',
    en: 'Aziza Karimova — owner',
  },
  management_company: {
    uz: '“Obod Yunusobod” — boshqaruv tashkiloti',
    ru: '«Обод Юнусобод» — управляющая организация',
    en: '“Obod Yunusobod” — management company',
  },
  council: {
    uz: 'Yunusobod tuman kengashi',
    ru: 'Кенгаш Юнусабадского района',
    en: 'Yunusobod district council',
  },
  inspector: { uz: 'Uy-joy inspeksiyasi', ru: 'Жилищная инспекция', en: 'Housing inspectorate' },
  admin: { uz: 'Tizim administratori', ru: 'Администратор системы', en: 'System administrator' },
};

const PERSONAS = [
  { key: 'resident', userId: 'u-resident', role: 'resident', buildingId: BUILDINGS[0]!.id },
  { key: 'management', userId: 'u-management', role: 'management_company' },
  { key: 'council', userId: 'u-council', role: 'council' },
  { key: 'inspector', userId: 'u-inspector', role: 'inspector' },
  { key: 'admin', userId: 'u-admin', role: 'admin' },
].map((p) => ({ ...p, label: LABELS[p.role]! }));

const MY_APARTMENTS: MyApartmentView[] = [
  {
    id: 'a1000000-0000-4000-8000-000000000001',
    buildingId: BUILDINGS[0]!.id,
    number: '27',
    entrance: 2,
    floor: 5,
    area: 64.3,
    address: BUILDINGS[0]!.address,
    share: { numerator: 1, denominator: 2 },
    coOwners: 1,
  },
];

const MAIL = [
  {
    id: 'm1',
    from: 'Mening Uyim <no-reply@meninguyim.uz>',
    to: 'aziza.karimova@example.uz',
    subject: 'Umumiy yigʻilish: ovoz berish 1-dekabrda boshlanadi',
    date: '2026-11-24T09:15:00+05:00',
    text: 'Hurmatli Aziza Karimova,\n\nYunusobod 4-mavze, 12-uy egalarining umumiy yigʻilishi…',
  },
];

const DEMO_DIR = new URL('../../widgets/demo/', import.meta.url);

export async function startFakeRegistryApi(files: Map<string, string> = new Map()): Promise<FakeRegistryApi> {
  const requests: RecordedRequest[] = [];
  const pages = new Map<string, string>();
  const held = new Set<string>();
  let waiting: (() => void)[] = [];
  let flakyFailures = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path.startsWith('/api/') || path.startsWith('/dev/')) {
      requests.push({
        method: req.method ?? 'GET',
        path: path + url.search,
        authorization: req.headers.authorization,
        acceptLanguage: req.headers['accept-language'],
      });
    }
    const file = files.get(path);
    if (file !== undefined) return send(res, 200, contentType(path), file);
    const page = pages.get(path);
    if (page !== undefined) return send(res, 200, 'text/html; charset=utf-8', page);
    if (path === '/dev/personas') return json(res, 200, PERSONAS);
    if (path === '/dev/mail') return json(res, 200, MAIL);
    if (path === '/dev/token' && req.method === 'POST') {
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { persona?: string };
      if (!PERSONAS.some((p) => p.key === body.persona)) return problem(res, 400, 'unknown persona');
      return json(res, 200, { token: FAKE_TOKEN_PREFIX + body.persona, expiresIn: 3600 });
    }
    if (path.startsWith('/api/v1/')) return api(req, res, path.slice('/api/v1'.length), url);
    if (path === '/' || path === '/portal.js') {
      const name = path === '/' ? 'index.html' : 'portal.js';
      return send(res, 200, contentType(name), await readFile(new URL(name, DEMO_DIR), 'utf8'));
    }
    return problem(res, 404, `no route for ${path}`);
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token?.startsWith(FAKE_TOKEN_PREFIX)) return problem(res, 401, 'a bearer token is required');
    const persona = token.slice(FAKE_TOKEN_PREFIX.length);
    if (path === '/me') {
      const p = PERSONAS.find((x) => x.key === persona);
      return json(res, 200, {
        userId: p?.userId ?? persona,
        personId: persona === 'resident' ? 'p-resident' : null,
        name: p?.label.en ?? persona,
        roles: [p?.role ?? 'admin'],
        organizationId: null,
        districtId: null,
      });
    }
    if (path === '/me/apartments') return json(res, 200, persona === 'resident' ? MY_APARTMENTS : []);
    if (path === '/buildings') {
      if (persona === 'resident') return problem(res, 403, 'residents see their own buildings only');
      const pageNo = Number(url.searchParams.get('page') ?? 1);
      const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
      const items = BUILDINGS.slice((pageNo - 1) * pageSize, pageNo * pageSize);
      return json(res, 200, {
        items,
        page: pageNo,
        pageSize,
        total: BUILDINGS.length,
      } satisfies Page<BuildingView>);
    }
    const section = /^\/buildings\/([^/]+)\/(classification|consumption)$/.exec(path);
    const district = /^\/districts\/([^/]+)\/summary$/.exec(path)?.[1];
    if ((section || district) && self.conditionAbsent) return problem(res, 404, `no route for ${path}`);
    if (district !== undefined) {
      const counts = summaryOf(district);
      return counts
        ? json(res, 200, { districtId: district, counts })
        : problem(res, 404, 'no such district');
    }
    if (section) {
      const [, sid, kind] = section as unknown as [string, string, string];
      if (sid === FORBIDDEN_BUILDING_ID) return problem(res, 403, 'this building is outside your scope');
      if (!BUILDINGS.some((b) => b.id === sid)) return problem(res, 404, `building ${sid} not found`);
      if (kind === 'classification') return json(res, 200, classificationOf(sid));
      const to = url.searchParams.get('to') ?? '2026-11';
      return json(res, 200, consumption(sid, url.searchParams.get('from') ?? to, to));
    }
    const id = /^\/buildings\/([^/]+)$/.exec(path)?.[1];
    if (id === undefined) return problem(res, 404, `no route for ${path}`);
    if (held.has(id)) await new Promise<void>((resolve) => waiting.push(resolve));
    if (id === FORBIDDEN_BUILDING_ID) return problem(res, 403, 'this building is outside your scope');
    if (id === FLAKY_BUILDING_ID && flakyFailures < 3) {
      flakyFailures++;
      return problem(res, 503, 'temporarily unavailable');
    }
    const building = id === FLAKY_BUILDING_ID ? BUILDINGS[0] : BUILDINGS.find((b) => b.id === id);
    if (!building) return problem(res, 404, `building ${id} not found`);
    return json(res, 200, building);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const self: FakeRegistryApi = {
    url: `http://127.0.0.1:${port}`,
    requests,
    pages,
    held,
    conditionAbsent: false,
    release() {
      held.clear();
      for (const resolve of waiting) resolve();
      waiting = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return self;
}

function contentType(path: string): string {
  if (path.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (path.endsWith('.map') || path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.css')) return 'text/css; charset=utf-8';
  return 'text/html; charset=utf-8';
}
