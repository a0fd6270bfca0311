// A local stand-in for the tax authority, speaking the contract documented in client.ts. `npm start`
// embeds it when TAX_AUTHORITY_URL is unset, so the registration workflow runs end to end on a
// laptop; tests use its failure injection to see the adapter and the retries meet real HTTP.
// Registrations live in memory only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FieldError, type TaxRegistrationRequest, taxRegistrationRequestSchema } from './client.ts';

export interface SandboxRegistration {
  registrationNumber: string;
  registeredAt: string;
  idempotencyKey: string;
  request: TaxRegistrationRequest;
}

export interface TaxAuthoritySandbox {
  url: string;
  readonly registrations: readonly SandboxRegistration[];
  /** Every request received, injected failures included. */
  readonly requests: number;
  /** The next n requests are answered with `status` and nothing else happens. */
  failNext(n: number, status: number): void;
  /** The next n requests are answered only after `ms`, to make clients time out. */
  delayNext(n: number, ms: number): void;
  /** The next n requests are answered 422 with these field errors. */
  rejectNext(n: number, errors: FieldError[]): void;
  /** The next n requests get this raw answer (e.g. a 200 that is not a registration). */
  respondNext(n: number, status: number, body: string): void;
  /** Drops every injected answer not yet given. */
  clearInjections(): void;
  close(): Promise<void>;
}

export interface TaxAuthoritySandboxOptions {
  port?: number;
  host?: string;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  now?: () => Date;
}

type Injection = { kind: 'respond'; status: number; body: string } | { kind: 'delay'; ms: number };

const PATH = '/v1/lease-registrations';

function send(res: ServerResponse, status: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(text);
}

const problem = (code: string, message: string, errors: FieldError[] = []) => ({ code, message, errors });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTaxAuthoritySandbox({
  port = 0,
  host = '127.0.0.1',
  apiKey,
  now = () => new Date(),
}: TaxAuthoritySandboxOptions = {}): Promise<TaxAuthoritySandbox> {
  const registrations: SandboxRegistration[] = [];
  const byKey = new Map<string, { body: string; registration: SandboxRegistration }>();
  const injections: Injection[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;
  const inject = (n: number, i: Injection) => {
    for (let k = 0; k < n; k++) injections.push(i);
  };

  const view = (r: SandboxRegistration) => ({
    registrationNumber: r.registrationNumber,
    registeredAt: r.registeredAt,
    contractId: r.request.contractId,
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (url.pathname !== PATH) return send(res, 404, problem('not_found', `no route ${url.pathname}`));
    if (apiKey && req.headers.authorization !== `Bearer ${apiKey}`)
      return send(res, 401, problem('unauthorized', 'a valid API key is required'));

    if (req.method === 'GET') {
      const contractId = url.searchParams.get('contractId');
      if (!contractId)
        return send(
          res,
          400,
          problem('bad_request', 'contractId is required', [{ field: 'contractId', message: 'is required' }]),
        );
      const found = registrations.filter((r) => r.request.contractId === contractId);
      if (found.length === 0) return send(res, 404, problem('not_found', 'no registration'));
      return send(res, 200, { registrations: found.map(view) });
    }
    if (req.method !== 'POST')
      return send(res, 405, problem('method_not_allowed', `${req.method} not allowed`));

    const key = req.headers['idempotency-key'];
    const text = await readBody(req);
    if (typeof key !== 'string' || key.length === 0 || key.length > 200)
      return send(
        res,
        400,
        problem('bad_request', 'Idempotency-Key is required', [
          { field: 'Idempotency-Key', message: 'must be 1..200 characters' },
        ]),
      );
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return send(res, 400, problem('bad_request', 'the body is not JSON'));
    }
    const seen = byKey.get(key);
    if (seen) {
      if (seen.body !== JSON.stringify(json))
        return send(res, 409, problem('idempotency_key_reused', 'the key was used for another request'));
      return send(res, 200, view(seen.registration));
    }
    const parsed = taxRegistrationRequestSchema.safeParse(json);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      return send(res, 422, problem('validation_failed', 'the registration is invalid', errors));
    }
    const at = now();
    const registration: SandboxRegistration = {
      registrationNumber: `STI-${at.getUTCFullYear()}-${String(registrations.length + 1).padStart(6, '0')}`,
      registeredAt: at.toISOString(),
      idempotencyKey: key,
      request: parsed.data,
    };
    registrations.push(registration);
    byKey.set(key, { body: JSON.stringify(json), registration });
    return send(res, 201, view(registration));
  }

  const server = createServer((req, res) => {
    requests++;
    const injection = injections.shift();
    const run = () => {
      if (injection?.kind === 'respond') return send(res, injection.status, injection.body);
      handle(req, res).catch((err: unknown) => {
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
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${host}:${address.port}`,
    get registrations() {
      return registrations;
    },
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
        status: 422,
        body: JSON.stringify(problem('validation_failed', 'injected rejection', errors)),
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
