// A local stand-in for the state cadastre, speaking the contract documented in client.ts. `npm start`
// embeds it when CADASTRE_URL is unset (issuing a plausible passport for any number, so the demo
// commissioning runs end to end); tests issue passports explicitly and inject failures to see the
// adapter and the workflow's retries meet real HTTP. Passports live in memory only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CadastralPassport, FieldError } from './client.ts';

export interface CadastreSandbox {
  url: string;
  /** Every request received, injected failures included. */
  readonly requests: number;
  /** Issues (or replaces) the passport for its cadastral number. */
  issue(passport: CadastralPassport): void;
  /** The next n requests are answered with `status` and nothing else happens. */
  failNext(n: number, status: number): void;
  /** The next n requests are answered only after `ms`, to make clients time out. */
  delayNext(n: number, ms: number): void;
  /** The next n requests are answered 400 with these field errors. */
  rejectNext(n: number, errors: FieldError[]): void;
  /** The next n requests get this raw answer (e.g. a 200 that is not a passport). */
  respondNext(n: number, status: number, body: string): void;
  clearInjections(): void;
  close(): Promise<void>;
}

export interface CadastreSandboxOptions {
  port?: number;
  host?: string;
  apiKey?: string;
  /** Answer every number with a made-up passport (the demo), instead of 404 for unknown ones. */
  issueAny?: boolean;
  now?: () => Date;
}

type Injection = { kind: 'respond'; status: number; body: string } | { kind: 'delay'; ms: number };

const PREFIX = '/v1/passports/';

const send = (res: ServerResponse, status: number, body: unknown) =>
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    .end(typeof body === 'string' ? body : JSON.stringify(body));
const problem = (code: string, message: string, errors: FieldError[] = []) => ({ code, message, errors });

/** A deterministic passport for a number, for the demo. */
export function madeUpPassport(cadastralNumber: string, issuedAt: Date): CadastralPassport {
  let h = 0;
  for (const c of cadastralNumber) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const floors = 9 + (h % 8);
  const entrances = 2 + (h % 4);
  const apartments = floors * entrances * 4;
  return {
    cadastralNumber,
    passportNumber: `KP-${String(h % 1_000_000).padStart(6, '0')}`,
    issuedAt: issuedAt.toISOString(),
    address: `Yangi ko'cha ${1 + (h % 120)}`,
    yearBuilt: issuedAt.getUTCFullYear(),
    floors,
    entrances,
    totalAreaM2: apartments * 72,
    livingAreaM2: apartments * 58,
    apartments,
  };
}

export async function startCadastreSandbox({
  port = 0,
  host = '127.0.0.1',
  apiKey,
  issueAny = false,
  now = () => new Date(),
}: CadastreSandboxOptions = {}): Promise<CadastreSandbox> {
  const passports = new Map<string, CadastralPassport>();
  const injections: Injection[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;
  const inject = (n: number, i: Injection) => {
    for (let k = 0; k < n; k++) injections.push(i);
  };

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (!url.pathname.startsWith(PREFIX))
      return send(res, 404, problem('no_route', `no route ${url.pathname}`));
    if (apiKey && req.headers.authorization !== `Bearer ${apiKey}`)
      return send(res, 401, problem('unauthorized', 'a valid API key is required'));
    if (req.method !== 'GET')
      return send(res, 405, problem('method_not_allowed', `${req.method} not allowed`));
    const number = decodeURIComponent(url.pathname.slice(PREFIX.length));
    if (number === '' || number.length > 64)
      return send(
        res,
        400,
        problem('bad_request', 'a cadastral number is required', [
          { field: 'cadastralNumber', message: 'must be 1..64 characters' },
        ]),
      );
    const found = passports.get(number) ?? (issueAny ? madeUpPassport(number, now()) : undefined);
    if (!found) return send(res, 404, problem('not_found', 'no passport issued for this number'));
    return send(res, 200, found);
  }

  const server = createServer((req, res) => {
    requests++;
    const injection = injections.shift();
    const run = () => {
      if (injection?.kind === 'respond') return send(res, injection.status, injection.body);
      try {
        handle(req, res);
      } catch (err) {
        if (!res.headersSent) send(res, 500, problem('internal', String(err)));
      }
    };
    if (injection?.kind !== 'delay') return run();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) run();
    }, injection.ms);
    timers.add(timer);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${host}:${address.port}`,
    get requests() {
      return requests;
    },
    issue: (p) => {
      passports.set(p.cadastralNumber, p);
    },
    clearInjections: () => {
      injections.length = 0;
    },
    failNext: (n, status) =>
      inject(n, {
        kind: 'respond',
        status,
        body: JSON.stringify(problem(`http_${status}`, 'injected failure')),
      }),
    delayNext: (n, ms) => inject(n, { kind: 'delay', ms }),
    rejectNext: (n, errors) =>
      inject(n, {
        kind: 'respond',
        status: 400,
        body: JSON.stringify(problem('bad_request', 'injected rejection', errors)),
      }),
    respondNext: (n, status, body) => inject(n, { kind: 'respond', status, body }),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
