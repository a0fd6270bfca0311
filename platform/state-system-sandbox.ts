// The local stand-in for a state system we do not own (tax authority, cadastre): a real HTTP
// server that speaks the adapter's contract, used by `npm start` when no URL is configured and by
// tests, which inject the system's bad days — failures, slowness, refusals, malformed answers —
// into its next answers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FieldError } from './state-system.ts';

export function send(res: ServerResponse, status: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(text);
}

export const problem = (code: string, message: string, errors: FieldError[] = []) => ({
  code,
  message,
  errors,
});

export interface SandboxServer {
  url: string;
  /** Every request received, injected failures included. */
  readonly requests: number;
  /** The next n requests are answered with `status` and nothing else happens. */
  failNext(n: number, status: number): void;
  /** The next n requests are answered only after `ms`, to make clients time out. */
  delayNext(n: number, ms: number): void;
  /** The next n requests are refused with these field errors, as the system refuses. */
  rejectNext(n: number, errors: FieldError[]): void;
  /** The next n requests get this raw answer (e.g. a 200 whose body is not what the contract says). */
  respondNext(n: number, status: number, body: string): void;
  /** Drops every injected answer not yet given. */
  clearInjections(): void;
  close(): Promise<void>;
}

export interface SandboxServerOptions {
  port: number;
  host: string;
  /** How the system refuses a request: its status and code (422 validation_failed, 400 bad_request). */
  refusal: { status: number; code: string };
  /** The system's own behaviour, for requests nothing was injected for. */
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

type Injection = { kind: 'respond'; status: number; body: string } | { kind: 'delay'; ms: number };

export async function startSandboxServer(o: SandboxServerOptions): Promise<SandboxServer> {
  const injections: Injection[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;
  const inject = (n: number, i: Injection) => {
    for (let k = 0; k < n; k++) injections.push(i);
  };

  const server = createServer((req, res) => {
    requests++;
    const injection = injections.shift();
    const run = () => {
      if (injection?.kind === 'respond') return send(res, injection.status, injection.body);
      Promise.resolve()
        .then(() => o.handle(req, res))
        .catch((err: unknown) => {
          if (!res.headersSent) send(res, 500, problem('internal', String(err)));
        });
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
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${o.host}:${address.port}`,
    get requests() {
      return requests;
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
        status: o.refusal.status,
        body: JSON.stringify(problem(o.refusal.code, 'injected rejection', errors)),
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
