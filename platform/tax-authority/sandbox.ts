// A local stand-in for the tax authority, speaking the contract documented in client.ts. `npm start`
// embeds it when TAX_AUTHORITY_URL is unset, so the registration workflow runs end to end on a
// laptop; tests use its failure injection to see the adapter and the retries meet real HTTP.
// Registrations live in memory only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problem, type SandboxServer, send, startSandboxServer } from '../state-system-sandbox.ts';
import { type TaxRegistrationRequest, taxRegistrationRequestSchema } from './client.ts';

export interface SandboxRegistration {
  registrationNumber: string;
  registeredAt: string;
  idempotencyKey: string;
  request: TaxRegistrationRequest;
}

export interface TaxAuthoritySandbox extends SandboxServer {
  readonly registrations: readonly SandboxRegistration[];
}

export interface TaxAuthoritySandboxOptions {
  port?: number;
  host?: string;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  now?: () => Date;
}

const PATH = '/v1/lease-registrations';

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

  const server = await startSandboxServer({
    port,
    host,
    refusal: { status: 422, code: 'validation_failed' },
    handle,
  });
  return Object.defineProperty(server, 'registrations', { get: () => registrations }) as TaxAuthoritySandbox;
}
